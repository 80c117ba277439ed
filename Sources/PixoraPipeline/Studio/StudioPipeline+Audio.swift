import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia

/// The `audio` step: a sound effect per scene from a description, and the music (the voices were spoken by the
/// storyboard, whose lengths every later step follows).
extension StudioPipeline {
    /// Effects sit this much below full scale in the mix; the person changes the lane's volume in the editor.
    static let effectVolume = 0.6

    struct PlannedAudio {
        var effects: [(sceneId: String, description: String, request: SoundEffectRequest, ref: AssetRef)]
        var music: [(group: Int, mood: Mood, request: MusicRequest, ref: AssetRef)]
    }

    func plannedAudio(_ request: StudioRequest, _ workflow: StudioWorkflow) throws -> PlannedAudio {
        let storyboard = try require(workflow.outputs.storyboard, .storyboard)
        let plan = storyboard.plan
        let durations = storyboard.durations
        let ids = Set(plan.scenes.map(\.id))
        if let unknown = request.effects?.keys.sorted().first(where: { !ids.contains($0) }) {
            throw UsageError("effects: no scene \(unknown) in the storyboard")
        }
        var planned = PlannedAudio(effects: [], music: [])
        let checksWords = studio.effects.id == EmbeddedSoundEffectGenerator().id
        for (index, scene) in plan.scenes.enumerated() {
            let asked =
                request.effects?[scene.id] ?? SoundEffectMatcher.suggestion(for: "\(scene.visual) \(scene.narration)")
            guard let description = asked?.trimmingCharacters(in: .whitespacesAndNewlines), !description.isEmpty
            else { continue }
            if checksWords, SoundEffectMatcher.kind(for: description) == nil {
                let kinds = SoundEffectKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw UsageError("effects.\(scene.id): no effect matches \"\(description)\"; describe one of: \(kinds)")
            }
            var random = SeededRandom(seed: plan.settings.seed, label: "effect-\(index)")
            let effect = SoundEffectRequest(
                description: description, duration: min(durations[scene.id] ?? scene.duration, 30), seed: random.next())
            planned.effects.append((scene.id, description, effect, try key(studio.effects, effect, ext: "wav")))
        }
        if request.music ?? plan.settings.music {
            for group in Array(Set(plan.scenes.map(\.musicGroup))).sorted() {
                let length = plan.scenes.filter { $0.musicGroup == group }.reduce(0) {
                    $0 + (durations[$1.id] ?? $1.duration)
                }
                let mood = MusicGrouping.mood(ofGroup: group, in: plan.scenes)
                let music = video.musicRequest(group: group, mood: mood, length: length, settings: plan.settings)
                planned.music.append((group, mood, music, try key(video.generators.music, music, ext: "wav")))
            }
        }
        return planned
    }

    func estimateAudio(_ request: StudioRequest, _ workflow: StudioWorkflow) throws -> StudioEstimate {
        let planned = try plannedAudio(request, workflow)
        let effects = planned.effects.map {
            EstimateLine(
                item: "sound effect: \($0.description)", sceneId: $0.sceneId, model: studio.effects.id,
                credits: pricing.effect, cached: store.contains($0.ref))
        }
        let music = planned.music.map {
            EstimateLine(
                item: "music, group \($0.group + 1) (\($0.mood.rawValue))", credits: pricing.musicTrack,
                cached: store.contains($0.ref))
        }
        return StudioEstimate(step: .audio, lines: effects + music, caveats: [])
    }

    func runAudio(_ request: StudioRequest, _ workflow: StudioWorkflow, _ spent: SpendTally, progress: ProgressHandler?)
        async throws -> AudioOutput
    {
        let planned = try plannedAudio(request, workflow)
        let total = planned.effects.count + planned.music.count
        var effects: [SceneEffect] = []
        for (index, effect) in planned.effects.enumerated() {
            report(progress, .music, done: index, of: total, "sound effect: \(effect.description)")
            let made = try await store.obtain(effect.ref) {
                try await studio.effects.makeEffect(effect.request, to: $0)
            }
            if made { spent.add(pricing.effect) }
            effects.append(
                SceneEffect(
                    sceneId: effect.sceneId, description: effect.description, asset: effect.ref,
                    duration: effect.request.duration, volume: Self.effectVolume))
        }
        var music: [StudioMusicTrack] = []
        for (index, track) in planned.music.enumerated() {
            let fraction = Double(planned.effects.count + index) / Double(max(total, 1))
            report(progress, .music, done: planned.effects.count + index, of: total, "music \(track.group + 1)")
            let (ref, made) = try await checkedMusic(track.request, ref: track.ref, group: track.group) { notice in
                progress?(
                    ProgressEvent(
                        stage: .music, fraction: fraction, notice: notice,
                        message: "music \(track.group + 1): retried"))
            }
            if made { spent.add(pricing.musicTrack) }
            let length = try WAVHeader(contentsOf: try store.url(for: ref)).duration
            music.append(StudioMusicTrack(group: track.group, mood: track.mood, track: ref, duration: length))
        }
        return AudioOutput(effects: effects, music: music)
    }

    /// The group's track, checked like a generated video's: one made now that does not loop cleanly is discarded
    /// and made again with a new seed, up to the gate's retries (charged once, as estimated).
    func checkedMusic(
        _ planned: MusicRequest, ref plannedRef: AssetRef, group: Int, retried: (String) -> Void
    ) async throws -> (AssetRef, made: Bool) {
        var (request, ref, attempt) = (planned, plannedRef, 0)
        while true {
            let made = try await store.obtain(ref, publishing: false) {
                _ = try await video.generators.music.makeMusic(request, to: $0)
            }
            if made, let rejected = try await video.rejectedMusic(ref) {
                attempt += 1
                guard attempt <= video.quality.retries else {
                    throw QualityCheckFailed(what: "music \(group + 1)", attempts: attempt, reasons: rejected.reasons)
                }
                retried("music \(group + 1) retried: \(rejected.summary ?? "failed check")")
                request.seed = QualityGate.seed(planned.seed, attempt: attempt)
                ref = try key(video.generators.music, request, ext: "wav")
                continue
            }
            if made { try await store.publish(ref) }
            return (ref, made)
        }
    }
}
