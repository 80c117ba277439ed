import Foundation
import Logging
import PixoraCore
import PixoraJobs
import PixoraPipeline
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("The monthly allowance without Stripe")
struct AllowanceSchedulerTests {
    static let created: Int64 = 1_801_000_000_000  // 2027-01-26T…Z
    static let day: Int64 = 86_400_000
    static let plans = PlanCatalog.builtIn

    func account(_ database: any Database, _ plan: SubscriptionPlan?, grant: Int = 100) async throws -> String {
        let user = try await Clock.$fixedMillis.withValue(Self.created) {
            try await Users.create(
                in: database, email: "\(UUID().uuidString.prefix(8))@example.com", passwordHash: "x", name: "",
                grant: grant)
        }
        if let plan {
            try await database.transaction { db in _ = try await Subscriptions.setPlan(db, userID: user.id, plan: plan)
            }
        }
        return user.id
    }

    func grant(_ database: any Database, at now: Int64) async throws -> Int {
        try await Clock.$fixedMillis.withValue(now) {
            try await Allowances.grantDue(database: database, plans: Self.plans, now: now)
        }
    }

    func balanced(_ database: any Database, _ user: String) async throws -> Int {
        try await database.read { db in
            let balance = try await CreditLedger.balance(db, user: user)
            let sum = try await CreditLedger.ledgerSum(db, user: user)
            #expect(balance == sum)
            return sum
        }
    }

