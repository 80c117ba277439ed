import Foundation
import PixoraCore
import PixoraGenerators

/// The `idea` and `storyboard` steps.
extension StudioPipeline {
    func runIdea(_ request: StudioRequest, _ workflow: StudioWorkflow, spent: SpendTally) async throws -> IdeaOutput {
        spent.add(ideaPrice)
        var settings = workflow.settings
        if let seed = request.seed { settings.seed = seed }
        let concepts = try await studio.concepts.concepts(topic: workflow.topic, settings: settings, count: 3)
        guard let first = concepts.first else { throw UsageError("No concept could be written for this topic.") }
        return IdeaOutput(concepts: concepts, chosen: 0, concept: first)
    }

    /// The plan the storyboard will speak: the person's own, or one written from the approved concept.
    func storyboardPlan(_ request: StudioRequest, _ workflow: StudioWorkflow) async throws -> Plan {
        let concept = try require(workflow.outputs.idea?.concept, .idea)
        if var plan = request.plan {
            let issues = plan.validate()
            guard issues.isEmpty else { throw InvalidDocument(document: "plan", issues: issues) }
            // The project's picture shape stays: the hero, the frames and the export are drawn on its canvas.
            plan.settings.aspectRatio = workflow.settings.aspectRatio
            plan.settings.quality = workflow.settings.quality
            plan.settings.fps = workflow.settings.fps
            return plan
        }
        var settings = settings(workflow)
        if let seed = request.seed { settings.seed = seed }
        var plan = try await video.plan(prompt: "\(concept.title). \(concept.logline)", settings: settings)
        plan.title = concept.title
        return plan
    }

    func estimateStoryboard(_ request: StudioRequest, _ workflow: StudioWorkflow) throws -> StudioEstimate {
        let concept = try require(workflow.outputs.idea?.concept, .idea)
        var lines: [EstimateLine] = []
        if let plan = request.plan {
            let issues = plan.validate()
            guard issues.isEmpty else { throw InvalidDocument(document: "plan", issues: issues) }
            for scene in plan.scenes {
                let voice = try voiceRef(scene, plan.settings)
                lines.append(
                    EstimateLine(
                        item: "narration", sceneId: scene.id, credits: voice == nil ? 0 : pricing.voicePerScene,
                        cached: voice.map(store.contains) ?? false))
            }
        } else {
            lines.append(EstimateLine(item: "script and scenes", credits: pricing.plan, cached: false))
            // The scenes are not written yet: priced at the planner's usual pace of one scene per 6 seconds.
            let scenes = max(1, Int((Double(concept.durationSeconds) / 6).rounded(.up)))
            lines.append(
                EstimateLine(
                    item: "narration, \(scenes) scenes", credits: scenes * pricing.voicePerScene, cached: false))
        }
        return StudioEstimate(step: .storyboard, lines: lines, caveats: [])
    }

    func voiceRef(_ scene: PlanScene, _ settings: Settings) throws -> AssetRef? {
        let request = video.speechRequest(scene, settings)
        return request.text.isEmpty ? nil : try key(video.generators.speech, request, ext: "wav")
    }

    func runStoryboard(
        _ request: StudioRequest, _ workflow: StudioWorkflow, _ spent: SpendTally, progress: ProgressHandler?
    ) async throws -> StoryboardOutput {
        report(progress, .planning, done: 0, of: 1, "writing the script")
        let plan = try await storyboardPlan(request, workflow)
        if request.plan == nil { spent.add(pricing.plan) }
        var speech: [Double] = []
        var voices: [(AssetRef?, AssetRef?)] = []
        for (index, scene) in plan.scenes.enumerated() {
            report(progress, .voice, done: index, of: plan.scenes.count, "scene \(index + 1): narration")
            let speechRequest = video.speechRequest(scene, plan.settings)
            guard let wav = try voiceRef(scene, plan.settings) else {
                speech.append(0)
                voices.append((nil, nil))
                continue
            }
            let timingsRef = AssetRef(key: wav.key, ext: "json")
            let timings: SpeechTimings
            if store.contains(wav), store.contains(timingsRef),
                let stored = try? store.readJSON(SpeechTimings.self, timingsRef)
            {
                timings = stored
            } else {
                timings = try await video.makeSpeech(speechRequest, wav: wav)
                try await store.writeJSON(timings, timingsRef)
                spent.add(pricing.voicePerScene)
            }
            speech.append(timings.duration)
            voices.append((wav, timingsRef))
        }
        let durations = VideoPipeline.sceneDurations(plan.scenes, speech: speech, fps: plan.settings.fps)
        let sceneVoices = plan.scenes.indices.map { index in
            SceneVoice(
                sceneId: plan.scenes[index].id, voice: voices[index].0, timings: voices[index].1,
                speechSeconds: speech[index], duration: durations[index])
        }
        return StoryboardOutput(plan: plan, voices: sceneVoices)
    }
}
