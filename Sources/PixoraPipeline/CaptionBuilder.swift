import PixoraCore
import PixoraGenerators

/// Groups timed words into caption lines that are short enough to read at a glance, each line carrying its
/// words' times for the word-by-word style. Works from any speech generator's word timings.
public enum CaptionBuilder {
    /// Sound kept before the first word: word starts are phone boundaries, and a soft onset ("h", "f") can begin
    /// a few tens of milliseconds earlier.
    static let preroll = 0.06
    /// Lines closer than this run into each other: the words go on, so the caption should not blink off.
    static let bridge = 0.1

    /// Seconds of the voice before its first word that need not be played (0 when the speech starts at once).
    public static func leadingPause(of timings: SpeechTimings) -> Double {
        guard let first = timings.words.first, first.start > preroll + 0.02, first.start < timings.duration else {
            return 0
        }
        return first.start - preroll
    }

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
            let start = Assembler.round3(offset + first.start)
            // A line ends with its last word; a short pause before the next line is bridged rather than blinked.
            // A one-word line stays up long enough to be read, unless the next one comes sooner.
            var end = max(offset + last.end, start + 0.3)
            if index + 1 < lines.count, let next = lines[index + 1].first {
                let nextStart = offset + next.start
                if nextStart - end < bridge { end = nextStart }
            }
            end = Assembler.round3(max(end, start + 0.05))
            let timed = line.map { word in
                let wordStart = min(max(Assembler.round3(offset + word.start), start), end)
                return CueWord(
                    text: word.word, start: wordStart,
                    end: min(max(Assembler.round3(offset + word.end), wordStart), end))
            }
            cues.append(Cue(start: start, end: end, text: line.map(\.word).joined(separator: " "), words: timed))
        }
        return cues
    }
}
