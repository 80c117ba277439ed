import PixoraCore

/// How fast the embedded voices speak, measured on flite 2.2 reading plain English prose
/// (47 words: slt 14.8 s, rms 16.8 s, awb 15.0 s), so plans fit the narration's real speaking time.
enum SpeakingRate {
    static func wordsPerSecond(_ voice: Voice, rate: Double) -> Double {
        let natural: Double
        switch voice {
        case .slt: natural = 3.17
        case .rms: natural = 2.8
        case .awb: natural = 3.12
        case .kal: natural = 3.0
        }
        return natural * rate
    }

    /// Estimated seconds to speak `text`, with a pause per sentence; errs on the long side.
    static func seconds(_ text: String, voice: Voice, rate: Double) -> Double {
        let words = text.split(whereSeparator: \.isWhitespace).count
        guard words > 0 else { return 0 }
        let sentences = max(text.filter { ".!?".contains($0) }.count, 1)
        return Double(words) / (wordsPerSecond(voice, rate: rate) * 0.92) + 0.3 * Double(sentences)
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
