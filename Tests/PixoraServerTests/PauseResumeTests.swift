import Foundation
import PixoraAPI
import PixoraGenerators
import PixoraJobs
import PixoraPipeline
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Pausing and resuming a generation")
struct PauseResumeTests {
    /// A pipeline whose pictures after the first wait at `gate`: the job is held at a known point mid-pictures.
    static func gatedPipeline(_ gate: GatedImageGenerator) -> VideoPipeline {
        var generators = GeneratorSet.embedded
        generators.image = gate
        return VideoPipeline(generators: generators, store: AssetStore(root: TestApp.assetCache))
    }

    /// Workers notice a pause at their heartbeat: a short one keeps the test quick.
    static let environment = ["PIXORA_HEARTBEAT_SECONDS": "0.1"]

    @Test(
        "a pause mid-pictures stops the worker, no worker claims the job, and the resume makes nothing twice",
        arguments: TestEngine.allCases)
    func pauseMidPictures(engine: TestEngine) async throws {
        let gate = GatedImageGenerator(passing: 1)
        try await TestApp.with(engine, environment: Self.environment, pipeline: Self.gatedPipeline(gate)) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session, seconds: 15).decode(Schemas.Video.self).id
                #expect(try await api.balance(session) == 85)
                try await app.withWorker {
                    // The first picture is made; the next waits at the gate.
                    try await until("a picture waits at the gate") {
                        gate.waiting > 0 && gate.finished.values.reduce(0, +) == 1
                    }
                    let paused = try await api.call(.post, "/api/v1/videos/\(id)/pause", session: session)
                    #expect(paused.status == .ok)
                    let pausedVideo = try paused.decode(Schemas.Video.self)
                    #expect(pausedVideo.status == .paused)
                    #expect(pausedVideo.job?.state == .paused)
                    // The worker stops at its next heartbeat, discarding the picture it was waiting to make.
                    try await until("the worker lets go of the job") { gate.waiting == 0 }
                    let job = try #require(
                        try await app.services.database.read { db in
                            try await Jobs.latest(db, video: id)
                        })
                    #expect(job.state == .paused && job.leaseOwner == nil && job.leaseExpiresAt == nil)
                    // A pause is not a failed attempt: the attempt the worker used is given back.
                    #expect(job.attempts == 0)
                    // Another worker finds nothing to claim, and the running one leaves it alone.
                    #expect(try await Jobs.claim(in: app.services.database, owner: "other", lease: 30) == nil)
                    let startedWhilePaused = gate.started
                    try await Task.sleep(for: .milliseconds(500))
                    #expect(gate.started == startedWhilePaused)
                    let still = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                    #expect(try still.decode(Schemas.Video.self).status == .paused)
                    // Pausing costs and refunds nothing.
                    #expect(try await api.balance(session) == 85)
                    #expect(try await ledger(app, session.userId) == (85, 85))

