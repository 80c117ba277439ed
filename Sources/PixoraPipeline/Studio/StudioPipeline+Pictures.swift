import Foundation
import PixoraCore
import PixoraGenerators

/// The `hero` and `frames` steps: pictures in one look.
extension StudioPipeline {
    func heroRequests(_ request: StudioRequest, _ workflow: StudioWorkflow) throws -> [(HeroLook, ImageRequest)] {
        let concept = try require(workflow.outputs.idea?.concept, .idea)
        var settings = settings(workflow)
        if let seed = request.seed { settings.seed = seed }
        let canvas = settings.canvas
        return (0..<(request.variations ?? 3)).map { variation in
            let look = HeroLook.derive(
                topic: "\(concept.title) \(concept.logline)", settings: settings, variation: variation)
            var image = ImageRequest(
                visual: concept.logline, keyPhrase: concept.title, mood: look.mood, style: look.style,
                width: canvas.width, height: canvas.height, seed: look.seed)
            image.look = look
            return (look, image)
        }
    }

    func estimateHero(_ request: StudioRequest, _ workflow: StudioWorkflow) throws -> StudioEstimate {
        let lines = try heroRequests(request, workflow).enumerated().map { index, pair in
            EstimateLine(
                item: "hero candidate \(index + 1)", credits: pricing.image,
                cached: store.contains(try key(video.generators.image, pair.1, ext: "png")))
        }
        return StudioEstimate(step: .hero, lines: lines, caveats: [])
    }

    func runHero(_ request: StudioRequest, _ workflow: StudioWorkflow, _ spent: SpendTally, progress: ProgressHandler?)
        async throws -> HeroOutput
    {
        let requests = try heroRequests(request, workflow)
        var candidates: [HeroCandidate] = []
        for (index, (look, image)) in requests.enumerated() {
            report(progress, .visuals, done: index, of: requests.count, "hero candidate \(index + 1)")
            candidates.append(HeroCandidate(look: look, image: try await picture(image, spent)))
        }
        return HeroOutput(candidates: candidates, chosen: 0)
    }

    /// The picture, made only when the store does not hold it yet (and then charged).
    func picture(_ request: ImageRequest, _ spent: SpendTally) async throws -> AssetRef {
        let ref = try key(video.generators.image, request, ext: "png")
        if try await store.obtain(ref, produce: { try await video.generators.image.makeImage(request, to: $0) }) {
            spent.add(pricing.image)
        }
        return ref
    }

    /// A scene's start or end picture in the hero's look; `variation` is the person's "try again" count.
    func frameRequest(_ scene: PlanScene, _ look: HeroLook, _ moment: FrameMoment, variation: Int, _ settings: Settings)
        -> ImageRequest
    {
        var scene = scene
        scene.variation = variation
        var request = video.imageRequest(scene, settings)
        request.style = look.style
        request.look = look
        request.frame = moment
        return request
    }

    /// The variations each scene's frames will use: the previous run's, one more for the frame asked to redraw.
    func frameVariations(_ request: StudioRequest, _ workflow: StudioWorkflow, _ plan: Plan) throws
        -> [String: (start: Int, end: Int)]
    {
        if let scene = request.scene, !plan.scenes.contains(where: { $0.id == scene }) {
            throw UsageError(
                "scene: no scene \(scene) in the storyboard (scenes: \(plan.scenes.map(\.id).joined(separator: ", ")))")
        }
        var variations: [String: (start: Int, end: Int)] = [:]
        for frames in workflow.outputs.frames?.scenes ?? [] {
            variations[frames.sceneId] = (frames.startVariation, frames.endVariation)
        }
        if let scene = request.scene {
            var current = variations[scene] ?? (0, 0)
            if request.frame != .end { current.start += 1 }
            if request.frame != .start { current.end += 1 }
            variations[scene] = current
        }
        return variations
    }

    func frameRequests(_ request: StudioRequest, _ workflow: StudioWorkflow) throws
        -> [(scene: PlanScene, start: ImageRequest, end: ImageRequest, variations: (start: Int, end: Int))]
    {
        let plan = try require(workflow.outputs.storyboard?.plan, .storyboard)
        let look = try require(workflow.outputs.hero?.look, .hero)
        let variations = try frameVariations(request, workflow, plan)
        let settings = plan.settings
        return plan.scenes.map { scene in
            let chosen = variations[scene.id] ?? (0, 0)
            return (
                scene, frameRequest(scene, look, .start, variation: chosen.start, settings),
                frameRequest(scene, look, .end, variation: chosen.end, settings), chosen
            )
        }
    }

    func estimateFrames(_ request: StudioRequest, _ workflow: StudioWorkflow) throws -> StudioEstimate {
        var lines: [EstimateLine] = []
        for frames in try frameRequests(request, workflow) {
            for (name, image) in [("start frame", frames.start), ("end frame", frames.end)] {
                lines.append(
                    EstimateLine(
                        item: name, sceneId: frames.scene.id, credits: pricing.image,
                        cached: store.contains(try key(video.generators.image, image, ext: "png"))))
            }
        }
        return StudioEstimate(step: .frames, lines: lines, caveats: [])
    }

    func runFrames(
        _ request: StudioRequest, _ workflow: StudioWorkflow, _ spent: SpendTally, progress: ProgressHandler?
    ) async throws -> FramesOutput {
        let requests = try frameRequests(request, workflow)
        var scenes: [SceneFrames] = []
        for (index, frames) in requests.enumerated() {
            report(progress, .visuals, done: index, of: requests.count, "scene \(index + 1): start and end frames")
            async let start = picture(frames.start, spent)
            async let end = picture(frames.end, spent)
            scenes.append(
                SceneFrames(
                    sceneId: frames.scene.id, startFrame: try await start, endFrame: try await end,
                    startVariation: frames.variations.start, endVariation: frames.variations.end))
        }
        return FramesOutput(scenes: scenes)
    }
}
