import PixoraCore

/// How long a voice takes to speak a text: seconds per syllable, per sentence end (flite speaks each sentence as
/// an utterance with silence around it) and per comma, colon or semicolon. Fitted by least squares to flite 2.2
/// reading 197 planner sentences and passages (see docs/architecture.md, "Fitting narration to the length").
public struct VoiceTiming: Sendable, Hashable {
    public var syllable: Double
    public var sentence: Double
    public var pause: Double

    public init(syllable: Double, sentence: Double, pause: Double) {
        self.syllable = syllable
        self.sentence = sentence
        self.pause = pause
    }
}

/// Estimated speaking time of a narration, per voice.
public enum SpeakingRate {
    /// Plans keep this much room over the estimate: one scene's estimate is off by up to ±1 s, a whole
    /// narration's by a few per cent.
    static let margin = 1.1

    /// Per voice; a voice without its own figures (a new engine's) is timed as `fallback` until measured.
    /// Measured mean error per flite voice ≤ 1.2 %, standard deviation 9 % per sentence.
    public static let voices: [Voice: VoiceTiming] = [
        .slt: VoiceTiming(syllable: 0.1746, sentence: 0.651, pause: 0.438),
        .rms: VoiceTiming(syllable: 0.2077, sentence: 0.601, pause: 0.356),
        .awb: VoiceTiming(syllable: 0.1800, sentence: 0.567, pause: 0.439),
        .kal: VoiceTiming(syllable: 0.1614, sentence: 0.535, pause: 0.578),
        // Piper's joe (piper-tts 1.3, 0.35 s between sentences) on the same sentences: mean 6 % long.
        .joe: VoiceTiming(syllable: 0.1711, sentence: 0.541, pause: 0.309),
    ]

    /// The slowest measured voice, so an unmeasured one is more likely to fit than to overrun.
    public static let fallback = VoiceTiming(syllable: 0.2077, sentence: 0.651, pause: 0.578)

    public static func timing(_ voice: Voice) -> VoiceTiming { voices[voice] ?? fallback }

    /// Estimated seconds to speak `text` at `rate`, including the safety margin.
    public static func seconds(_ text: String, voice: Voice, rate: Double) -> Double {
        natural(text, voice: voice) / rate * margin
    }

    /// Estimated seconds at rate 1, without the margin.
    public static func natural(_ text: String, voice: Voice) -> Double {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return 0 }
        let timing = timing(voice)
        let sentences = max(text.filter { ".!?".contains($0) }.count, 1)
        let pauses = text.filter { ",:;".contains($0) }.count
        let syllables = words.reduce(0) { $0 + Syllables.count($1) }
        return timing.syllable * Double(syllables) + timing.sentence * Double(sentences)
            + timing.pause * Double(pauses)
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
