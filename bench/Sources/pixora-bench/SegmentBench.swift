import Foundation
import PixoraCore
import PixoraMedia
import PixoraPipeline

/// The reference timeline rendered in one pass against renders joined from cached segments: from an empty
/// segment cache, unchanged, after changing one transition, and after regenerating one scene's picture. Each run
/// starts from an empty segment cache and measures all five, so drift in the machine's speed hits them alike.
func benchSegments(runs: Int) async throws {
    let store = AssetStore(root: workspace.appendingPathComponent("cache"))
    let state = try await referenceTimeline(store: store)
    var transition = state
    transition.transitions[2] = Transition(kind: .wipeleft, duration: 1)
    let scene = try await referenceTimeline(store: store, thirdScene: "a honeycomb glowing in warm light")
    precondition(scene.clips[2].asset != state.clips[2].asset && scene.audio == state.audio)
    let output = workspace.appendingPathComponent("segments.mp4")
    let cases = [
        "full render (one pass)", "segments, empty cache", "segments, unchanged", "one transition changed",
        "one scene of six regenerated",
    ]
    var times = Array(repeating: [(wall: Double, cpu: Double)](), count: cases.count)
    var uses = Array(repeating: "", count: cases.count)
    for _ in 0..<runs {
        let segments = AssetStore(root: workspace.appendingPathComponent("segments-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: segments.folder.root) }
        let full = Renderer(assets: store)
        let joined = Renderer(assets: store, segments: segments)
        let steps: [(Renderer, EditorState)] = [
            (full, state), (joined, state), (joined, state), (joined, transition), (joined, scene),
        ]
        for (index, step) in steps.enumerated() {
            MediaProbe.forgetAssets()
            var result: RenderResult?
            times[index].append(try await measured { result = try await step.0.render(step.1, to: output) })
            uses[index] = result?.segments.map { "\($0.encoded) encoded, \($0.reused) reused" } ?? "-"
        }
    }
    let full = times[0].map(\.wall)
    print(
        "Reference timeline (bench render): \(f(state.duration)) s, 1080×1920, 30 fps, \(state.clips.count) clips, "
            + "\(state.transitions.count) transitions, captions; \(runs) runs, each from an empty segment cache")
    table(
        ["render", "segments", "best s", "all runs s", "× full render (per run)", "CPU s (best run)"],
        cases.indices.map { index in
            let walls = times[index].map(\.wall)
            return [
                cases[index], uses[index], f(walls.min() ?? 0), walls.map { f($0) }.joined(separator: " "),
                zip(walls, full).map { f($0 / $1) }.joined(separator: " "),
                f(times[index].min { $0.wall < $1.wall }?.cpu ?? 0),
            ]
        })
}
