import PixoraCore

/// A cue in the word-by-word style: its words in pages of a few (one line at most), each page shown while its
/// words are spoken, with one event per word in which that word is drawn in the highlight colour.
struct WordPages {
    struct Event: Equatable {
        var start: Double
        var end: Double
        /// ASS Dialogue text: escaped words, the spoken one between colour overrides.
        var text: String
    }

    /// Short-video captions show two to four words at a time; fewer on the narrow portrait frame.
    static func maximumWords(portrait: Bool) -> Int { portrait ? 3 : 4 }

    /// The spoken word's colour: a warm yellow, or white when the captions themselves are that yellow.
    static func highlight(for style: TextStyle) -> String {
        style.color.uppercased() == "#FFD23F" ? "#FFFFFF" : "#FFD23F"
    }

    let events: [Event]

    init(cue: Cue, style: TextStyle, lineWidth: Double, portrait: Bool) {
        let words = cue.spokenWords
        let limit = Self.maximumWords(portrait: portrait)
        var pages: [[CueWord]] = []
        var width = 0.0
        for word in words {
            let length = word.text.reduce(0) { $0 + SubtitleText.advance(of: $1) }
            let space = SubtitleText.advance(of: " ")
            if let page = pages.last, page.count < limit, width + space + length <= lineWidth {
                pages[pages.count - 1].append(word)
                width += space + length
            } else {
                pages.append([word])
                width = length
            }
        }
        let normal = Self.overrideColour(style.color)
        let spoken = Self.overrideColour(Self.highlight(for: style))
        var events: [Event] = []
        for (number, page) in pages.enumerated() {
            let pageStart = number == 0 ? cue.start : page[0].start
            let pageEnd = number + 1 < pages.count ? pages[number + 1][0].start : cue.end
            let escaped = page.map { SubtitleText.escaped($0.text, lineWidth: lineWidth) }
            for (index, word) in page.enumerated() {
                // A word stays lit through the pause after it, until the next one starts.
                let start = index == 0 ? pageStart : word.start
                let end = index + 1 < page.count ? page[index + 1].start : pageEnd
                guard end > start else { continue }
                let text = escaped.enumerated().map { position, text in
                    position == index ? "{\\1c\(spoken)}\(text){\\1c\(normal)}" : text
                }
                events.append(Event(start: start, end: end, text: text.joined(separator: " ")))
            }
        }
        self.events = events
    }

    /// `&HBBGGRR&`, the colour form of ASS override tags.
    static func overrideColour(_ hex: String) -> String {
        let (r, g, b) = HexColor.components(hex)
        return String(format: "&H%02X%02X%02X&", b, g, r)
    }
}
