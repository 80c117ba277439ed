import Foundation
import PixoraCore
import PixoraMedia

/// Local speech synthesis with CMU flite, with word timings recovered from flite's phone timings.
public struct FliteSpeechGenerator: SpeechGenerator {
    public let id = "embedded.flite"
    /// 3: voice-over processing, 48 kHz. 2: word timings of multi-sentence narration (utterance offsets).
    public let version = 3

    public init() {}

    /// Voice-over processing: rumble cut, firm compression and a peak limiter. flite's raw speech has a
    /// peak-to-loudness ratio of about 14 dB; this brings it to about 11 dB (measured on a 47-word passage),
    /// so every scene's narration sits at the same level and the final mix reaches −14 LUFS without clipping.
    /// No look-ahead delay remains (the limiter compensates its latency), so word timings stay exact.
    public static let voiceChain =
        "highpass=f=70,acompressor=threshold=0.02:ratio=8:attack=1:release=80:makeup=4:knee=4,"
        + "alimiter=limit=0.35:attack=1:release=20:level=false:latency=true"

    public func makeSpeech(_ request: SpeechRequest, to output: URL) async throws -> SpeechTimings {
        let tokens = SpokenText.tokens(in: request.text)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-speech-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let textFile = work.appendingPathComponent("text.txt")
        try Data(tokens.joined(separator: " ").utf8).write(to: textFile)
        // A Piper voice asked of flite directly gets flite's closest voice rather than an error.
        let voiceArguments = [
            "-voice", request.voice.fliteStandIn.rawValue, "--setf", "duration_stretch=\(1 / request.rate)",
        ]

        return try await AtomicFile.write(to: output) { temporary in
            let raw = work.appendingPathComponent("raw.wav")
            let spoken = try await ToolRunner.run(
                .flite, voiceArguments + ["-psdur", "-f", textFile.path, "-o", raw.path])
            try await ToolRunner.run(
                .ffmpeg,
                [
                    "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", raw.path,
                    "-af", Self.voiceChain, "-ar", "48000", "-ac", "1", "-c:a", "pcm_s16le", "-f", "wav",
                    temporary.path,
                ])
            let phones = PhoneTiming.parse(spoken.standardOutput)
            let duration = try WAVHeader(contentsOf: temporary).duration
            guard !tokens.isEmpty else { return SpeechTimings(duration: duration, words: []) }

            // One comma-separated phrase per token makes flite print each token's phones between pauses,
            // which tells how many of the sentence's phones belong to each word.
            let wordsFile = work.appendingPathComponent("words.txt")
            try Data(tokens.joined(separator: ", ").utf8).write(to: wordsFile)
            let perWord = try await ToolRunner.run(
                .flite, voiceArguments + ["-ps", "-f", wordsFile.path, "-o", "none"])
            let counts = PhoneTiming.phoneCountsPerPhrase(perWord.standardOutput, expected: tokens.count)
            let words = PhoneTiming.align(tokens: tokens, phoneCounts: counts, phones: phones, duration: duration)
            return SpeechTimings(duration: duration, words: words)
        }
    }
}

/// Narration text as flite should read it.
enum SpokenText {
    /// Whitespace-separated words with characters flite would spell out or choke on removed.
    static func tokens(in text: String) -> [String] {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "'’-.,!?;:%$&"))
        return text.split(whereSeparator: \.isWhitespace).compactMap { raw in
            let cleaned = String(String.UnicodeScalarView(raw.unicodeScalars.filter { allowed.contains($0) }))
                .replacingOccurrences(of: "’", with: "'")
            return cleaned.contains(where: \.isLetter) || cleaned.contains(where: \.isNumber) ? cleaned : nil
        }
    }
}

/// A phone and the time it ends, as printed by `flite -psdur`.
struct PhoneTiming: Equatable {
    var phone: String
    var end: Double

    /// Parses `pau:0.162 hh:0.231 …`. Reading a file, flite prints one line per utterance with times
    /// restarting at zero; the utterances follow each other in the WAV, so later lines are shifted.
    static func parse(_ text: String) -> [PhoneTiming] {
        var phones: [PhoneTiming] = []
        var offset = 0.0
        var previous = 0.0
        for item in text.split(whereSeparator: \.isWhitespace) {
            let parts = item.split(separator: ":")
            guard parts.count == 2, let end = Double(parts[1]) else { continue }
            if end < previous {
                offset += previous
            }
            previous = end
            phones.append(PhoneTiming(phone: String(parts[0]), end: offset + end))
        }
        return phones
    }

    /// Counts the phones of each pause-separated phrase of `flite -ps` output.
    static func phoneCountsPerPhrase(_ text: String, expected: Int) -> [Int] {
        var counts: [Int] = []
        var current = 0
        for phone in text.split(whereSeparator: \.isWhitespace) {
            if phone == "pau" {
                if current > 0 { counts.append(current) }
                current = 0
            } else {
                current += 1
            }
        }
        if current > 0 { counts.append(current) }
        // A token that makes no sound (or one flite split in two) breaks the one-to-one mapping: fall back to letters.
        return counts.count == expected ? counts : []
    }

    /// Gives each token the span of its phones in the spoken sentence.
    static func align(tokens: [String], phoneCounts: [Int], phones: [PhoneTiming], duration: Double) -> [WordTiming] {
        var spoken: [(start: Double, end: Double)] = []
        var previousEnd = 0.0
        for phone in phones {
            if phone.phone != "pau" { spoken.append((previousEnd, phone.end)) }
            previousEnd = phone.end
        }
        let weights = phoneCounts.isEmpty ? tokens.map { max($0.filter(\.isLetter).count, 1) } : phoneCounts
        let totalWeight = weights.reduce(0, +)
        guard !spoken.isEmpty, totalWeight > 0 else {
            // No phone timings: spread the words evenly.
            let step = duration / Double(max(tokens.count, 1))
            return tokens.enumerated().map {
                WordTiming(word: $0.element, start: Double($0.offset) * step, end: Double($0.offset + 1) * step)
            }
        }
        // Map cumulative weight onto phone indices (exact when the counts add up, proportional otherwise).
        let scale = Double(spoken.count) / Double(totalWeight)
        var words: [WordTiming] = []
        var cumulative = 0
        for (token, weight) in zip(tokens, weights) {
            let first = min(Int((Double(cumulative) * scale).rounded()), spoken.count - 1)
            cumulative += weight
            let last = max(min(Int((Double(cumulative) * scale).rounded()) - 1, spoken.count - 1), first)
            words.append(WordTiming(word: token, start: spoken[first].start, end: spoken[last].end))
        }
        return words
    }
}
