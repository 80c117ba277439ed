import PixoraCore

/// A cue in the word-by-word style: its words in pages of a few (one line at most), each page shown while its
/// words are spoken, and above it one event per word that draws only that word, in the highlight colour.
///
/// The highlight is a second layer rather than a colour change inside the page's line because libass draws a
/// box (`BorderStyle` 3) per run of text: a colour change splits the line into runs whose half-transparent boxes
/// overlap in a darker seam. The layers hold the same text, so libass lays both out identically.
struct WordPages {
    struct Event: Equatable {
        var start: Double
        var end: Double
        /// ASS Dialogue text: escaped words, with override tags only in highlights.
        var text: String
    }

    /// Above captions (0) and overlays (1); libass moves apart same-layer events that would overlap.
    static let highlightLayer = 2

    /// Short-video captions show two to four words at a time; fewer on the narrow portrait frame.
    static func maximumWords(portrait: Bool) -> Int { portrait ? 3 : 4 }

    /// The spoken word's colour: a warm yellow, or white when the captions themselves are that yellow.
    static func highlight(for style: TextStyle) -> String {
        style.color.uppercased() == "#FFD23F" ? "#FFFFFF" : "#FFD23F"
    }

    let pages: [Event]
    let highlights: [Event]

    init(cue: Cue, style: TextStyle, lineWidth: Double, portrait: Bool) {
        let words = cue.spokenWords
        let limit = Self.maximumWords(portrait: portrait)
        var groups: [[CueWord]] = []
        var width = 0.0
        for word in words {
            let length = word.text.reduce(0) { $0 + SubtitleText.advance(of: $1) }
            let space = SubtitleText.advance(of: " ")
            if let group = groups.last, group.count < limit, width + space + length <= lineWidth {
                groups[groups.count - 1].append(word)
                width += space + length
            } else {
                groups.append([word])
                width = length
            }
        }
        let spoken = Self.overrideColour(Self.highlight(for: style))
        // Only the spoken word's fill is drawn in a highlight event: no box, outline or shadow, the rest clear.
        let hidden = "{\\1a&HFF&\\3a&HFF&\\4a&HFF&}"
        var pages: [Event] = []
        var highlights: [Event] = []
        for (number, group) in groups.enumerated() {
            let pageStart = number == 0 ? cue.start : group[0].start
            let pageEnd = number + 1 < groups.count ? groups[number + 1][0].start : cue.end
            let escaped = group.map { SubtitleText.escaped($0.text, lineWidth: lineWidth) }
            pages.append(Event(start: pageStart, end: pageEnd, text: escaped.joined(separator: " ")))
            for (index, word) in group.enumerated() {
                // A word stays lit through the pause after it, until the next one starts.
                let start = index == 0 ? pageStart : word.start
                let end = index + 1 < group.count ? group[index + 1].start : pageEnd
                guard end > start else { continue }
                let text = escaped.enumerated().map { position, text in
                    position == index ? "{\\1a&H00&\\1c\(spoken)}\(text){\\1a&HFF&}" : text
                }
                highlights.append(Event(start: start, end: end, text: hidden + text.joined(separator: " ")))
            }
        }
        self.pages = pages
        self.highlights = highlights
    }

    /// `&HBBGGRR&`, the colour form of ASS override tags.
    static func overrideColour(_ hex: String) -> String {
        let (r, g, b) = HexColor.components(hex)
        return String(format: "&H%02X%02X%02X&", b, g, r)
    }
}
