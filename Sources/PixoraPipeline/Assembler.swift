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
            captions: Captions(enabled: settings.captions, cues: []),
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
                state.audio.voice.segments.append(
                    AudioSegment(
                        asset: voice, start: round3(start), duration: round3(asset.timings.duration), fadeIn: 0.02,
                        fadeOut: 0.05))
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

/// Groups timed words into caption lines that are short enough to read at a glance.
public enum CaptionBuilder {
    public static func cues(for words: [WordTiming], offset: Double, portrait: Bool) -> [Cue] {
        let maxCharacters = portrait ? 26 : 38
        let maxWords = portrait ? 5 : 7
        var lines: [[WordTiming]] = []
        var current: [WordTiming] = []
        for word in words {
            let length = current.map(\.word.count).reduce(0, +) + current.count + word.word.count
            if !current.isEmpty && (length > maxCharacters || current.count >= maxWords) {
                lines.append(current)
                current = []
            }
            current.append(word)
            // Lines end at sentence ends, and at commas once they hold a few words.
            if let last = word.word.last, ".!?;:".contains(last) || (last == "," && current.count >= 3) {
                lines.append(current)
                current = []
            }
        }
        if !current.isEmpty { lines.append(current) }
        var cues: [Cue] = []
        for (index, line) in lines.enumerated() {
            guard let first = line.first, let last = line.last else { continue }
            let start = offset + first.start
            var end = offset + last.end + 0.25
            if index + 1 < lines.count, let next = lines[index + 1].first { end = min(end, offset + next.start) }
            cues.append(
                Cue(
                    start: Assembler.round3(start), end: Assembler.round3(max(end, start + 0.3)),
                    text: line.map(\.word).joined(separator: " ")))
        }
        return cues
    }
}
