import Foundation
import PixoraAPI
import PixoraCore
import PixoraJobs
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

/// `POST /api/v1/projects/{id}/steps/{step}/pause`, `…/resume` and `…/cancel`, with the hero step (three
/// pictures, 3 credits) held at a known point by `GatedImageGenerator`.
@Suite("Pausing and resuming a studio step")
struct StudioPauseTests {
    /// A studio project whose idea and storyboard are approved, so that its hero step can run (a worker must be
    /// running); the balance once they are paid for.
    static func heroReady(_ api: API, _ session: Session) async throws -> (id: String, balance: Int) {
        let id = try await api.createStudio(session, topic: "bees at dusk \(UUID().uuidString.prefix(6))").id
        for step in [StudioStep.idea, .storyboard] {
            try await api.runStep(session, id, step)
            try await api.approve(session, id, step, step == .idea ? ["choice": 0] : nil)
        }
        return (id, try await api.balance(session))
    }

    static func move(_ api: API, _ session: Session, _ id: String, _ action: String, step: StudioStep = .hero)
        async throws -> Reply
    {
        try await api.call(.post, "/api/v1/projects/\(id)/steps/\(step.rawValue)/\(action)", session: session)
    }

    static func state(_ api: API, _ session: Session, _ id: String) async throws -> StepState {
        let project = try await api.call(.get, "/api/v1/projects/\(id)", session: session)
        return try api.step(try project.decode(Schemas.Project.self), .hero).state
    }

    /// The states of the project's jobs, oldest first.
    static func jobStates(_ app: TestApp, project: String) async throws -> [String] {
        try await app.services.database.read { db in
            try await db.raw("SELECT state FROM jobs WHERE project_id = \(bind: project) ORDER BY created_at").all()
                .map { try $0.decode(column: "state", as: String.self) }
        }
    }

    /// How many studio refunds the ledger holds for the user.
    static func refunds(_ app: TestApp, _ session: Session) async throws -> Int {
        try await app.services.database.read { db in
            try await AccountData.ledger(db, user: session.userId).filter { $0.reason == .studioRefund }.count
        }
    }

    static func latestJob(_ app: TestApp, project: String) async throws -> Job? {
        try await app.services.database.read { db in try await Jobs.latest(db, project: project) }
    }

    @Test(
        "a pause mid-hero stops the worker and holds the job; the resume makes nothing twice and keeps the charge",
        arguments: TestEngine.allCases)
    func pauseMidHero(engine: TestEngine) async throws {
        let gate = GatedImageGenerator(passing: 1)
        let pipeline = PauseResumeTests.gatedPipeline(gate)
        try await TestApp.with(engine, environment: PauseResumeTests.environment, pipeline: pipeline) { app in
            try await app.test { api in
                let session = try await api.register()
                let (id, before) = try await app.withWorker {
                    let (id, before) = try await Self.heroReady(api, session)
                    let run = try await api.call(
                        .post, "/api/v1/projects/\(id)/steps/hero", session: session, json: [String: Any]())
                    #expect(run.status == .accepted, "\(run.text)")
                    #expect(try await api.balance(session) == before - 3)
                    try await until("a hero candidate waits at the gate") {
                        gate.waiting > 0 && gate.finished.values.reduce(0, +) == 1
                    }
                    let paused = try await Self.move(api, session, id, "pause")
                    #expect(paused.status == .ok, "\(paused.text)")
                    let project = try paused.decode(Schemas.Project.self)
                    #expect(try api.step(project, .hero).state == .paused && project.job?.state == .paused)
                    // The worker stops at its next heartbeat, discarding the picture it was waiting to make.
                    try await until("the worker lets go of the job") { gate.waiting == 0 }
                    let job = try #require(try await Self.latestJob(app, project: id))
                    #expect(job.state == .paused && job.leaseOwner == nil && job.leaseExpiresAt == nil)
                    #expect(job.attempts == 0)
                    #expect(try await Jobs.claim(in: app.services.database, owner: "other", lease: 30) == nil)
                    let startedWhilePaused = gate.started
                    try await Task.sleep(for: .milliseconds(500))
                    #expect(gate.started == startedWhilePaused)
                    // Pausing again changes nothing; no other step starts while one is paused.
                    let again = try await Self.move(api, session, id, "pause")
                    #expect(again.status == .ok)
                    #expect(try api.step(again.decode(), .hero).state == .paused)
                    let other = try await api.call(
                        .post, "/api/v1/projects/\(id)/steps/storyboard", session: session, json: [String: Any]())
                    #expect(other.status == .conflict && other.errorCode == .stepPaused, "\(other.text)")
                    #expect(try await ledger(app, session.userId) == (before - 3, before - 3))

                    gate.open()
                    let resumed = try await Self.move(api, session, id, "resume")
                    #expect(resumed.status == .ok)
                    #expect(try api.step(resumed.decode(), .hero).state != .paused)
                    try await until("the hero step is ready for review") {
                        try await Self.state(api, session, id) == .review
                    }
                    return (id, before)
                }
                // Each candidate was finished once; only the one discarded at the pause was started twice.
                #expect(gate.finished.count == 3 && gate.finished.values.allSatisfy { $0 == 1 })
                #expect(gate.started.values.reduce(0, +) == 4)
                #expect(gate.started.values.filter { $0 == 2 }.count == 1)
                // The run keeps its whole charge: the candidate made before the pause was paid for, although the
                // resumed part found it in the store.
                #expect(try await ledger(app, session.userId) == (before - 3, before - 3))
                let project = try await api.call(.get, "/api/v1/projects/\(id)", session: session)
                    .decode(Schemas.Project.self)
                let hero = try api.step(project, .hero)
                #expect(hero.credits == 3 && hero.runs == 1)
                #expect(try await Self.jobStates(app, project: id) == ["succeeded", "succeeded", "succeeded"])
                let late = try await Self.move(api, session, id, "pause")
                #expect(late.status == .conflict && late.errorCode == .notRunning)
            }
        }
    }

