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

/// A start→end frame model that "succeeds" with a black clip of the right size and length, as a cloud model that
/// lost its picture would.
struct BlackFramedVideoGenerator: FramedVideoGenerator {
    var id = "test.black"
    let version = 1

    func makeClip(_ request: FramedClipRequest, start: URL, end: URL?, to output: URL) async throws {
        let size = "\(request.width)x\(request.height)"
        try await ffmpegFixture(
            [
                "-f", "lavfi", "-i", "color=c=black:s=\(size):r=\(request.fps):d=\(request.duration)",
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-f", "mp4",
            ], to: output)
    }
}

/// A music generator whose first track is silence of the asked length, then the embedded synthesizer's.
final class SilentOnceMusicGenerator: MusicGenerator {
    private let calls = Mutex(0)
    let id = "test.silent-once-music"
    let version = 1

    func makeMusic(_ request: MusicRequest, to output: URL) async throws -> Double {
        let call = calls.withLock { count in
            count += 1
            return count
        }
        guard call == 1 else { return try await EmbeddedMusicGenerator().makeMusic(request, to: output) }
        try await ffmpegFixture(
            [
                "-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo", "-t", "\(request.minimumDuration)",
                "-c:a", "pcm_s16le", "-f", "wav",
            ], to: output)
        return request.minimumDuration
    }
}

/// The guided studio's clips and music are checked like a generated video's: a model's bad clip is discarded and
/// the next model of the route makes it, a bad track is made again with a new seed, each with a notice; when every
/// model fails, the step fails and is refunded.
@Suite("Quality checks on the studio's clips and music")
struct StudioQualityTests {
    static let black = VideoModel(
        id: "test.black", name: "Black", provider: "test", clipLengths: [], aspectRatios: AspectRatio.allCases,
        startFrame: true, endFrame: true, creditsPerSecond: 1, offline: true, available: true)

    /// Walks a studio project to its approved frames, on `studio`'s models.
    func framed(_ api: API, _ session: Session) async throws -> (id: String, scenes: [String]) {
        let id = try await api.createStudio(session, topic: "bees \(UUID().uuidString.prefix(6))").id
        let project = try await api.runStep(session, id, .idea)
        let concept = try #require(project.workflow?.outputs.idea?.concepts.first)
        try await api.approve(session, id, .idea, ["concept": try api.object(concept)])
        var last = project
        for step in [StudioStep.storyboard, .hero, .frames] {
            try await api.runStep(session, id, step)
            last = try await api.approve(session, id, step)
        }
        let scenes = try #require(last.workflow?.outputs.storyboard?.plan.scenes).map(\.id)
        return (id, scenes)
    }

    func notices(_ app: TestApp, project: String) async throws -> [String] {
        let job = try await app.services.database.read { db in try await Jobs.latest(db, project: project) }
        let progress = try JSONDecoder().decode(JobProgress.self, from: Data(try #require(job?.progress).utf8))
        return progress.notices ?? []
    }

    @Test("a model's black clip is discarded and remade by the embedded model, with a notice per scene")
    func fallsBack() async throws {
        var studio = StudioGenerators.embedded
        studio.catalogue.models.append(Self.black)
        studio.clipModels["test.black"] = BlackFramedVideoGenerator()
        try await TestApp.with(.sqlite, studio: studio) { app in
            try await app.withWorker {
                try await app.test { api in
                    let session = try await api.register()
                    let (id, scenes) = try await framed(api, session)
                    let models = Dictionary(uniqueKeysWithValues: scenes.map { ($0, "test.black") })
                    let estimate = try await api.estimate(session, id, .clips)
                    let balance = try await api.balance(session)
                    let project = try await api.runStep(session, id, .clips, ["models": models])
                    let clips = try #require(project.workflow?.outputs.clips?.scenes)
                    #expect(clips.count == scenes.count)
                    #expect(clips.allSatisfy { $0.model == "embedded.morph" }, "\(clips.map(\.model))")
                    let said = try await notices(app, project: id)
                    #expect(said.count == scenes.count, "\(said)")
                    #expect(said.first?.hasPrefix("scene 1 clip on test.black retried: black picture") == true)
                    // The fallback is charged at its own price (the same here), the black clips at nothing.
                    let charged = try api.step(project, .clips).lastRunCredits
                    #expect(charged == estimate.credits)
                    #expect(try await api.balance(session) == balance - charged)
                }
            }
        }
    }

    @Test("a silent music track is made again with a new seed, charged once, with a notice")
    func musicRetried() async throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-qc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        var generators = GeneratorSet.embedded
        generators.music = SilentOnceMusicGenerator()
        let pipeline = VideoPipeline(generators: generators, store: AssetStore(root: cache))
        try await TestApp.with(.sqlite, pipeline: pipeline) { app in
            try await app.withWorker {
                try await app.test { api in
                    let session = try await api.register()
                    let (id, _) = try await framed(api, session)
                    try await api.runStep(session, id, .clips)
                    try await api.approve(session, id, .clips)
                    let estimate = try await api.estimate(session, id, .audio)
                    let project = try await api.runStep(session, id, .audio)
                    #expect(try api.step(project, .audio).state == .review)
                    let tracks = try #require(project.workflow?.outputs.audio?.music)
                    #expect(tracks.count >= 1)
                    let said = try await notices(app, project: id)
                    #expect(said == ["music 1 retried: silent"], "\(said)")
                    #expect(try api.step(project, .audio).lastRunCredits == estimate.credits)
                    // The kept track is the retry's, in the cache; the silent one is gone.
                    let link = try #require(tracks.first?.url.split(separator: "?").first)
                    let kept = String(try #require(link.split(separator: "/").last))
                    let file = cache.appendingPathComponent("\(kept.prefix(2))/\(kept)")
                    let result = try await MusicLoopQuality.check(file)
                    #expect(result.passed, "\(result.reasons)")
                }
            }
        }
    }

    @Test("when every model's clip fails its check the step fails, names the check and is refunded")
    func failsAndRefunds() async throws {
        var studio = StudioGenerators.embedded
        studio.clipModels["embedded.morph"] = BlackFramedVideoGenerator(id: "embedded.morph")
        try await TestApp.with(.sqlite, studio: studio) { app in
            try await app.withWorker {
                try await app.test { api in
                    let session = try await api.register()
                    let (id, _) = try await framed(api, session)
                    let balance = try await api.balance(session)
                    let project = try await api.runStep(session, id, .clips)
                    let step = try api.step(project, .clips)
                    #expect(step.state == .failed)
                    let error = try #require(step.error)
                    #expect(error.hasPrefix("scene 1 clip failed its quality check"), "\(error)")
                    #expect(error.contains("embedded.morph: black picture"), "\(error)")
                    // Every model was asked already: the job is failed at once, not retried as a whole.
                    let job = try await app.services.database.read { db in try await Jobs.latest(db, project: id) }
                    #expect(job?.state == .failed && job?.attempts == 1, "\(String(describing: job))")
                    #expect(try await api.balance(session) == balance)
                    let money = try await ledger(app, session.userId)
                    #expect(money.balance == money.sum)
                }
            }
        }
    }
}
