import Foundation
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("The job queue")
struct JobQueueTests {
    func enqueue(_ database: any Database, count: Int, maxAttempts: Int = 3) async throws -> [Job] {
        try await database.transaction { db in
            var jobs: [Job] = []
            for _ in 0..<count {
                jobs.append(
                    try await Jobs.enqueue(
                        db, kind: .renderVersion, user: nil, video: nil, payload: "{}", maxAttempts: maxAttempts))
            }
            return jobs
        }
    }

    @Test(
        "a claimed job is leased to one worker; an expired lease lets another worker take it",
        arguments: TestEngine.allCases)
    func leases(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let job = try await enqueue(database, count: 1)[0]
            // A lease of minutes while it must hold (a loaded machine may take seconds between two statements),
            // then a heartbeat that lets it end at once: the test waits on nothing but the clock moving on.
            let claimed = try await Jobs.claim(in: database, owner: "a", lease: 300)
            #expect(claimed?.id == job.id && claimed?.attempts == 1 && claimed?.leaseOwner == "a")
            #expect(try await Jobs.claim(in: database, owner: "b", lease: 30) == nil)
            #expect(try await Jobs.heartbeat(in: database, id: job.id, owner: "a", lease: 0.001))
            try await Task.sleep(for: .milliseconds(50))
            let taken = try await Jobs.claim(in: database, owner: "b", lease: 30)
            #expect(taken?.id == job.id && taken?.attempts == 2 && taken?.leaseOwner == "b")
            // The first worker woke up: it no longer holds the job and cannot finish it.
            #expect(try await Jobs.heartbeat(in: database, id: job.id, owner: "a", lease: 30) == false)
            #expect(
                try await database.transaction { db in try await Jobs.complete(db, id: job.id, owner: "a") } == false)
            #expect(try await database.transaction { db in try await Jobs.complete(db, id: job.id, owner: "b") })
            #expect(try await database.read { db in try await Jobs.find(db, id: job.id) }?.state == .succeeded)
        }
    }

    @Test(
        "take leases one named job: queued or abandoned, never one another worker holds or one that finished",
        arguments: TestEngine.allCases)
    func take(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let jobs = try await enqueue(database, count: 3, maxAttempts: 2)
            // The render's worker takes the second job; an idle worker's claim gets another one.
            #expect(try await Jobs.take(in: database, id: jobs[1].id, owner: "render", lease: 300))
            #expect(try await Jobs.take(in: database, id: jobs[1].id, owner: "idle", lease: 300) == false)
            let claimed = try await Jobs.claim(in: database, owner: "idle", lease: 300)
            #expect(claimed != nil && claimed?.id != jobs[1].id)
            #expect(try await Jobs.take(in: database, id: claimed!.id, owner: "render", lease: 300) == false)
            // The idle worker dies: once its lease runs out, the render's worker takes its job over.
            #expect(try await Jobs.heartbeat(in: database, id: claimed!.id, owner: "idle", lease: 0.001))
            try await Task.sleep(for: .milliseconds(50))
            #expect(try await Jobs.isSettled(in: database, id: claimed!.id) == false)
            #expect(try await Jobs.take(in: database, id: claimed!.id, owner: "render", lease: 300))
            let taken = try await database.read { db in try await Jobs.find(db, id: claimed!.id) }
            #expect(taken?.leaseOwner == "render" && taken?.attempts == 2 && taken?.state == .running)
            #expect(
                try await database.transaction { db in try await Jobs.complete(db, id: jobs[1].id, owner: "render") })
            #expect(try await Jobs.isSettled(in: database, id: jobs[1].id))
            #expect(try await Jobs.take(in: database, id: jobs[1].id, owner: "idle", lease: 300) == false)
            // Out of attempts, an abandoned job is not taken again (the reaper fails it).
            #expect(try await Jobs.heartbeat(in: database, id: claimed!.id, owner: "render", lease: 0.001))
            try await Task.sleep(for: .milliseconds(50))
            #expect(try await Jobs.take(in: database, id: claimed!.id, owner: "idle", lease: 300) == false)
            // Nobody will finish it, so a render waiting for it stops waiting.
            #expect(try await Jobs.isSettled(in: database, id: claimed!.id))
            #expect(try await Jobs.isSettled(in: database, id: "no-such-job"))
            // A render done with its helper jobs deletes them, finished or not.
            try await Jobs.delete(in: database, ids: jobs.map(\.id))
            for job in jobs { #expect(try await database.read { db in try await Jobs.find(db, id: job.id) } == nil) }
        }
    }

    @Test(
        "a failed attempt is retried after an exponential backoff, then failed for good with its error",
        arguments: TestEngine.allCases)
    func retries(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let job = try await enqueue(database, count: 1, maxAttempts: 2)[0]
            _ = try await Jobs.claim(in: database, owner: "w", lease: 30)
            let before = Clock.nowMillis()
            let first = try await database.transaction { db in
                try await Jobs.fail(
                    db, id: job.id, owner: "w", error: "boom 1", retryable: true, base: 5, maxBackoff: 60)
            }
            let after = Clock.nowMillis()
            guard case .retrying(let at) = first else {
                Issue.record("expected a retry, got \(first)")
                return
            }
            #expect(at >= before + 5000 && at <= after + 5000)
            #expect(try await Jobs.claim(in: database, owner: "w", lease: 30) == nil)  // not due yet
            try await Task.sleep(for: .milliseconds(5300))
            let again = try await Jobs.claim(in: database, owner: "w", lease: 30)
            #expect(again?.attempts == 2)
            let second = try await database.transaction { db in
                try await Jobs.fail(
                    db, id: job.id, owner: "w", error: "boom 2", retryable: true, base: 0.2, maxBackoff: 60)
            }
            #expect(second == .failed)
            let stored = try await database.read { db in try await Jobs.find(db, id: job.id) }
            #expect(stored?.state == .failed && stored?.error == "boom 2")
            #expect(try await Jobs.claim(in: database, owner: "w", lease: 30) == nil)
        }
    }

    @Test("a job whose worker died on every attempt is reaped as failed", arguments: TestEngine.allCases)
    func reaping(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let job = try await enqueue(database, count: 1, maxAttempts: 1)[0]
            _ = try await Jobs.claim(in: database, owner: "dead", lease: 0.1)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await Jobs.claim(in: database, owner: "w", lease: 30) == nil)
            let reaped = try await database.transaction { db in try await Jobs.reapExhausted(db) }
            #expect(reaped.map(\.id) == [job.id])
            #expect(try await database.read { db in try await Jobs.find(db, id: job.id) }?.state == .failed)
        }
    }

    @Test("concurrent workers never claim the same job twice", arguments: TestEngine.allCases)
    func noDuplicates(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let jobs = try await enqueue(database, count: 40)
            let claims = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var mine: [String] = []
                        while let job = try await Jobs.claim(in: database, owner: "w\(worker)", lease: 30) {
                            mine.append(job.id)
                            _ = try await database.transaction { db in
                                try await Jobs.complete(db, id: job.id, owner: "w\(worker)")
                            }
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claims.count == 40)
            #expect(Set(claims) == Set(jobs.map(\.id)))
        }
    }
}

@Suite("Transactions and cancellation")
struct TransactionCancellationTests {
    @Test(
        "a task cancelled inside a transaction rolls it back and leaves the connection usable",
        arguments: TestEngine.allCases)
    func cancelledInside(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let started = AsyncStream<Void>.makeStream()
            let task = Task {
                try await database.transaction { db in
                    try await db.raw(
                        "INSERT INTO users (id, email, password_hash, name, role, credits, created_at, updated_at) VALUES ('u-cancel', 'c@example.com', 'x', '', 'user', 0, 0, 0)"
                    ).run()
                    started.continuation.yield()
                    try await Task.sleep(for: .seconds(30))
                }
            }
            var iterator = started.stream.makeAsyncIterator()
            _ = await iterator.next()
            task.cancel()
            _ = await task.result
            // The insert was rolled back, and the next transaction starts and commits.
            let count = try await database.transaction { db in
                try await db.raw("SELECT COUNT(*) AS n FROM users WHERE id = 'u-cancel'").first()?.decode(
                    column: "n", as: Int.self)
            }
            #expect(count == 0)
        }
    }
}