                    gate.open()
                    let resumed = try await api.call(.post, "/api/v1/videos/\(id)/resume", session: session)
                    #expect(resumed.status == .ok)
                    #expect(try resumed.decode(Schemas.Video.self).job?.state != .paused)
                    let done = try await api.waitForVideo(session, id).decode(Schemas.Video.self)
                    #expect(done.status == .completed)
                    #expect(done.job?.attempts == 1)
                }
                // Every scene's picture was finished exactly once; only those discarded at the pause (one, or more
                // when a busy machine had scenes in flight together) were started twice, none a third time.
                let scenes = try await api.call(.get, "/api/v1/videos/\(id)/scenes", session: session)
                let count = try scenes.decode(Schemas.SceneList.self).scenes.count
                #expect(count >= 2)
                #expect(gate.finished.count == count && gate.finished.values.allSatisfy { $0 == 1 })
                let restarted = gate.started.values.filter { $0 == 2 }.count
                #expect(restarted >= 1 && gate.started.values.allSatisfy { $0 <= 2 }, "\(gate.started)")
                #expect(gate.started.values.reduce(0, +) == count + restarted)
                #expect(try await ledger(app, session.userId) == (85, 85))
                let completed = try await api.call(.post, "/api/v1/videos/\(id)/pause", session: session)
                #expect(completed.status == .conflict && completed.errorCode == .notRunning)
                #expect(try await jobCount(app, video: id) == 1)
            }
        }
    }

    @Test(
        "a queued video pauses, stays unclaimed, and a cancel from paused refunds once",
        arguments: TestEngine.allCases)
    func cancelFromPaused(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session, seconds: 10).decode(Schemas.Video.self).id
                let paused = try await api.call(.post, "/api/v1/videos/\(id)/pause", session: session)
                #expect(try paused.decode(Schemas.Video.self).status == .paused)
                // Pausing twice changes nothing.
                let again = try await api.call(.post, "/api/v1/videos/\(id)/pause", session: session)
                #expect(again.status == .ok)
                #expect(try again.decode(Schemas.Video.self).job?.state == .paused)
                let worker = Worker(
                    database: app.services.database, handlers: app.services.workshop.handlers, logger: testLogger)
                #expect(try await worker.runOne() == false)
                // The library's status filter finds it.
                let listed = try await api.call(.get, "/api/v1/videos?status=paused", session: session)
                #expect(try listed.decode(Schemas.VideoPage.self).items.map(\.id) == [id])
                let running = try await api.call(.get, "/api/v1/videos?status=queued", session: session)
                #expect(try running.decode(Schemas.VideoPage.self).items.isEmpty)
                // A worker that starts late does not show the paused video as generating.
                try await app.services.database.transaction { db in try await Videos.markRunning(db, id: id) }
                let read = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                #expect(try read.decode(Schemas.Video.self).status == .paused)

                let cancelled = try await api.call(.post, "/api/v1/videos/\(id)/cancel", session: session)
                #expect(cancelled.status == .ok)
                let cancelledVideo = try cancelled.decode(Schemas.Video.self)
                #expect(cancelledVideo.status == .cancelled && cancelledVideo.job?.state == .cancelled)
                #expect(try await api.call(.post, "/api/v1/videos/\(id)/cancel", session: session).status == .conflict)
                #expect(try await ledger(app, session.userId) == (100, 100))
                let rows = try await api.call(.get, "/api/v1/users/me/credits/transactions", session: session)
                #expect(
                    try rows.decode(Schemas.TransactionPage.self).items.map(\.reason) == [
                        .videoRefund, .videoCharge, .signupGrant,
                    ])
                let pause = try await api.call(.post, "/api/v1/videos/\(id)/pause", session: session)
                #expect(pause.status == .conflict && pause.errorCode == .notRunning)
                let resume = try await api.call(.post, "/api/v1/videos/\(id)/resume", session: session)
                #expect(resume.status == .conflict && resume.errorCode == .notPaused)
            }
        }
    }

    @Test(
        "resume of a video that is not paused is a conflict; another user's video is not found",
        arguments: TestEngine.allCases)
    func conflictsAndOwners(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let owner = try await api.register()
                let stranger = try await api.register()
                let id = try await api.createVideo(owner, seconds: 10).decode(Schemas.Video.self).id
                let early = try await api.call(.post, "/api/v1/videos/\(id)/resume", session: owner)
                #expect(early.status == .conflict && early.errorCode == .notPaused)
                for action in ["pause", "resume"] {
                    let foreign = try await api.call(.post, "/api/v1/videos/\(id)/\(action)", session: stranger)
                    #expect(foreign.status == .notFound && foreign.errorCode == .notFound)
                    let missing = try await api.call(.post, "/api/v1/videos/nope/\(action)", session: owner)
                    #expect(missing.status == .notFound)
                }
                let video = try await api.call(.get, "/api/v1/videos/\(id)", session: owner)
                #expect(try video.decode(Schemas.Video.self).status == .queued)
                // A failed video cannot be paused either, and its charge was refunded once, by the failure.
                try await app.services.database.transaction { db in
                    try await Jobs.cancel(db, video: id)
                    try await Videos.finishUnsuccessfully(db, id: id, status: .failed, error: "broken")
                }
                let failed = try await api.call(.post, "/api/v1/videos/\(id)/pause", session: owner)
                #expect(failed.status == .conflict && failed.errorCode == .notRunning)
                #expect(try await ledger(app, owner.userId) == (100, 100))
            }
        }
    }

    @Test("two pauses and two resumes at once leave one job, queued once", arguments: TestEngine.allCases)
    func races(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session, seconds: 10).decode(Schemas.Video.self).id
                async let first = api.call(.post, "/api/v1/videos/\(id)/pause", session: session)
                async let second = api.call(.post, "/api/v1/videos/\(id)/pause", session: session)
                let pauses = try await [first, second]
                #expect(pauses.allSatisfy { $0.status == .ok })
                async let one = api.call(.post, "/api/v1/videos/\(id)/resume", session: session)
                async let two = api.call(.post, "/api/v1/videos/\(id)/resume", session: session)
                let resumes = try await [one, two].map(\.status)
                #expect(resumes.sorted { $0.code < $1.code } == [.ok, .conflict])
                #expect(try await jobCount(app, video: id) == 1)
                let job = try #require(
                    try await app.services.database.read { db in
                        try await Jobs.latest(db, video: id)
                    })
                #expect(job.state == .queued && job.attempts == 0)
                let video = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                #expect(try video.decode(Schemas.Video.self).status == .queued)
                #expect(try await ledger(app, session.userId) == (90, 90))
            }
        }
    }

    func jobCount(_ app: TestApp, video: String) async throws -> Int {
        try await app.services.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM jobs WHERE video_id = \(bind: video)").first()?.decode(
                column: "n", as: Int.self) ?? -1
        }
    }
}

/// Waits for `condition` (checked every 20 ms); a net of ten minutes for a loaded machine.
func until(_ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(600)
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw TestFailure("timed out waiting until \(what)") }
        try await Task.sleep(for: .milliseconds(20))
    }
}
