import PixoraCore
import PixoraGenerators

/// Turns a plan and its assets into the EditorState that the renderer draws: clips and transitions,
/// the voice placed per scene, caption cues from word timings, and one music segment per music group.
public enum Assembler {
    /// Default track gains: music sits well under the narration before ducking.
    public static let voiceVolume = 1.0
    public static let musicVolume = 0.32

    public static func editorState(plan: Plan, assets: PlanAssets) -> EditorState {
        let settings = plan.settings
        let scenes = plan.scenes
        let clips = zip(scenes, assets.scenes).map { scene, asset in
            Clip(id: scene.id, sceneId: scene.id, asset: asset.clip, duration: asset.duration)
        }
        let transitions = scenes.dropLast().map(\.transition)
        var state = EditorState(
            title: plan.title, canvas: settings.canvas, clips: clips, transitions: Array(transitions),
            captions: Captions(enabled: settings.captions, mode: settings.captionMode ?? .phrase, cues: []),
            audio: AudioMix(
                voice: AudioTrack(volume: voiceVolume, segments: []),
                music: AudioTrack(volume: musicVolume, segments: [])))
        let starts = state.clipStarts

        var cues: [Cue] = []
        for (index, asset) in assets.scenes.enumerated() {
            // Word timings come from the scene's voice, or are spread over the scene under an uploaded voice-over.
            guard asset.voice != nil || assets.voiceOver != nil, asset.timings.duration > 0 else { continue }
            let overlapIn = index > 0 ? transitions[index - 1].overlap : 0
            let start = starts[index] + overlapIn / 2 + SceneMargins.lead
            if let voice = asset.voice {
                // The voice starts just before its first word: a synthesizer's leading pause is not silent (flite's
                // noise floor is -45 to -50 dBFS in the render, after the voice chain and loudness normalization),
                // and playing it made silence detection hear the speech begin 130-220 ms before the first word.
                let skip = CaptionBuilder.leadingPause(of: asset.timings)
                state.audio.voice.segments.append(
                    AudioSegment(
                        asset: voice, start: round3(start + skip), trimIn: round3(skip),
                        duration: round3(asset.timings.duration - skip), fadeIn: 0.02, fadeOut: 0.05))
            }
            cues += CaptionBuilder.cues(for: asset.timings.words, offset: start, portrait: settings.canvas.isPortrait)
        }
        state.captions.cues = cues

        if let voiceOver = assets.voiceOver {
            // One track from the first frame; one longer than the longest video fades out at the end.
            let duration = min(voiceOver.duration, state.duration)
            let cut = voiceOver.duration > state.duration + 0.001
            state.audio.voice.segments.append(
                AudioSegment(
                    asset: voiceOver.track, start: 0, duration: round3(duration), fadeIn: 0.02,
                    fadeOut: cut ? min(1.5, duration / 3) : 0.05))
        }

        if let bed = assets.musicBed {
            // The uploaded music under the whole video, ducked under the voice like generated music.
            let duration = state.duration
            state.audio.music.segments.append(
                AudioSegment(
                    asset: bed.track, start: 0, duration: round3(duration), fadeIn: min(1.0, duration / 3),
                    fadeOut: min(2.0, duration / 3), loop: bed.trackDuration < duration))
        } else if settings.music {
            for music in assets.music {
                let members = scenes.indices.filter { scenes[$0].musicGroup == music.group }
                guard let first = members.first, let last = members.last else { continue }
                let start = starts[first]
                let end = starts[last] + assets.scenes[last].duration
                let duration = end - start
                // Groups meet inside a transition: the old track fades out across it while the new one fades in.
                let fadeIn = first == 0 ? 1.0 : max(transitions[first - 1].overlap, 0.5)
                let fadeOut = last == scenes.count - 1 ? 2.0 : max(transitions[last].overlap, 0.5)
                state.audio.music.segments.append(
                    AudioSegment(
                        asset: music.track, start: round3(start), duration: round3(duration),
                        fadeIn: min(fadeIn, duration / 3), fadeOut: min(fadeOut, duration / 3),
                        loop: music.trackDuration < duration))
            }
        }
        return state
    }

    static func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