    @Test(
        "a queued step pauses and stays unclaimed; a cancel from paused refunds once and the step runs again",
        arguments: TestEngine.allCases)
    func cancelFromPaused(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let (id, before) = try await app.withWorker { try await Self.heroReady(api, session) }
                let run = try await api.call(
                    .post, "/api/v1/projects/\(id)/steps/hero", session: session, json: [String: Any]())
                #expect(run.status == .accepted)
                let paused = try await Self.move(api, session, id, "pause")
                #expect(paused.status == .ok)
                #expect(try paused.decode(Schemas.Project.self).job?.state == .paused)
                let worker = Worker(
                    database: app.services.database, handlers: app.services.workshop.handlers, logger: testLogger)
                #expect(try await worker.runOne() == false)
                #expect(try await ledger(app, session.userId) == (before - 3, before - 3))

                let refundsBefore = try await Self.refunds(app, session)
                let cancelled = try await Self.move(api, session, id, "cancel")
                #expect(cancelled.status == .ok, "\(cancelled.text)")
                let project = try cancelled.decode(Schemas.Project.self)
                let hero = try api.step(project, .hero)
                #expect(hero.state == .failed && hero.error == "You cancelled this run.")
                #expect(hero.credits == 0 && hero.lastRunCredits == 0)
                #expect(project.job?.state == .cancelled)
                #expect(try await ledger(app, session.userId) == (before, before))
                for action in ["cancel", "pause"] {
                    let refused = try await Self.move(api, session, id, action)
                    #expect(refused.status == .conflict && refused.errorCode == .notRunning, "\(action)")
                }
                let resume = try await Self.move(api, session, id, "resume")
                #expect(resume.status == .conflict && resume.errorCode == .notPaused)
                #expect(try await Self.refunds(app, session) == refundsBefore + 1)

                // A cancelled step can run again, charged again.
                let rerun = try await api.call(
                    .post, "/api/v1/projects/\(id)/steps/hero", session: session, json: [String: Any]())
                #expect(rerun.status == .accepted)
                #expect(try await ledger(app, session.userId) == (before - 3, before - 3))
            }
        }
    }

    @Test(
        "refusals, racing pauses and resumes, and a deleted project whose step is paused refunded once",
        arguments: TestEngine.allCases)
    func refusalsAndDelete(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let owner = try await api.register()
                let stranger = try await api.register()
                let (id, before) = try await app.withWorker { try await Self.heroReady(api, owner) }
                let ready = try await Self.move(api, owner, id, "pause")
                #expect(ready.status == .conflict && ready.errorCode == .notRunning)
                let early = try await Self.move(api, owner, id, "resume")
                #expect(early.status == .conflict && early.errorCode == .notPaused)
                for action in ["pause", "resume", "cancel"] {
                    let foreign = try await Self.move(api, stranger, id, action)
                    #expect(foreign.status == .notFound && foreign.errorCode == .notFound, "\(action)")
                    let unknown = try await api.call(
                        .post, "/api/v1/projects/\(id)/steps/nope/\(action)", session: owner)
                    #expect(unknown.status == .unprocessableContent, "\(action)")
                }
                _ = try await api.call(
                    .post, "/api/v1/projects/\(id)/steps/hero", session: owner, json: [String: Any]())
                // Two pauses at once both answer the paused step; two resumes at once: one wins.
                async let first = Self.move(api, owner, id, "pause")
                async let second = Self.move(api, owner, id, "pause")
                #expect(try await [first, second].allSatisfy { $0.status == .ok })
                async let one = Self.move(api, owner, id, "resume")
                async let two = Self.move(api, owner, id, "resume")
                let resumes = try await [one, two].map(\.status)
                #expect(resumes.sorted { $0.code < $1.code } == [.ok, .conflict])
                #expect(try await Self.jobStates(app, project: id) == ["succeeded", "succeeded", "queued"])
                #expect(try await Self.latestJob(app, project: id)?.attempts == 0)
                #expect(try await Self.state(api, owner, id) == .running)

                #expect(try await Self.move(api, owner, id, "pause").status == .ok)
                #expect(try await ledger(app, owner.userId) == (before - 3, before - 3))
                let deleted = try await api.call(.delete, "/api/v1/projects/\(id)", session: owner)
                #expect(deleted.status == .noContent)
                #expect(try await ledger(app, owner.userId) == (before, before))
            }
        }
    }
}
