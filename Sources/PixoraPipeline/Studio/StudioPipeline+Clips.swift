import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia

/// The `clips` step: a clip per scene from its start frame to its end frame, on the model routing picked.
extension StudioPipeline {
    struct PlannedClip {
        var scene: PlanScene
        var index: Int
        var route: ClipRoute
        var duration: Double
        var frames: SceneFrames
    }

    func plannedClips(_ request: StudioRequest, _ workflow: StudioWorkflow) throws -> [PlannedClip] {
        let storyboard = try require(workflow.outputs.storyboard, .storyboard)
        let frames = try require(workflow.outputs.frames, .frames)
        let durations = storyboard.durations
        let ids = Set(storyboard.plan.scenes.map(\.id))
        if let unknown = request.models?.keys.sorted().first(where: { !ids.contains($0) }) {
            throw UsageError("models: no scene \(unknown) in the storyboard")
        }
        if let unknown = request.models?.values.sorted().first(where: { studio.catalogue.model(id: $0) == nil }) {
            let known = studio.catalogue.models.map(\.id).joined(separator: ", ")
            throw UsageError("models: unknown video model \(unknown) (models: \(known))")
        }
        let byScene = Dictionary(frames.scenes.map { ($0.sceneId, $0) }, uniquingKeysWith: { first, _ in first })
        return try storyboard.plan.scenes.enumerated().map { index, scene in
            guard let sceneFrames = byScene[scene.id] else {
                throw UsageError("The frames step has no frames for scene \(scene.id); run it again.")
            }
            let duration = durations[scene.id] ?? scene.duration
            let needs = SceneClipNeeds(
                sceneId: scene.id, duration: duration, endFrame: true,
                aspectRatio: storyboard.plan.settings.aspectRatio, modelOverride: request.models?[scene.id])
            let route = ClipRouting.route(needs, in: studio.catalogue, budgetPerSecond: nil)
            return PlannedClip(scene: scene, index: index, route: route, duration: duration, frames: sceneFrames)
        }
    }

    /// The generator and request for one planned clip on `model` (the end frame only when the model takes one).
    func clipJob(_ clip: PlannedClip, model: String, settings: Settings) throws
        -> (any FramedVideoGenerator, FramedClipRequest, AssetRef)?
    {
        guard let generator = studio.clipModels[model], let entry = studio.catalogue.model(id: model) else {
            return nil
        }
        let canvas = settings.canvas
        let request = FramedClipRequest(
            start: clip.frames.startFrame.key, end: entry.endFrame ? clip.frames.endFrame.key : nil,
            width: canvas.width, height: canvas.height, fps: canvas.fps, duration: clip.duration,
            motion: VideoPipeline.motion(for: clip.scene, index: clip.index, settings: settings),
            prompt: clip.scene.visual)
        return (generator, request, try key(generator, request, ext: "mp4"))
    }

    func estimateClips(_ request: StudioRequest, _ workflow: StudioWorkflow) throws -> StudioEstimate {
        let settings = try require(workflow.outputs.storyboard?.plan.settings, .storyboard)
        var lines: [EstimateLine] = []
        var caveats: [String] = []
        for clip in try plannedClips(request, workflow) {
            let cached = try clipJob(clip, model: clip.route.model, settings: settings).map { store.contains($0.2) }
            lines.append(
                EstimateLine(
                    item: "clip, \(clip.duration.formatted(.number.precision(.fractionLength(1)))) s",
                    sceneId: clip.scene.id, model: clip.route.model, credits: clip.route.credits,
                    cached: cached ?? false))
            caveats += clip.route.caveats
        }
        return StudioEstimate(step: .clips, lines: lines, caveats: caveats)
    }

    func runClips(_ request: StudioRequest, _ workflow: StudioWorkflow, _ spent: SpendTally, progress: ProgressHandler?)
        async throws -> ClipsOutput
    {
        let settings = try require(workflow.outputs.storyboard?.plan.settings, .storyboard)
        let planned = try plannedClips(request, workflow)
        var scenes: [SceneClip] = []
        for clip in planned {
            report(progress, .visuals, done: clip.index, of: planned.count, "scene \(clip.index + 1): clip")
            let fraction = Double(clip.index) / Double(max(planned.count, 1))
            scenes.append(
                try await makeClip(clip, settings: settings, spent) { notice in
                    progress?(
                        ProgressEvent(
                            stage: .visuals, fraction: fraction, sceneIndex: clip.index, notice: notice,
                            message: "scene \(clip.index + 1): clip retried"))
                })
        }
        return ClipsOutput(scenes: scenes)
    }

    /// Tries the routed model, then its fallbacks in order; the clip records which one made it. A clip made now is
    /// checked like a generated video's (size, rate, length, black, still, cuts): one that fails is discarded,
    /// charged nothing, and the next model makes it; `retried` hears why.
    func makeClip(
        _ clip: PlannedClip, settings: Settings, _ spent: SpendTally, retried: (String) -> Void = { _ in }
    ) async throws -> SceneClip {
        var failures: [String] = []
        var rejections: [String] = []
        let models = [clip.route.model] + clip.route.fallbacks
        for (position, model) in models.enumerated() {
            guard let (generator, request, ref) = try clipJob(clip, model: model, settings: settings) else {
                failures.append("\(model): not configured here")
                continue
            }
            do {
                let startURL = try store.url(for: clip.frames.startFrame)
                let endURL = request.end == nil ? nil : try store.url(for: clip.frames.endFrame)
                let made = try await store.obtain(ref, publishing: false) {
                    try await generator.makeClip(request, start: startURL, end: endURL, to: $0)
                }
                let expected = ClipExpectation(
                    width: request.width, height: request.height, fps: request.fps, duration: request.duration)
                if made, let rejected = try await video.rejectedClip(ref, expected) {
                    rejections.append("\(model): \(rejected.reasons)")
                    if position + 1 < models.count {
                        let reason = rejected.summary ?? "failed check"
                        retried("scene \(clip.index + 1) clip on \(model) retried: \(reason)")
                    }
                    continue
                }
                if made { try await store.publish(ref) }
                // A fallback is charged at its own price, which routing keeps at or below the routed one's.
                if made, let entry = studio.catalogue.model(id: model) {
                    spent.add(Int((entry.clipLength(for: clip.duration) * Double(entry.creditsPerSecond)).rounded(.up)))
                }
                return SceneClip(
                    sceneId: clip.scene.id, route: clip.route, model: model, clip: ref, duration: clip.duration)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failures.append("\(model): \(error)")
            }
        }
        // Only quality rejections: every model was asked already, so the job must not be retried as a whole.
        if failures.allSatisfy({ $0.hasSuffix(": not configured here") }), !rejections.isEmpty {
            throw QualityCheckFailed(
                what: "scene \(clip.index + 1) clip", attempts: rejections.count,
                reasons: rejections.joined(separator: "; "))
        }
        throw StudioClipFailure(
            sceneId: clip.scene.id, failures: failures + rejections.map { "failed its quality check: \($0)" })
    }
}

/// Every model in a scene's route failed.
struct StudioClipFailure: Error, CustomStringConvertible {
    var sceneId: String
    var failures: [String]

    var description: String { "No model could make the clip of scene \(sceneId): \(failures.joined(separator: "; "))" }
}
