import Foundation
import PixoraCore
import Testing

@testable import PixoraMedia

/// The word-by-word caption style as the ASS script libass draws.
@Suite("Word-by-word captions")
struct WordCaptionTests {
    static func state(_ cues: [Cue], mode: CaptionMode = .words, portrait: Bool = true) -> EditorState {
        let canvas = portrait ? Canvas(width: 720, height: 1280, fps: 30) : Canvas(width: 1280, height: 720, fps: 30)
        let asset = AssetRef(String(repeating: "a", count: 64) + ".mp4")!
        return EditorState(
            title: "t", canvas: canvas, clips: [Clip(id: "c", sceneId: nil, asset: asset, duration: 10)],
            transitions: [], captions: Captions(enabled: true, mode: mode, cues: cues),
            audio: AudioMix(voice: AudioTrack(segments: []), music: AudioTrack(segments: [])))
    }

    /// The Dialogue lines of a layer (0: caption lines and pages, 2: highlighted words): start, end and text.
    static func dialogues(_ state: EditorState, layer: Int = 2) -> [(start: String, end: String, text: String)] {
        SubtitleDocument(state: state).text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Dialogue: \(layer),") else { return nil }
            let fields = line.split(separator: ",", maxSplits: 9, omittingEmptySubsequences: false)
            return (
                String(fields[1]), String(fields[2]), String(fields[9]).replacingOccurrences(of: "{\\an2}", with: "")
            )
        }
    }

    static let hidden = "{\\1a&HFF&\\3a&HFF&\\4a&HFF&}"
    static let highlight = "{\\1a&H00&\\1c&H3FD2FF&}"
    static let unlit = "{\\1a&HFF&}"

    @Test("pages of at most three words on 9:16, the word being spoken highlighted, one event per word")
    func highlightsTheSpokenWord() {
        let texts = ["Bees", "carry", "nectar", "home", "to", "the", "hive."]
        let words = texts.enumerated().map {
            CueWord(text: $1, start: 1 + Double($0) * 0.5, end: 1.4 + Double($0) * 0.5)
        }
        let cue = Cue(start: 1, end: 4.6, text: texts.joined(separator: " "), words: words)
        let lines = Self.dialogues(Self.state([cue]))
        #expect(lines.count == texts.count)
        for (index, line) in lines.enumerated() {
            #expect(line.text.components(separatedBy: Self.highlight).count == 2, "one highlight in \(line.text)")
            #expect(
                line.text.hasPrefix(Self.hidden) && line.text.contains("\(Self.highlight)\(texts[index])\(Self.unlit)"))
            // A page holds the spoken word and at most two others.
            let shown = line.text.replacingOccurrences(of: Self.hidden, with: "")
                .replacingOccurrences(of: Self.highlight, with: "").replacingOccurrences(of: Self.unlit, with: "")
                .split(separator: " ")
            #expect(shown.count <= 3 && shown.contains(Substring(texts[index])))
        }
        // Events follow each other without gaps from the cue's start to its end; a word is lit until the next.
        #expect(lines.first?.start == "0:00:01.00" && lines.last?.end == "0:00:04.60")
        #expect(zip(lines, lines.dropFirst()).allSatisfy { $0.end == $1.start })
        #expect(lines[1].start == "0:00:01.50" && lines[1].end == "0:00:02.00")
        // "Bees carry nectar" is wider than a 9:16 line at this size: the page ends after "carry".
        #expect(lines[2].text.hasPrefix(Self.hidden + Self.highlight + "nectar") && !lines[1].text.contains("nectar"))
        // Under the highlights, each page once, plain, while its words are spoken (one box, no seams).
        let pages = Self.dialogues(Self.state([cue]), layer: 0)
        #expect(pages.map(\.text) == ["Bees carry", "nectar home to", "the hive."])
        #expect(pages.map(\.start) == ["0:00:01.00", "0:00:02.00", "0:00:03.50"])
        #expect(pages.last?.end == "0:00:04.60")
    }

    @Test("16:9 pages hold up to four words; a long word pages alone and is broken to fit")
    func landscapePages() {
        let long = String(repeating: "m", count: 60)
        let texts = ["one", "two", "three", "four", "five", long]
        let words = texts.enumerated().map { CueWord(text: $1, start: Double($0), end: Double($0) + 0.9) }
        let cue = Cue(start: 0, end: 6, text: texts.joined(separator: " "), words: words)
        let lines = Self.dialogues(Self.state([cue], portrait: false))
        #expect(lines[0].text.contains("four") && !lines[0].text.contains("five"))
        let last = lines.last?.text ?? ""
        #expect(!last.contains("five") && last.contains("mmm"))
        #expect(!last.contains(long), "the long word is broken with spaces")
    }

    @Test("without word timings the words are spread over the cue by length")
    func spreadsUntimedWords() {
        let cue = Cue(start: 2, end: 4, text: "aaa b")
        let lines = Self.dialogues(Self.state([cue]))
        #expect(lines.count == 2)
        #expect(lines[0].start == "0:00:02.00" && lines[1].end == "0:00:04.00")
        #expect(lines[0].end == "0:00:03.33", "4 of 6 letter-weights for the first word: \(lines[0].end)")
    }

    @Test("user text stays text in every word event, and phrase mode keeps one event per cue")
    func escapesWords() {
        let cue = Cue(
            start: 0, end: 2, text: "{\\pos(1,1)} a\\N",
            words: [CueWord(text: "{\\pos(1,1)}", start: 0, end: 1), CueWord(text: "a\\N", start: 1, end: 2)])
        let lines = Self.dialogues(Self.state([cue]))
        #expect(lines.count == 2)
        // Compared byte by byte: a WORD JOINER may join the character before it into one Swift Character.
        func has(_ text: String, _ part: String) -> Bool {
            let (haystack, needle) = (Array(text.utf8), Array(part.utf8))
            guard haystack.count >= needle.count else { return false }
            return (0...(haystack.count - needle.count)).contains {
                haystack[$0..<$0 + needle.count].elementsEqual(needle)
            }
        }
        let all = lines.map(\.text).joined(separator: " ")
        #expect(!has(all, "{\\pos") && has(all, "\\{\\\u{2060}pos(1,1)\\}"))
        #expect(!has(all, "a\\N") && has(all, "a\\\u{2060}N"))
        let phrase = Self.dialogues(Self.state([cue], mode: .phrase), layer: 0)
        #expect(phrase.count == 1 && !phrase[0].text.contains("\\1c"))
    }
}
