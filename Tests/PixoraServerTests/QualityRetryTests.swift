import Foundation
import PixoraAPI
import PixoraCore
import PixoraGenerators
import PixoraJobs
import PixoraMedia
import PixoraPipeline
import PixoraStore
import PixoraTestSupport
import Synchronization
import Testing

/// A clip generator that writes a black clip for its first `bad` calls, then the embedded camera move.
final class FaultyVideoGenerator: VideoGenerator {
    let bad: Int
    private let made = Mutex(0)
    var id: String { "test.faulty-video" }
    var version: Int { 1 }
    var calls: Int { made.withLock { $0 } }

    init(bad: Int) { self.bad = bad }

    func makeClip(_ request: ClipRequest, image: URL, to output: URL) async throws {
        let call = made.withLock { count in
            count += 1
            return count
        }
        guard call <= bad else { return try await KenBurnsVideoGenerator().makeClip(request, image: image, to: output) }
        try await ffmpegFixture(
            [
                "-f", "lavfi", "-i",
                "color=c=black:s=\(request.width)x\(request.height):r=\(request.fps):d=\(request.duration)",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4",
            ], to: output)
    }
}

@Suite("Quality retries in video jobs")
struct QualityRetryTests {
    /// A pipeline with the faulty clip generator and its own asset cache (its clips must not reach other tests).
    static func pipeline(_ generator: FaultyVideoGenerator, cache: URL) -> VideoPipeline {
        var generators = GeneratorSet.embedded
        generators.video = generator
        return VideoPipeline(generators: generators, store: AssetStore(root: cache))
    }

    static func cacheFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("pixora-qc-\(UUID().uuidString)")
    }

    @Test(
        "a black clip is retried once from a new picture: the retry is in the progress and the video is good",
        arguments: TestEngine.allCases)
    func retriedOnce(engine: TestEngine) async throws {
        let cache = Self.cacheFolder()
        defer { try? FileManager.default.removeItem(at: cache) }
        let generator = FaultyVideoGenerator(bad: 1)
        try await TestApp.with(engine, pipeline: Self.pipeline(generator, cache: cache)) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                let events = try await app.withWorker {
                    try await api.call(.get, "/api/v1/videos/\(id)/events", session: session)
                }
                #expect(events.text.contains("picture retried: black picture"), "\(events.text.suffix(800))")
                let video = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                    .decode(Schemas.Video.self)
                #expect(video.status == .completed)
                let scenes = try await app.services.database.read { db in try await Scenes.list(db, video: id) }
                // One clip per scene, and the one retry.
                #expect(generator.calls == scenes.count + 1)

                let file = try await api.call(.get, "/api/v1/videos/\(id)/video", session: session)
                let local = FileManager.default.temporaryDirectory.appendingPathComponent("qc-\(UUID().uuidString).mp4")
                defer { try? FileManager.default.removeItem(at: local) }
                try Data(file.body.readableBytesView).write(to: local)
                #expect(try await MediaCheck.blackStretches(in: local, minimum: 0.5).isEmpty)
                #expect(try await ledger(app, session.userId) == (95, 95))
            }
        }
    }

    @Test(
        "a clip that stays black fails the job after the retries with the measurements, refunded once",
        arguments: TestEngine.allCases)
    func failsAfterRetries(engine: TestEngine) async throws {
        let cache = Self.cacheFolder()
        defer { try? FileManager.default.removeItem(at: cache) }
        let generator = FaultyVideoGenerator(bad: .max)
        try await TestApp.with(engine, pipeline: Self.pipeline(generator, cache: cache)) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                let reply = try await app.withWorker { try await api.waitForVideo(session, id) }
                let video = try reply.decode(Schemas.Video.self)
                #expect(video.status == .failed)
                let error = try #require(video.error)
                #expect(
                    error.contains("clip failed its quality check after 3 attempts: black picture: black for"),
                    "\(error)")
                // The job failed at once (no job-level attempt made the clips again): 3 attempts of each scene
                // running at most.
                let scenes = try await app.services.database.read { db in try await Scenes.list(db, video: id) }
                #expect(generator.calls >= 3 && generator.calls <= 3 * min(scenes.count, 2))
                #expect(video.videoUrl == nil && video.currentVersion == nil)

                let (balance, sum) = try await ledger(app, session.userId)
                #expect(balance == 100 && sum == 100)
                let refunds = try await app.services.database.read { db in
                    try await AccountData.ledger(db, user: session.userId).filter { $0.reason == .videoRefund }
                }
                #expect(refunds.count == 1 && refunds.first?.reference == id)
                // No black clip stays in the cache to be found by a later run.
                let clips = FileManager.default.enumerator(atPath: cache.path)?.compactMap { $0 as? String }
                    .filter { $0.hasSuffix(".mp4") }
                #expect(clips?.isEmpty ?? true, "\(clips ?? [])")
            }
        }
    }
}
