import PixoraCore

/// How much room a text takes once libass has wrapped it, estimated with `SubtitleText`'s generous advances, so
/// text placed by position can be kept inside the frame's safe area.
struct TextExtent {
    /// Widest line, in ems of the font size.
    var width: Double
    var lines: Int

    /// `text` wrapped at spaces into lines at most `lineWidth` ems wide, as libass does (words wider than a line are
    /// broken first, by `SubtitleText.brokenWords`).
    init(_ text: String, lineWidth: Double) {
        var widest = 0.0
        var lines = 0
        for paragraph in TextSanitizer.lines(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = 0.0
            lines += 1
            let broken = SubtitleText.brokenWords(String(paragraph), lineWidth: lineWidth)
            for word in broken.split(separator: " ") {
                let length = word.reduce(0) { $0 + SubtitleText.advance(of: $1) }
                let space = line > 0 ? SubtitleText.advance(of: " ") : 0
                if line > 0 && line + space + length > lineWidth {
                    widest = max(widest, line)
                    lines += 1
                    line = length
                } else {
                    line += space + length
                }
            }
            widest = max(widest, line)
        }
        self.width = widest
        self.lines = max(lines, 1)
    }
}
