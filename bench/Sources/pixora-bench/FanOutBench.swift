import Foundation
import Logging
import PixoraCore
import PixoraJobs
import PixoraMedia
import PixoraPipeline
import PixoraStore

/// A 121 s 1080×1920 picture (the reference clips five times over, each time under another colour look, 30 clips
/// and 29 one-second crossfades; no captions or sound, which are mixed once for the whole timeline anyway) rendered
/// by one worker's job with 0, 1 and 3 other workers in the same queue (SQLite) helping with its segments. Each run
/// starts from an empty segment cache. Also the critical path: the longest segment encoded alone.
func benchFanOut(workerCounts: [Int]) async throws {
    let store = AssetStore(root: workspace.appendingPathComponent("cache"))
    let reference = try await referenceTimeline(store: store)
    let looks: [LookPreset] = [.none, .warm, .cool, .vintage, .bw]
    var state = reference
    state.clips = looks.enumerated().flatMap { round, preset in
        reference.clips.enumerated().map { index, clip in
            Clip(
                id: "c\(round)-\(index)", sceneId: nil, asset: clip.asset, duration: 5,
                look: preset == .none ? nil : Look(preset: preset, intensity: 1))
        }
    }
    state.transitions = Array(repeating: Transition(kind: .fade, duration: 1), count: state.clips.count - 1)
    state.captions.enabled = false
    state.overlays = []
    state.audio = AudioMix(voice: .empty, music: .empty)
    precondition(state.validate().isEmpty, "\(state.validate())")
    var logger = Logger(label: "pixora.bench")
    logger.logLevel = .error
    var rows: [[String]] = []
    var totals: [Int: (wall: Double, cpu: Double)] = [:]
    var segments = 0
    for count in workerCounts {
        let root = workspace.appendingPathComponent("fanout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let runStore = AssetStore(root: root.appendingPathComponent("cache"))
        for asset in Set(state.clips.map(\.asset)) {
            let target = runStore.folder.location(of: asset)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.linkItem(at: try store.url(for: asset), to: target)
        }
        let database = try await openDatabase(
            .sqlite(path: root.appendingPathComponent("queue.sqlite").path), logger: logger)
        try await Migrations.run(on: database)
        let workshop = VideoWorkshop(
            database: database, pipeline: VideoPipeline(store: runStore),
            media: MediaFolder(root: root.appendingPathComponent("media")))
        var settings = WorkerSettings()
        settings.idlePoll = 0.05
        let helpers = (1..<max(count, 1)).map { number in
            Worker(
                database: database, handlers: workshop.handlers, settings: settings, logger: logger, id: "w\(number)")
        }
        let running = helpers.map { helper in Task { await helper.run() } }
        var result: RenderResult?
        let output = root.appendingPathComponent("fanout.mp4")
        let time = try await measured {
            result = try await workshop.pipeline.render(
                state, to: output,
                dispatcher: workshop.segmentDispatcher(owner: "w0", video: nil, settings: settings, logger: logger))
        }
        running.forEach { $0.cancel() }
        for task in running { await task.value }
        await database.shutdown()
        let use = result?.segments ?? SegmentUse(encoded: 0, reused: 0)
        segments = use.encoded + use.elsewhere + use.reused
        totals[count] = time
        rows.append([
            "\(count)", f(time.wall), f(time.cpu), f(time.cpu / Double(max(segments, 1))),
            "\(use.encoded) here, \(use.elsewhere) by others",
            f((totals[workerCounts[0]]?.wall ?? time.wall) / time.wall),
        ])
    }
    // The critical path: no number of workers finishes before the longest segment (a clip's body) is encoded.
    let alone = AssetFolder(root: workspace.appendingPathComponent("fanout-critical-\(UUID().uuidString)"))
    defer { try? FileManager.default.removeItem(at: alone.root) }
    let body = try await measured {
        _ = try await Renderer(assets: store).encodeSegment(of: state, index: 0, cache: alone)
    }
    print(
        "Fan-out: \(f(state.duration)) s, 1080×1920, 30 fps, \(state.clips.count) clips, \(segments) segments; "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores; one run per worker count")
    table(
        ["workers", "wall s", "CPU s", "CPU s / segment", "segments", "speed-up"], rows)
    print(
        "Critical path: the first clip's body (4 s, 120 frames) alone: \(f(body.wall)) s wall, \(f(body.cpu)) CPU s. "
            + "Model: wall(k cores) ≈ max(CPU s / k, critical path) + join.")
}
