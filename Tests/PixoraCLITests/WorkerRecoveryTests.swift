import Foundation
import PixoraCore
import PixoraJobs
import PixoraPipeline
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("pixora worker: crash recovery")
struct WorkerRecoveryTests {
    /// Starts `pixora worker` against the test database.
    func startWorker(_ cli: CLI, location: DatabaseLocation, log: String) throws -> Process {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["worker", "--data", cli.path("data")]
        var environment = ProcessInfo.processInfo.environment
        switch location {
        case .sqlite(let path): environment["DATABASE_URL"] = "sqlite://\(path)"
        case .postgres(let url): environment["DATABASE_URL"] = url
        }
        environment["PIXORA_LEASE_SECONDS"] = "2"
        environment["PIXORA_HEARTBEAT_SECONDS"] = "0.5"
        environment["PIXORA_JWT_SECRET"] = String(repeating: "s", count: 40)
        process.environment = environment
        _ = FileManager.default.createFile(atPath: cli.path(log), contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: cli.path(log)))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    func job(_ database: any Database, video: String) async throws -> Job? {
        try await database.read { db in try await Jobs.latest(db, video: video) }
    }

    @Test(
        "a worker killed with kill -9 mid-job loses nothing: another worker finishes it and the user is charged once",
        arguments: TestEngine.allCases)
    func killNine(engine: TestEngine) async throws {
        let cli = try CLI()
        defer { cli.remove() }
        try await withTestDatabase(engine) { database, location in
            let user = try await Users.create(
                in: database, email: "crash@example.com", passwordHash: "x", name: "", grant: 100)
            // A seed of its own, so nothing is cached and the first worker is surely mid-job when it dies.
            let settings = Settings(durationSeconds: 10, quality: .p480, seed: UInt64.random(in: 1...1_000_000))
            let new = NewVideo(
                title: "Crash", prompt: "a 10-second video about lighthouses",
                settings: String(decoding: try JSONEncoder().encode(settings), as: UTF8.self),
                plan: nil, price: 10, idempotencyKey: nil, jobPayload: #"{"script":null}"#, maxAttempts: 3)
            let (video, _) = try await Videos.create(in: database, owner: user.id, new, jobKind: JobKind.generateVideo)

            let first = try startWorker(cli, location: location, log: "worker1.log")
            // Killed half a second after it claims the job (its log says so). The watching is a blocking loop on a
            // thread of its own: a poll of the job's progress from a task, behind every other suite's tasks on the
            // pool's two threads, once missed the whole 21 s job and waited out its deadline.
            let claimed = try await offPool { () -> Bool in
                defer {
                    kill(first.processIdentifier, SIGKILL)
                    first.waitUntilExit()
                }
                let deadline = Date().addingTimeInterval(600)
                while Date() < deadline, first.isRunning {
                    let log = (try? String(contentsOfFile: cli.path("worker1.log"), encoding: .utf8)) ?? ""
                    if log.contains("job claimed") {
                        usleep(500_000)
                        return true
                    }
                    usleep(20_000)
                }
                return false
            }
            #expect(claimed, "the first worker never claimed the job")
            let orphaned = try await job(database, video: video.id)
            #expect(
                orphaned?.state == .running && orphaned?.attempts == 1,
                "the job should still be leased to the dead worker: \(String(describing: orphaned))")

            let second = try startWorker(cli, location: location, log: "worker2.log")
            defer { second.terminate() }
            let deadline = ContinuousClock.now + .seconds(600)
            var finished: Video?
            while ContinuousClock.now < deadline {
                if let current = try await database.read({ db in try await Videos.find(db, id: video.id) }),
                    current.status.isFinished
                {
                    finished = current
                    break
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            let log = (try? String(contentsOfFile: cli.path("worker2.log"), encoding: .utf8)) ?? ""
            #expect(finished?.status == .completed, "worker 2 log:\n\(log.suffix(2000))")
            let done = try await job(database, video: video.id)
            #expect(done?.state == .succeeded && done?.attempts == 2)
            let (balance, sum, charges, refunds, versions) = try await database.read { db in
                (
                    try await CreditLedger.balance(db, user: user.id),
                    try await CreditLedger.ledgerSum(db, user: user.id),
                    try await db.raw("SELECT COUNT(*) AS n FROM credit_transactions WHERE reason = 'video_charge'")
                        .first()?.decode(column: "n", as: Int.self),
                    try await db.raw("SELECT COUNT(*) AS n FROM credit_transactions WHERE reason = 'video_refund'")
                        .first()?.decode(column: "n", as: Int.self),
                    try await Versions.list(db, video: video.id).count
                )
            }
            #expect(balance == 90 && sum == 90)
            #expect(charges == 1 && refunds == 0)
            #expect(versions == 1)
            if let key = finished?.videoKey {
                let file = URL(fileURLWithPath: cli.path("data")).appendingPathComponent("media")
                    .appendingPathComponent(key)
                let probe = try await MediaProbeResult(file)
                #expect(abs(probe.duration - 10) < 1 && probe.hasAudio)
            }
        }
    }
}

/// Duration and audio presence by ffprobe.
struct MediaProbeResult {
    var duration: Double
    var hasAudio: Bool

    init(_ file: URL) async throws {
        let (_, text) = try await runTool(
            "/usr/bin/ffprobe",
            ["-v", "error", "-show_entries", "format=duration:stream=codec_type", "-of", "csv=p=0", file.path])
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        duration = lines.compactMap(Double.init).first ?? 0
        hasAudio = lines.contains("audio")
    }
}
