import Foundation
import PixoraCore
import PixoraMedia

/// A plan's timeline with every asset it uses made or found.
public struct AssembledVideo: Sendable {
    public var plan: Plan
    public var assets: PlanAssets
    public var state: EditorState

    public init(plan: Plan, assets: PlanAssets, state: EditorState) {
        self.plan = plan
        self.assets = assets
        self.state = state
    }
}

/// The whole chain, in one place for the CLI, the workers, the director agent and the benchmarks:
/// plan → assets → EditorState (`assemble`), EditorState → MP4 or WebM + thumbnail (`render`), or both (`makeVideo`).
extension VideoPipeline {
    public func assemble(_ plan: Plan, progress: ProgressHandler? = nil) async throws -> AssembledVideo {
        let assets = try await produceAssets(for: plan, progress: progress)
        return AssembledVideo(plan: plan, assets: assets, state: Assembler.editorState(plan: plan, assets: assets))
    }

    /// Renders with this pipeline's assets as `format`, reporting the render's progress as `.rendering` events, and
    /// checks the file against the state (`RenderQuality`): one that fails is removed and the call fails. An MP4 is
    /// joined from segments kept in the asset store, so only what an edit changed is encoded; `full` encodes the
    /// whole picture in one pass instead; `dispatcher` shares the segments' encoding with other workers.
    public func render(
        _ state: EditorState, to output: URL, format: OutputContainer = .mp4, thumbnail: URL? = nil, full: Bool = false,
        dispatcher: (any SegmentDispatcher)? = nil, progress: ProgressHandler? = nil
    ) async throws -> RenderResult {
        // An edit may be rendered by a worker that never made its assets.
        try await store.fetch(state.referencedAssets)
        // A fallback's stand-in sits under the provider's key until the provider makes the real one: segments and
        // sound made from it would outlive it under that key (and reach other workers), so such a render is one
        // pass.
        let standIn = state.referencedAssets.contains { store.provenance(of: $0)?.fallbackReason != nil }
        let segments = full || standIn ? nil : store
        let render = { (target: EditorState) in
            try await Renderer(assets: self.store, segments: segments, dispatcher: dispatcher).render(
                target, to: output, format: format, thumbnail: thumbnail
            ) { fraction in
                progress?(
                    ProgressEvent(
                        stage: .rendering, fraction: ProgressEvent.fraction(.rendering, done: fraction, of: 1),
                        message: "rendering"))
            }
        }
        let result = try await render(state)
        let check = try await renderCheck(result, state)
        if check.passed { return result }
        // The AAC encoder can overshoot the limiter by more than the check allows on a heavily limited mix (seen:
        // +1.8 dB after turning the music down); the audio is made again once under a ceiling lowered by the
        // overshoot, and that render is checked against the document's own ceiling.
        if check.problems.allSatisfy({ $0.kind == .truePeak }), let peak = check.measured.truePeak {
            var stricter = state
            stricter.output.truePeak = max(state.output.truePeak - (peak - state.output.truePeak) - 0.5, -9)
            let again = try await render(stricter)
            try await checkRender(again, state)
            return again
        }
        try reject(result, check)
    }

    public func makeVideo(
        _ plan: Plan, to output: URL, thumbnail: URL? = nil, progress: ProgressHandler? = nil
    ) async throws -> (AssembledVideo, RenderResult) {
        let video = try await assemble(plan, progress: progress)
        return (video, try await render(video.state, to: output, thumbnail: thumbnail, progress: progress))
    }

    /// Encodes one segment of `state` into the asset store (published to the shared store) unless it is there: a
    /// segment job's work. Returns whether it was encoded now.
    public func encodeSegment(of state: EditorState, index: Int) async throws -> Bool {
        try await store.fetch(state.referencedAssets)
        return try await Renderer(assets: store, segments: store).encodeSegment(of: state, index: index, cache: store)
    }
}
