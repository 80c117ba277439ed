import PixoraCore

/// The key phrase broken into one to three lines and sized to fill a box without overflowing it.
struct TitleLayout: Sendable, Equatable {
    var lines: [String]
    /// Font size in pixels.
    var fontSize: Double
    /// Each line's width in pixels at `fontSize`.
    var lineWidths: [Double]

    static let maximumLines = 3

    /// Height of the block from the top of the first line to the bottom of the last, in pixels.
    func height(_ font: TitleFont) -> Double {
        fontSize * (Double(max(lines.count - 1, 0)) * font.lineHeight + 1.0)
    }

    /// Tries every line count and the most balanced breaks for each, and keeps the largest type; when
    /// even three lines would be smaller than `minimumSize`, the phrase is cut with an ellipsis.
    static func fit(
        _ phrase: String, font: TitleFont, width: Double, height: Double, maximumSize: Double, minimumSize: Double
    ) -> TitleLayout {
        // Cleaned before measuring, so characters the SVG will drop take no room and split no words.
        let clean = font.cased(TextSanitizer.singleLine(phrase))
        let words = clean.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard !words.isEmpty, width > 0, height > 0 else { return TitleLayout(lines: [], fontSize: 0, lineWidths: []) }

        let candidates = (1...min(maximumLines, words.count)).map { count -> (lines: [String], size: Double) in
            let lines = balancedLines(words, count: count, font: font)
            let widest = lines.map(font.width(of:)).max() ?? 1
            let blockEms = Double(count - 1) * font.lineHeight + 1.0
            return (lines, min(maximumSize, width / max(widest, 0.01), height / blockEms))
        }
        // A further line must earn its place with clearly larger type, or the title gets choppy.
        var best = candidates[0]
        for candidate in candidates.dropFirst() where candidate.size > best.size * 1.08 { best = candidate }
        var lines = best.lines
        var size = best.size
        if size < minimumSize {
            size = minimumSize
            let linesThatFit = max(1, min(maximumLines, Int((height / size - 1.0) / font.lineHeight) + 1))
            lines = truncatedLines(words, count: linesThatFit, lineWidth: width / size, font: font)
        }
        return TitleLayout(lines: lines, fontSize: size, lineWidths: lines.map { font.width(of: $0) * size })
    }

    /// Splits `words` into `count` lines so the widest line is as narrow as possible.
    private static func balancedLines(_ words: [String], count: Int, font: TitleFont) -> [String] {
        func line(_ range: Range<Int>) -> String { words[range].joined(separator: " ") }
        func widest(_ lines: [String]) -> Double { lines.map(font.width(of:)).max() ?? 0 }
        let n = words.count
        switch count {
        case 1:
            return [line(0..<n)]
        case 2:
            return (1..<n).map { [line(0..<$0), line($0..<n)] }.min { widest($0) < widest($1) }!
        default:
            var chosen: [String] = []
            var chosenWidth = Double.infinity
            for first in 1..<(n - 1) {
                for second in (first + 1)..<n {
                    let lines = [line(0..<first), line(first..<second), line(second..<n)]
                    let width = widest(lines)
                    if width < chosenWidth {
                        chosen = lines
                        chosenWidth = width
                    }
                }
            }
            return chosen
        }
    }

    /// Fills lines greedily and ends the last one with an ellipsis where the phrase had to be cut.
    private static func truncatedLines(_ words: [String], count: Int, lineWidth: Double, font: TitleFont) -> [String] {
        var lines: [String] = []
        var current = ""
        var index = 0
        while index < words.count && lines.count < count {
            let candidate = current.isEmpty ? words[index] : current + " " + words[index]
            if font.width(of: candidate) <= lineWidth {
                current = candidate
                index += 1
            } else if current.isEmpty {
                current = clipped(words[index], to: lineWidth, font: font)
                index += 1
                lines.append(current)
                current = ""
            } else {
                lines.append(current)
                current = ""
            }
        }
        if !current.isEmpty && lines.count < count { lines.append(current) }
        if index < words.count, var last = lines.popLast() {
            while !last.isEmpty && font.width(of: last + "…") > lineWidth { last.removeLast() }
            lines.append(last.trimmingTrailingSpaces + "…")
        }
        return lines
    }

    private static func clipped(_ word: String, to lineWidth: Double, font: TitleFont) -> String {
        var text = word
        while text.count > 1 && font.width(of: text) > lineWidth { text.removeLast() }
        return text
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
