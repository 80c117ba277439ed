import Foundation
import HTTPTypes
import PixoraAPI
import PixoraCore
import PixoraJobs
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Plans and subscriptions through the API")
struct SubscriptionAPITests {
    @Test(
        "with billing off: one self-hosted plan, every account on it, the admin cannot change it",
        arguments: TestEngine.allCases)
    func billingOff(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let plans = try await api.call(.get, "/api/v1/billing/plans")
                #expect(plans.status == .ok)
                let list = try plans.decode(Schemas.BillingPlanList.self)
                #expect(
                    !list.billingEnabled && list.defaultPlan == "self-hosted" && list.plans.map(\.id) == ["self-hosted"]
                )
                #expect(list.plans[0].maxDurationSeconds == nil && list.plans[0].concurrentJobs == nil)
                let admin = try await api.register()
                let mine = try await api.call(.get, "/api/v1/users/me/subscription", session: admin)
                let subscription = try mine.decode(Schemas.Subscription.self)
                #expect(subscription.plan.id == "self-hosted" && !subscription.billingEnabled)
                #expect(subscription.balance == 100 && subscription.status == .active)
                let change = try await api.call(
                    .put, "/api/v1/admin/users/\(admin.userId)/plan", session: admin, json: ["plan": "pro"])
                #expect(change.status == .conflict && change.errorCode == .conflict)
                #expect(try await api.call(.get, "/api/v1/users/me/subscription").status == .unauthorized)
            }
        }
    }

    @Test(
        "the plans are public; a new account is on the default plan, its period from its creation, its usage counted",
        arguments: TestEngine.allCases)
    func subscription(engine: TestEngine) async throws {
        try await PlanFixtures.with(engine) { app, api, admin, session in
            let list = try await api.call(.get, "/api/v1/billing/plans").decode(Schemas.BillingPlanList.self)
            #expect(
                list.billingEnabled && list.defaultPlan == "tiny" && list.plans.map(\.id) == ["tiny", "hourly"])
            #expect(list.plans[1].price.stripePriceId == "price_hourly" && list.plans[1].price.cents == 500)
            #expect(list.plans[0].maxQuality == ._480p && list.plans[0].allowedModels == ["embedded"])

            let created = try await app.services.database.read { db in
                try await Users.find(db, id: session.userId)
            }!.createdAt
            #expect(try await api.createVideo(session).status == .created)
            let reply = try await api.call(.get, "/api/v1/users/me/subscription", session: session)
            #expect(reply.status == .ok, "\(reply.text)")
            let subscription = try reply.decode(Schemas.Subscription.self)
            #expect(subscription.plan.id == "tiny" && subscription.status == .active && subscription.billingEnabled)
            #expect(!subscription.managedByStripe && subscription.pendingPlan == nil)
            #expect(Int64((subscription.currentPeriodStart.timeIntervalSince1970 * 1000).rounded()) == created)
            let period = BillingPeriod(anchor: created, containing: created)
            #expect(Int64((subscription.currentPeriodEnd.timeIntervalSince1970 * 1000).rounded()) == period.end)
            let usage = Dictionary(uniqueKeysWithValues: subscription.usage.map { ($0.limit.rawValue, $0) })
            #expect(usage["monthlyCredits"]?.used == 5 && usage["monthlyCredits"]?.value == 10)
            #expect(usage["concurrentJobs"]?.used == 1 && usage["concurrentJobs"]?.value == 1)
            #expect(usage["generationsPerHour"]?.used == 1 && usage["generationsPerHour"]?.value == 20)
            #expect(usage["generationsThisPeriod"]?.used == 1 && usage["generationsThisPeriod"]?.value == nil)
            #expect(subscription.balance == 95)
        }
    }

    @Test("an account without a subscription row queues its jobs at the default plan's priority")
    func defaultPlanPriority() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plans-\(UUID().uuidString).yaml")
        try Data(
            """
            default: basic
            plans:
              - id: basic
                name: Basic
                price: {cents: 0}
                monthlyCredits: 0
                queuePriority: 2
            """.utf8
        ).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await TestApp.with(.sqlite, environment: ["PIXORA_PLANS_FILE": file.path]) { app in
            try await app.test { api in
                let session = try await api.register()
                #expect(try await api.createVideo(session).status == .created)
                let found = try await app.services.database.read { db in
                    (
                        try await Subscriptions.find(db, user: session.userId),
                        try await db.raw("SELECT priority FROM jobs WHERE user_id = \(bind: session.userId)").first()?
                            .decode(column: "priority", as: Int.self)
                    )
                }
                #expect(found.0 == nil && found.1 == 2)
            }
        }
    }

    @Test(
        "an admin sets a user's plan: limits and queue priority follow; others are refused",
        arguments: TestEngine.allCases)
    func adminSetsPlan(engine: TestEngine) async throws {
        try await PlanFixtures.with(engine) { app, api, admin, session in
            let path = "/api/v1/admin/users/\(session.userId)/plan"
            let denied = try await api.call(.put, path, session: session, json: ["plan": "hourly"])
            #expect(denied.status == .forbidden && denied.errorCode == .forbidden)
            let unknown = try await api.call(.put, path, session: admin, json: ["plan": "gold"])
            #expect(unknown.status == .unprocessableContent && unknown.errorCode == .validationFailed)
            let nobody = try await api.call(
                .put, "/api/v1/admin/users/\(UUID().uuidString)/plan", session: admin, json: ["plan": "hourly"])
            #expect(nobody.status == .notFound)
            #expect(
                try await app.services.database.read { db in
                    try await Subscriptions.find(db, user: session.userId)
                } == nil)

            let set = try await api.call(.put, path, session: admin, json: ["plan": "hourly"])
            #expect(set.status == .ok, "\(set.text)")
            #expect(try set.decode(Schemas.Subscription.self).plan.id == "hourly")
            let row = try await app.services.database.read { db in
                try await Subscriptions.find(db, user: session.userId)
            }
            #expect(row?.planId == "hourly" && row?.queuePriority == 4 && row?.status == .active)
            // Hourly has no length limit and a queue priority of 4: the next job carries it.
            let long = try await api.call(
                .post, "/api/v1/videos", session: session,
                json: ["prompt": "bees", "settings": ["durationSeconds": 60, "quality": "1080p"]])
            #expect(long.status == .created, "\(long.text)")
            let priority = try await app.services.database.read { db in
                try await db.raw("SELECT priority FROM jobs WHERE user_id = \(bind: session.userId)").first()?
                    .decode(column: "priority", as: Int.self)
            }
            #expect(priority == 4)
            let mine = try await api.call(.get, "/api/v1/users/me/subscription", session: session)
            #expect(try mine.decode(Schemas.Subscription.self).plan.id == "hourly")
        }
    }

    @Test(
        "an admin schedules a downgrade for the period's end; the allowance pass moves the account there",
        arguments: TestEngine.allCases)
    func scheduledDowngrade(engine: TestEngine) async throws {
        try await PlanFixtures.with(engine) { app, api, admin, session in
            let path = "/api/v1/admin/users/\(session.userId)/plan"
            #expect(try await api.call(.put, path, session: admin, json: ["plan": "hourly"]).status == .ok)
            let bad = try await api.call(.put, path, session: admin, json: ["plan": "tiny", "at": "tomorrow"])
            #expect(bad.status == .unprocessableContent && bad.errorCode == .validationFailed, "\(bad.text)")
            let created = try #require(
                try await app.services.database.read { db in try await Users.find(db, id: session.userId) }
            ).createdAt
            let period = BillingPeriod(anchor: created, containing: app.services.now())
            func schedule(_ plan: String) async throws -> Schemas.Subscription {
                let reply = try await api.call(.put, path, session: admin, json: ["plan": plan, "at": "periodEnd"])
                #expect(reply.status == .ok, "\(reply.text)")
                return try reply.decode(Schemas.Subscription.self)
            }
            let pending = try await schedule("tiny")
            #expect(pending.plan.id == "hourly" && pending.pendingPlan == "tiny")
            #expect(Int64((pending.currentPeriodEnd.timeIntervalSince1970 * 1000).rounded()) == period.end)
            // The current plan again cancels the change; then it is scheduled once more.
            #expect(try await schedule("hourly").pendingPlan == nil)
            #expect(try await schedule("tiny").pendingPlan == "tiny")

            func pass(at now: Int64) async throws {
                _ = try await Clock.$fixedMillis.withValue(now) {
                    try await Allowances.grantDue(database: app.services.database, plans: app.services.plans, now: now)
                }
            }
            func mine() async throws -> Schemas.Subscription {
                try await api.call(.get, "/api/v1/users/me/subscription", session: session)
                    .decode(Schemas.Subscription.self)
            }
            try await pass(at: period.end - 1)
            #expect(try await mine().plan.id == "hourly")
            try await pass(at: period.end)
            try await pass(at: period.end + 60_000)
            let moved = try await mine()
            #expect(moved.plan.id == "tiny" && moved.pendingPlan == nil)
            // Tiny's 10 monthly credits for the new period, once; balance = ledger sum.
            #expect(moved.balance == 110)
            let sum = try await app.services.database.read { db in
                try await CreditLedger.ledgerSum(db, user: session.userId)
            }
            #expect(sum == 110)

            // An account Stripe bills changes plan in Stripe, not at an administrator's period end.
            try await app.services.database.transaction { db in
                _ = try await Subscriptions.setPlan(
                    db, userID: admin.userId, plan: try #require(app.services.plans.plan(id: "hourly")),
                    stripeCustomer: "cus_admin", stripeSubscription: "sub_admin")
            }
            let billed = try await api.call(
                .put, "/api/v1/admin/users/\(admin.userId)/plan", session: admin,
                json: ["plan": "tiny", "at": "periodEnd"])
            #expect(billed.status == .conflict && billed.errorCode == .conflict, "\(billed.text)")
            let row = try await app.services.database.read { db in
                try await Subscriptions.find(db, user: admin.userId)
            }
            #expect(row?.planId == "hourly" && row?.pendingPlanId == nil)
        }
    }

    @Test(
        "with billing on, a finished video keeps its files for its plan's retention days",
        arguments: TestEngine.allCases)
    func retention(engine: TestEngine) async throws {
        try await PlanFixtures.with(engine) { app, api, admin, session in
            let id = try await api.createVideo(session).decode(Schemas.Video.self).id
            let done = try await app.withWorker { try await api.waitForVideo(session, id) }
            let video = try done.decode(Schemas.Video.self)
            #expect(video.status == .completed)
            // Tiny keeps files 2 days (the server's PIXORA_RETENTION would be 7).
            let expiresAt = try #require(video.expiresAt)
            #expect(abs(expiresAt.timeIntervalSince(video.updatedAt) - 2 * 86_400) < 1)
        }
    }
}
