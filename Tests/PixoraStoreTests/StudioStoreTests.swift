import Foundation
import PixoraCore
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Studio projects in the store")
struct StudioStoreTests {
    /// A studio project whose idea step is approved, so the storyboard can run.
    func project(_ database: any Database, owner: String) async throws -> Project {
        let created = try await StudioProjects.create(
            in: database, owner: owner, title: "Bees", topic: "bees", settings: Settings())
        let project = try await StudioProjects.update(in: database, owner: owner, id: created.id) { workflow in
            let running = try workflow.started(.idea, credits: 0, at: 1)
            let reviewed = running.completed(.idea, outputs: running.outputs, at: 2)
            return try reviewed.approved(.idea, outputs: reviewed.outputs, at: 3)
        }
        return try #require(project)
    }

    func job(_ database: any Database, _ project: String) async throws -> Job {
        try #require(try await database.read { db in try await Jobs.latest(db, project: project) })
    }

    @Test(
        "a run charges once, queues its job and marks the step running; a failure refunds once and marks it failed",
        arguments: TestEngine.allCases)
    func chargeAndRefund(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database, credits: 20)
            let project = try await project(database, owner: user.id)
            let started = try await StudioProjects.start(
                in: database, owner: user.id, id: project.id, step: .storyboard, request: StudioRequest(), credits: 7,
                maxAttempts: 3)
            #expect(started?.workflow?[.storyboard].state == .running)
            #expect(try await balanceAndLedger(database, user.id) == (13, 13))
            let queued = try await job(database, project.id)
            #expect(queued.kind == .studioStep && queued.userId == user.id)
            let payload = try JSONDecoder().decode(StudioStepPayload.self, from: Data(queued.payload.utf8))
            #expect(payload.step == .storyboard && payload.run == 1 && payload.credits == 7)

            // A second run while this one runs is refused and charges nothing.
            await #expect(throws: StudioRuleError.busy(running: .storyboard)) {
                _ = try await StudioProjects.start(
                    in: database, owner: user.id, id: project.id, step: .storyboard, request: StudioRequest(),
                    credits: 7, maxAttempts: 3)
            }
            #expect(try await balanceAndLedger(database, user.id) == (13, 13))

            // The failure is reported twice (the worker and the reaper): one refund.
            for _ in 0..<2 {
                try await database.transaction { db in
                    try await StudioProjects.fail(db, id: project.id, owner: user.id, payload: payload, error: "boom")
                }
            }
            #expect(try await balanceAndLedger(database, user.id) == (20, 20))
            let failed = try #require(try await database.read { db in try await Projects.find(db, id: project.id) })
            #expect(failed.workflow?[.storyboard].state == .failed)
            #expect(failed.workflow?[.storyboard].credits == 0)
            #expect(failed.workflow?[.storyboard].error == "boom")
        }
    }

    @Test(
        "a run the balance cannot cover writes nothing; a late completion of an old run changes nothing",
        arguments: TestEngine.allCases)
    func unaffordableAndLate(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database, credits: 5)
            let project = try await project(database, owner: user.id)
            await #expect(throws: StoreError.insufficientCredits(balance: 5, price: 6)) {
                _ = try await StudioProjects.start(
                    in: database, owner: user.id, id: project.id, step: .storyboard, request: StudioRequest(),
                    credits: 6, maxAttempts: 3)
            }
            #expect(try await count(database, "jobs") == 0)
            let unchanged = try #require(try await database.read { db in try await Projects.find(db, id: project.id) })
            #expect(unchanged.workflow?[.storyboard].state == .ready)

            // Run 1 fails; run 2 starts; run 1's completion arriving late must not touch run 2.
            _ = try await StudioProjects.start(
                in: database, owner: user.id, id: project.id, step: .storyboard, request: StudioRequest(), credits: 2,
                maxAttempts: 3)
            let first = StudioStepPayload(step: .storyboard, run: 1, request: StudioRequest(), credits: 2)
            try await database.transaction { db in
                try await StudioProjects.fail(db, id: project.id, owner: user.id, payload: first, error: "boom")
            }
            _ = try await StudioProjects.start(
                in: database, owner: user.id, id: project.id, step: .storyboard, request: StudioRequest(), credits: 2,
                maxAttempts: 3)
            try await database.transaction { db in
                try await StudioProjects.complete(
                    db, id: project.id, owner: user.id, payload: first, outputs: StudioOutputs(), spent: 0)
            }
            let after = try #require(try await database.read { db in try await Projects.find(db, id: project.id) })
            #expect(after.workflow?[.storyboard].state == .running && after.workflow?[.storyboard].runs == 2)
            #expect(try await balanceAndLedger(database, user.id) == (3, 3))

            // Another user sees nothing and can change nothing.
            let stranger = try await makeUser(database)
            #expect(
                try await StudioProjects.update(in: database, owner: stranger.id, id: project.id) { $0 } == nil)
        }
    }

    @Test("deleting a project while a step runs refunds that run once", arguments: TestEngine.allCases)
    func deleteRefunds(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database, credits: 20)
            let project = try await project(database, owner: user.id)
            _ = try await StudioProjects.start(
                in: database, owner: user.id, id: project.id, step: .storyboard, request: StudioRequest(), credits: 9,
                maxAttempts: 3)
            #expect(try await balanceAndLedger(database, user.id) == (11, 11))
            let payload = StudioStepPayload(step: .storyboard, run: 1, request: StudioRequest(), credits: 9)
            try await database.transaction { db in
                try await StudioProjects.refundRunning(db, owner: user.id, id: project.id)
                _ = try await Projects.delete(db, owner: user.id, id: project.id)
            }
            #expect(try await balanceAndLedger(database, user.id) == (20, 20))
            // The step's job goes with its project (the charge's credits-low mail is the account's, and stays).
            #expect(try await count(database, "jobs", where: "kind = 'studio_step'") == 0)
            // The worker's failure report for the gone project refunds nothing more.
            try await database.transaction { db in
                try await StudioProjects.fail(db, id: project.id, owner: user.id, payload: payload, error: "gone")
            }
            #expect(try await balanceAndLedger(database, user.id) == (20, 20))
        }
    }

    @Test("a run that used less than its estimate gets the rest back once", arguments: TestEngine.allCases)
    func unusedRefund(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database, credits: 20)
            let project = try await project(database, owner: user.id)
            _ = try await StudioProjects.start(
                in: database, owner: user.id, id: project.id, step: .storyboard, request: StudioRequest(), credits: 7,
                maxAttempts: 3)
            let payload = StudioStepPayload(step: .storyboard, run: 1, request: StudioRequest(), credits: 7)
            for _ in 0..<2 {
                try await database.transaction { db in
                    try await StudioProjects.complete(
                        db, id: project.id, owner: user.id, payload: payload, outputs: StudioOutputs(), spent: 4)
                }
            }
            #expect(try await balanceAndLedger(database, user.id) == (16, 16))
            let done = try #require(try await database.read { db in try await Projects.find(db, id: project.id) })
            #expect(done.workflow?[.storyboard].state == .review)
            #expect(done.workflow?[.storyboard].credits == 4 && done.workflow?[.storyboard].lastRunCredits == 4)
        }
    }
}