    @Test(
        "each plan's credits come on the account's monthly anniversary, once per period",
        arguments: TestEngine.allCases)
    func anniversary(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let free = try await account(database, nil)
            let pro = try await account(database, .pro)
            let end = BillingPeriod(anchor: Self.created, containing: Self.created).end
            // The first month is the sign-up grant's.
            #expect(try await grant(database, at: end - 1) == 0)
            #expect(try await balanced(database, free) == 100)
            #expect(try await balanced(database, pro) == 100)
            // Across the boundary: one grant each, by plan.
            #expect(try await grant(database, at: end) == 2)
            #expect(try await balanced(database, free) == 200)
            #expect(try await balanced(database, pro) == 100 + SubscriptionPlan.pro.monthlyCredits)
            // Later in the same period, and again: nothing more.
            #expect(try await grant(database, at: end + 10 * Self.day) == 0)
            #expect(try await balanced(database, pro) == 100 + SubscriptionPlan.pro.monthlyCredits)
            let grants = try await database.read { db in try await Subscriptions.grants(db, user: pro) }
            let key = BillingPeriod(anchor: Self.created, containing: end).key
            #expect(grants.map(\.period) == [key] && grants.first?.credits == SubscriptionPlan.pro.monthlyCredits)
            let row = try await database.read { db in
                try await CreditLedger.transactions(db, user: pro, limit: 1, after: nil).items.first
            }
            #expect(row?.reason == .planAllowance && row?.reference == key)
            // The next month: another grant.
            let next = BillingPeriod(anchor: Self.created, containing: end).end
            #expect(try await grant(database, at: next) == 2)
            #expect(try await balanced(database, free) == 300)
        }
    }

    @Test(
        "accounts Stripe bills get their allowance from invoices, not the anniversary", arguments: TestEngine.allCases)
    func stripeBilled(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await account(database, nil)
            try await database.transaction { db in
                _ = try await Subscriptions.setPlan(
                    db, userID: user, plan: .pro, stripeCustomer: "cus_1", stripeSubscription: "sub_1")
            }
            let end = BillingPeriod(anchor: Self.created, containing: Self.created).end
            #expect(try await grant(database, at: end) == 0)
            #expect(try await balanced(database, user) == 100)
            // The invoice's grant, as the webhook writes it: once per invoice however often it comes.
            for _ in 0..<3 {
                try await database.transaction { db in
                    _ = try await Subscriptions.grantAllowance(
                        db, userID: user, period: "invoice:in_1", credits: 1500, plan: "pro")
                }
            }
            #expect(try await balanced(database, user) == 1600)
        }
    }

    @Test(
        "a downgrade scheduled without Stripe applies at the period's end, before that period's grant, once",
        arguments: TestEngine.allCases)
    func pendingDowngrade(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let first = BillingPeriod(anchor: Self.created, containing: Self.created)
            let scheduled = try await account(database, .pro)
            // As `PUT /admin/users/{id}/plan` with `at: periodEnd` stores it: the period, and the plan after it.
            try await database.transaction { db in
                _ = try await Subscriptions.setPlan(
                    db, userID: scheduled, plan: .pro, periodStart: first.start, periodEnd: first.end,
                    pendingPlan: "free")
            }
            // A pending plan recorded without a period: due at the end of the month it was recorded in.
            let unanchored = try await account(database, .pro)
            try await Clock.$fixedMillis.withValue(Self.created + Self.day) {
                try await database.transaction { db in
                    _ = try await Subscriptions.setPendingPlan(db, userID: unanchored, plan: "free")
                }
            }
            func row(_ user: String) async throws -> Subscription? {
                try await database.read { db in try await Subscriptions.find(db, user: user) }
            }
            #expect(try await grant(database, at: first.end - 1) == 0)
            for user in [scheduled, unanchored] {
                let before = try await row(user)
                #expect(before?.planId == "pro" && before?.pendingPlanId == "free" && before?.queuePriority == 5)
            }
            // Across the boundary, four passes at once: each account moves once, and its new period's credits
            // are Free's, granted once.
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await grant(database, at: first.end) } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts.reduce(0, +) == 2)
            for user in [scheduled, unanchored] {
                let after = try await row(user)
                #expect(after?.planId == "free" && after?.pendingPlanId == nil && after?.queuePriority == 0)
                #expect(after?.currentPeriodEnd == nil)
                #expect(try await balanced(database, user) == 100 + SubscriptionPlan.free.monthlyCredits)
                let grants = try await database.read { db in try await Subscriptions.grants(db, user: user) }
                #expect(grants.map(\.planId) == ["free"])
            }
            // Later passes change nothing more.
            #expect(try await grant(database, at: first.end + Self.day) == 0)
            #expect(try await row(scheduled)?.planId == "free")
            #expect(try await balanced(database, scheduled) == 100 + SubscriptionPlan.free.monthlyCredits)
        }
    }

    @Test("two workers racing over the same period grant once", arguments: TestEngine.allCases)
    func race(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            var users: [String] = []
            for _ in 0..<5 { users.append(try await account(database, .enterprise, grant: 0)) }
            let end = BillingPeriod(anchor: Self.created, containing: Self.created).end
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await grant(database, at: end) } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts.reduce(0, +) == 5)
            for user in users {
                #expect(try await balanced(database, user) == SubscriptionPlan.enterprise.monthlyCredits)
            }
        }
    }

    @Test("a worker queues one allowance pass and its job grants what is due", arguments: TestEngine.allCases)
    func scheduledJob(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await account(database, .pro)
            let end = BillingPeriod(anchor: Self.created, containing: Self.created).end
            var workshop = VideoWorkshop(
                database: database, pipeline: VideoPipeline(store: AssetStore(root: TestApp.assetCache)),
                media: MediaFolder(root: FileManager.default.temporaryDirectory.appendingPathComponent("media")))
            #expect(!workshop.handlers.contains { $0.kind == .grantAllowances })
            workshop.plans = Self.plans
            var settings = WorkerSettings()
            settings.now = { end }
            let worker = Worker(database: database, handlers: workshop.handlers, settings: settings, logger: testLogger)
            // Two schedulers at once queue one job (the unique index of migration 17).
            let queued = try await database.transaction { db in
                [
                    try await Subscriptions.enqueueGrants(db, maxAttempts: 3),
                    try await Subscriptions.enqueueGrants(db, maxAttempts: 3),
                ]
            }
            #expect(queued == [true, false])
            #expect(try await worker.runOne())
            let job = try await database.read { db in
                try await db.raw("SELECT state FROM jobs WHERE kind = 'grant_allowances'").first()?.decode(
                    column: "state", as: String.self)
            }
            #expect(job == "succeeded")
            #expect(try await balanced(database, user) == 100 + SubscriptionPlan.pro.monthlyCredits)
        }
    }
}
