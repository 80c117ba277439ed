import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import Testing

@testable import PixoraPipeline

/// A temporary cache and output folder.
struct Workspace {
    let root: URL
    let store: AssetStore

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        store = AssetStore(root: root.appendingPathComponent("cache"))
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

@Suite("Offline generation end to end", .serialized)
struct GenerationTests {
    static let settings = Settings(
        aspectRatio: .vertical, durationSeconds: 12, style: .vibrant, quality: .p480, seed: 3)

    @Test("a short 9:16 video is generated, assembled and rendered to spec")
    func generatesVideo() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let pipeline = VideoPipeline(store: workspace.store)
        let plan = try await pipeline.plan(
            prompt: "a 12-second vertical video about how bees make honey", settings: Self.settings)
        let events = EventLog()
        let assets = try await pipeline.produceAssets(for: plan, progress: events.record)
        let state = Assembler.editorState(plan: plan, assets: assets)
        #expect(state.validate().isEmpty)
        #expect(state.clips.count == plan.scenes.count)
        #expect(state.audio.voice.segments.count == plan.scenes.count)
        #expect(!state.captions.cues.isEmpty && state.captions.enabled)
        #expect(!state.audio.music.segments.isEmpty)
        // Each voice fits inside its clip's visible span.
        let starts = state.clipStarts
        for (index, segment) in state.audio.voice.segments.enumerated() {
            #expect(
                segment.start >= starts[index]
                    && segment.start + segment.duration <= starts[index] + state.clips[index].duration + 0.001)
        }

        let output = workspace.root.appendingPathComponent("bees.mp4")
        let result = try await Renderer(assets: workspace.store).render(
            state, to: output, thumbnail: workspace.root.appendingPathComponent("bees.jpg"))
        let info = try await MediaProbe.probe(output)
        #expect(info.video?.width == 480 && info.video?.height == 854)
        #expect(info.video?.frameRate == 30)
        #expect(
            abs(info.duration - state.duration) <= 1.0 / 30 + 0.03, "duration \(info.duration) vs \(state.duration)")
        #expect(info.audio?.sampleRate == 48000)
        #expect(result.bytes > 50_000)

        let loudness = try await MediaCheck.loudness(of: output)
        #expect(abs(loudness.integrated + 14) <= 1, "integrated \(loudness.integrated)")
        #expect(loudness.truePeak <= -1.0, "true peak \(loudness.truePeak)")
        let longestTransition = state.transitions.map(\.overlap).max() ?? 0
        #expect(try await MediaCheck.blackStretches(in: output, minimum: longestTransition + 0.1).isEmpty)

        // Scenes look different from each other.
        let middles = zip(starts, state.clips).map { $0 + $1.duration / 2 }
        let first = try await MediaCheck.thumbnailPixels(of: output, at: middles[0])
        let last = try await MediaCheck.thumbnailPixels(of: output, at: middles[middles.count - 1])
        #expect(MediaCheck.difference(first, last) > 12)

        // Progress covered every stage and every scene part.
        let recorded = events.events
        #expect(Set(recorded.map(\.stage)).isSuperset(of: [.voice, .visuals]))
        for index in plan.scenes.indices {
            for part in [ScenePart.voice, .image, .clip] {
                #expect(recorded.contains { $0.sceneIndex == index && $0.part == part && $0.status == .done })
            }
        }
        #expect(zip(recorded, recorded.dropFirst()).allSatisfy { $0.fraction <= $1.fraction + 0.35 })
    }

    @Test("a second run generates nothing, and an edited narration regenerates only that scene's voice")
    func contentAddressedCache() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let pipeline = VideoPipeline(store: workspace.store)
        let plan = try await pipeline.plan(prompt: "how volcanoes erupt", settings: Self.settings)
        let first = try await pipeline.produceAssets(for: plan)
        #expect(first.generated > 0 && first.reused == 0)

        let again = try await pipeline.produceAssets(for: plan)
        #expect(again.generated == 0)
        #expect(again == PlanAssets(scenes: first.scenes, music: first.music, generated: 0, reused: again.reused))

        // A scene that kept its planned length: a shorter narration cannot change its clip.
        let target = try #require(plan.scenes.indices.first { first.scenes[$0].duration == plan.scenes[$0].duration })
        var edited = plan
        edited.scenes[target].narration = "Deep underground, the rock melts."
        let after = try await pipeline.produceAssets(for: edited)
        #expect(after.scenes[target].voice != first.scenes[target].voice)
        #expect(after.scenes[target].image == first.scenes[target].image)
        #expect(after.scenes[target].clip == first.scenes[target].clip)
        for index in plan.scenes.indices where index != target {
            #expect(after.scenes[index] == first.scenes[index])
        }
        #expect(after.music == first.music)
        #expect(after.generated == 1, "generated \(after.generated): only the voice should be new")
    }

    @Test("scenes are lengthened when the narration needs more time than planned")
    func lengthensScenes() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let pipeline = VideoPipeline(store: workspace.store)
        var plan = try await pipeline.plan(
            prompt: "how volcanoes erupt", settings: Settings(durationSeconds: 6, music: false, quality: .p480))
        plan.scenes[0].narration =
            "This is a much longer narration than the scene was planned for, and it keeps going for quite a while."
        let assets = try await pipeline.produceAssets(for: plan)
        let timings = assets.scenes[0].timings
        #expect(assets.scenes[0].duration >= timings.duration + SceneMargins.lead + SceneMargins.tail)
        #expect(assets.music.isEmpty)
        let state = Assembler.editorState(plan: plan, assets: assets)
        #expect(state.audio.music.segments.isEmpty)
        #expect(state.validate().isEmpty)
    }
}

/// Collects progress events from concurrent tasks.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [ProgressEvent] = []
    func record(_ event: ProgressEvent) { lock.withLock { stored.append(event) } }
    var events: [ProgressEvent] { lock.withLock { stored } }
}
