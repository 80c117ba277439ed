import Foundation

/// The assistant's colour looks ("make it black and white", "warmer", "vintage look for scene 2") and text
/// animations ("fade the title in", "typewriter the text").
extension Reader {
    static let textWords = #"\b(text|titles?|overlays?|headings?|labels?|words?|writing)\b"#
    static let otherTracks = #"\b(transitions?|music|voice|narration|captions?|subtitles?|volume)\b"#

    // MARK: Looks

    func lookOperations() -> [EditorOperation]? {
        guard !has(Self.otherTracks), !has(Self.textWords) else { return nil }
        let lookWord = has(#"\b(look|grade|grading|colou?rs?|filter|lut|tone|tint|style|feel)\b"#)
        if has(#"\b(remove|clear|reset|undo|drop|no|without)\b"#) && lookWord
            || has(#"\b(original|natural) colou?rs?\b"#)
        {
            let named = scenes
            return named.isEmpty ? [.clearLook()] : named.map { .clearLook(clip: $0) }
        }
        guard let preset = lookPreset else { return nil }
        let comparative = has(#"\b(warmer|cooler|colder|more|less|bit|little|touch|slightly)\b"#)
        var intensity = comparative ? 0.6 : 1.0
        if let percent = Patterns.percent.all(clause).first.flatMap({ Double($0[1]) }) {
            intensity = min(max(percent / 100, 0), 1)
        }
        let named = scenes
        let current = named.first.flatMap { state.clips[$0].look } ?? state.look
        if has(#"\b(warmer|cooler|colder|more)\b"#), let current, current.preset == preset {
            intensity = min(current.intensity + 0.25, 1)
        }
        // "Warmer" on a cool video takes some of the cool away first.
        let opposite: [LookPreset: LookPreset] = [.warm: .cool, .cool: .warm]
        if has(#"\b(warmer|cooler|colder)\b"#), let current, let against = opposite[preset],
            current.preset == against, current.lut == nil
        {
            let remaining = ((current.intensity - 0.5) * 1000).rounded() / 1000
            guard remaining > 0 else { return named.isEmpty ? [.clearLook()] : named.map { .clearLook(clip: $0) } }
            let look = Look(preset: against, intensity: remaining)
            return named.isEmpty ? [.setLook(look)] : named.map { .setClipLook($0, look) }
        }
        let look = Look(preset: preset, intensity: (intensity * 1000).rounded() / 1000)
        return named.isEmpty ? [.setLook(look)] : named.map { .setClipLook($0, look) }
    }

    var lookPreset: LookPreset? {
        if has(#"\b(black (and|&) white|black-and-white|b&w|b/w|monochrome|gr[ae]yscale|bw)\b"#) { return .bw }
        if has(#"\bteal\b.*\borange\b|\borange\b.*\bteal\b|\b(cinematic|blockbuster)\b"#) { return .tealOrange }
        if has(#"\b(high[- ]contrast|punchy|punchier|contrasty|more contrast)\b"#) { return .highContrast }
        if has(#"\b(vintage|retro|old film|old-fashioned|sepia|nostalgic)\b"#) { return .vintage }
        if has(#"\b(warm|warmer|warmth|golden)\b"#) { return .warm }
        if has(#"\b(cool|cooler|colder|cold|icy)\b"#) { return .cool }
        if has(#"\b(no|plain|neutral) (look|grade|filter)\b"#) { return LookPreset.none }
        return nil
    }

    // MARK: Text animations

    func animationOperations() -> [EditorOperation]? {
        guard !state.overlays.isEmpty, !has(#"\b(transitions?|captions?|subtitles?)\b"#) else { return nil }
        let typewriter = has(#"\b(typewriter|type (it |them )?(in|out|on)|typed|typing)\b"#)
        guard typewriter || has(Self.textWords) else { return nil }
        let type: AnimationType
        if typewriter {
            type = .typewriter
        } else if has(#"\bpops?\b|\bpopping\b"#) {
            type = .pop
        } else if has(#"\bslides?\b|\bsliding\b"#) {
            type = has(#"\b(left|from the right|sideways)\b"#) ? .slideLeft : .slideUp
        } else if has(#"\bfades?\b|\bfading\b"#) {
            type = .fade
        } else if has(#"\b(no|stop|remove|without|don't|do not)\b.*\banimat"#) {
            return state.overlays.map { .setOverlayAnimation($0.id, OverlayAnimation()) }
        } else if has(#"\banimat"#) {
            type = .fade
        } else {
            return nil
        }
        let both = has(#"\bin and out\b|\bout and in\b|\bboth\b"#)
        let exit = !both && has(#"\b(out|away|off|exit|leave|leaves|disappear)\b"#) && !has(#"\bin\b"#)
        let asked = Patterns.seconds.all(clause).first.flatMap { Self.number($0[1]) }
        return state.overlays.map { overlay in
            let span = overlay.end - overlay.start
            let standard: Double =
                switch type {
                case .typewriter: min(max(Double(overlay.text.count) * 0.06, 0.6), 2)
                case .slideUp, .slideLeft: 0.6
                case .fade, .pop: 0.5
                }
            let room = both ? span / 2 : span
            let duration =
                (min(max(asked ?? standard, AnimationStep.durationRange.lowerBound), room * 0.9) * 1000)
                .rounded(.down) / 1000
            let step = AnimationStep(type, duration: duration)
            var animation = overlay.animation ?? OverlayAnimation()
            if both || !exit { animation.in = step }
            if both || exit { animation.out = step }
            // What was there on the other side must still fit beside the new step.
            if (animation.in?.duration ?? 0) + (animation.out?.duration ?? 0) > span {
                if exit { animation.in = nil } else { animation.out = nil }
            }
            return .setOverlayAnimation(overlay.id, animation)
        }
    }
}
