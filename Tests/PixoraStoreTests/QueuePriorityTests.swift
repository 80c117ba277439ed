import Foundation
import PixoraCore
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Queue priority by plan")
struct QueuePriorityTests {
    static let start: Int64 = 1_800_000_000_000

    /// An account on `plan` (no row for the default plan), made at `start`.
    func account(_ database: any Database, _ plan: SubscriptionPlan?) async throws -> String {
        let user = try await Clock.$fixedMillis.withValue(Self.start) {
            try await Users.create(
                in: database, email: "\(UUID().uuidString.prefix(8))@example.com", passwordHash: "x", name: "",
                grant: 0)
        }
        if let plan {
            try await database.transaction { db in _ = try await Subscriptions.setPlan(db, userID: user.id, plan: plan)
            }
        }
        return user.id
    }

    func enqueue(_ database: any Database, user: String?, at millis: Int64) async throws -> Job {
        try await Clock.$fixedMillis.withValue(millis) {
            try await database.transaction { db in
                try await Jobs.enqueue(
                    db, kind: .generateVideo, user: user, video: nil, payload: "{}", maxAttempts: 3)
            }
        }
    }

    func claim(_ database: any Database, at millis: Int64) async throws -> Job? {
        try await Clock.$fixedMillis.withValue(millis) {
            try await Jobs.claim(in: database, owner: "worker", lease: 30)
        }
    }

    @Test("jobs of higher tiers are claimed first; a job's priority is its plan's", arguments: TestEngine.allCases)
    func ordering(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let free = try await account(database, nil)
            let pro = try await account(database, .pro)
            let enterprise = try await account(database, .enterprise)
            let a = try await enqueue(database, user: free, at: Self.start)
            let system = try await enqueue(database, user: nil, at: Self.start + 500)
            let b = try await enqueue(database, user: pro, at: Self.start + 1_000)
            let c = try await enqueue(database, user: enterprise, at: Self.start + 2_000)
            let stored = try await database.read { db in
                try await db.raw("SELECT id, priority FROM jobs").all().reduce(into: [String: Int]()) {
                    $0[try $1.decode(column: "id", as: String.self)] = try $1.decode(column: "priority", as: Int.self)
                }
            }
            #expect(stored == [a.id: 0, system.id: 0, b.id: 5, c.id: 10])
            var order: [String] = []
            while let job = try await claim(database, at: Self.start + 3_000) { order.append(job.id) }
            #expect(order == [c.id, b.id, a.id, system.id])
        }
    }

    @Test(
        "a lower tier is not starved: a Free job waits at most the priority gap behind newer Pro jobs",
        arguments: TestEngine.allCases)
    func noStarvation(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let free = try await account(database, nil)
            let pro = try await account(database, .pro)
            let waiting = try await enqueue(database, user: free, at: Self.start)
            let step = JobPriority.stepMillis
            // A Pro job arrives every minute and one worker claims one job a minute: a steady Pro load.
            var claimedAt: Int?
            for minute in 1...10 {
                let now = Self.start + Int64(minute) * step
                _ = try await enqueue(database, user: pro, at: now)
                let job = try #require(try await claim(database, at: now))
                if job.id == waiting.id {
                    claimedAt = minute
                    break
                }
                #expect(job.userId == pro)
            }
            // Pro's priority 5 is worth five minutes: the Free job goes once it has waited that long (a tie at
            // the fifth minute is broken by id), never later.
            let minute = try #require(claimedAt)
            #expect((5...6).contains(minute))
        }
    }

    @Test(
        "a claim reads the claim-order index in order, with no sort of the queue", arguments: TestEngine.allCases)
    func claimPlan(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let query = JobPriority.nextQueued(now: Self.start, engine: database.engine)
            let plan = try await database.transaction { db in
                guard database.engine == .postgres else {
                    return try await db.raw("EXPLAIN QUERY PLAN \(query)").all().map {
                        try $0.decode(column: "detail", as: String.self)
                    }
                }
                // An empty table is read whole by PostgreSQL's choice; with scans and sorts priced out, a plan
                // without a Sort shows the ORDER BY is the index's own expression.
                try await db.raw("SET LOCAL enable_seqscan = off").run()
                try await db.raw("SET LOCAL enable_sort = off").run()
                try await db.raw("SET LOCAL enable_bitmapscan = off").run()
                return try await db.raw("EXPLAIN \(query)").all().map {
                    try $0.decode(column: "QUERY PLAN", as: String.self)
                }
            }
            #expect(plan.contains { $0.contains("jobs_claim_order") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") || $0.contains("Sort") }, "\(plan)")
        }
    }

    @Test("a plan's new priority applies to jobs queued after the catalogue changes", arguments: TestEngine.allCases)
    func syncedPriorities(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let pro = try await account(database, .pro)
            var faster = SubscriptionPlan.pro
            faster.queuePriority = 7
            let catalog = PlanCatalog(plans: [.free, faster], billingEnabled: true, defaultPlanID: "free")
            try await database.transaction { db in try await Subscriptions.syncPriorities(db, catalog: catalog) }
            #expect(try await enqueue(database, user: pro, at: Self.start).id.isEmpty == false)
            let priority = try await database.read { db in
                try await db.raw("SELECT priority FROM jobs").first()?.decode(column: "priority", as: Int.self)
            }
            #expect(priority == 7)
            // Billing turned off: every plan is unknown to the catalogue, so every account is back to 0.
            try await database.transaction { db in
                try await Subscriptions.syncPriorities(db, catalog: .selfHosted)
            }
            let row = try await database.read { db in try await Subscriptions.find(db, user: pro) }
            #expect(row?.queuePriority == 0)
        }
    }
}
