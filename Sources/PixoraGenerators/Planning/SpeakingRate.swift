import PixoraCore

/// How long the embedded voices take to speak a text. Fitted by least squares to flite 2.2 (voice slt) reading
/// 25 planner narrations: 0.237 s a word, 0.82 s a sentence end, 0.45 s a comma or colon (mean error 0.4 %,
/// worst 17 % long); other voices scaled by their time for the same 47-word passage (slt 14.8 s, rms 16.8 s,
/// awb 15.0 s, kal 15.6 s). Plans include a margin so the worst case still fits.
public enum SpeakingRate {
    static let margin = 1.1

    static func voiceFactor(_ voice: Voice) -> Double {
        switch voice {
        case .slt: 1
        case .rms: 1.135
        case .awb: 1.015
        case .kal: 1.055
        }
    }

    /// Estimated seconds to speak `text` at `rate`, including the safety margin.
    public static func seconds(_ text: String, voice: Voice, rate: Double) -> Double {
        let words = text.split(whereSeparator: \.isWhitespace).count
        guard words > 0 else { return 0 }
        let sentences = max(text.filter { ".!?".contains($0) }.count, 1)
        let pauses = text.filter { ",:;".contains($0) }.count
        let natural = 0.237 * Double(words) + 0.82 * Double(sentences) + 0.45 * Double(pauses)
        return natural * voiceFactor(voice) / rate * margin
    }
}

/// Time a scene needs around its narration: a lead-in after the incoming transition and a breath at the end.
public enum SceneMargins {
    public static let lead = 0.35
    public static let tail = 0.45

    /// Shortest scene that fits `speech` seconds of narration between transitions of the given overlaps.
    public static func minimumDuration(speech: Double, overlapIn: Double, overlapOut: Double) -> Double {
        guard speech > 0 else { return 2 }
        return speech + lead + tail + overlapIn / 2 + overlapOut / 2
    }
}
