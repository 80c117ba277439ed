import Foundation
import PixoraCore

/// A text overlay's Dialogue lines with its entrance and exit drawn by ASS override tags. The overlay is cut into
/// up to three events (entrance, hold, exit), each with its own tags, since libass allows one `\move` and one
/// `\fad` per line: fades are `\fad`, slides `\move` (with a fade), pop `\t(\fscx\fscy)` from and to nothing, and
/// the typewriter one event per revealed character with the unrevealed rest drawn fully transparent (`\alpha&HFF&`),
/// so the wrapped layout never shifts while it types.
struct OverlayMotion {
    let overlay: TextOverlay
    /// The overlay's placed centre, in pixels.
    let x: Int
    let y: Int
    /// The overlay's text, escaped for a Dialogue line.
    let text: String
    let canvas: Canvas

    /// Dialogue lines in `style`.
    func events(style: String) -> [String] {
        let start = centis(overlay.start)
        let end = centis(overlay.end)
        let entrance = overlay.animation?.in
        let exit = overlay.animation?.out
        let inEnd = min(centis(overlay.start + (entrance?.duration ?? 0)), end)
        let outStart = max(centis(overlay.end - (exit?.duration ?? 0)), inEnd)
        var events: [String] = []
        func line(_ from: Int, _ to: Int, _ tags: String, _ body: String) {
            guard to > from else { return }
            events.append(
                "Dialogue: 1,\(SubtitleDocument.time(Double(from) / 100)),\(SubtitleDocument.time(Double(to) / 100)),"
                    + "\(style),,0,0,0,,{\\an5\(tags)}\(body)")
        }
        if let entrance { phase(entrance, entering: true, from: start, to: inEnd, line) }
        line(inEnd, outStart, "\\pos(\(x),\(y))", text)
        if let exit { phase(exit, entering: false, from: outStart, to: end, line) }
        return events
    }

    func centis(_ seconds: Double) -> Int { Int((max(seconds, 0) * 100).rounded()) }

    func phase(
        _ step: AnimationStep, entering: Bool, from: Int, to: Int, _ line: (Int, Int, String, String) -> Void
    ) {
        let ms = (to - from) * 10
        let position = "\\pos(\(x),\(y))"
        let fade = entering ? "\\fad(\(ms),0)" : "\\fad(0,\(ms))"
        switch step.type {
        case .fade:
            line(from, to, position + fade, text)
        case .slideUp, .slideLeft:
            // Enters from below (or the right) into place; leaves upward (or to the left).
            let up = step.type == .slideUp
            let dx = up ? 0 : Int((Double(canvas.width) * 0.12).rounded())
            let dy = up ? Int((Double(canvas.height) * 0.06).rounded()) : 0
            let (x1, y1, x2, y2) = entering ? (x + dx, y + dy, x, y) : (x, y, x - dx, y - dy)
            line(from, to, "\\move(\(x1),\(y1),\(x2),\(y2),0,\(ms))" + fade, text)
        case .pop:
            // Grows past full size and settles, or swells a little and shrinks away.
            let turn = Int((Double(ms) * (entering ? 0.7 : 0.3)).rounded())
            let tags =
                entering
                ? "\\fscx0\\fscy0\\t(0,\(turn),\\fscx112\\fscy112)\\t(\(turn),\(ms),\\fscx100\\fscy100)"
                : "\\t(0,\(turn),\\fscx112\\fscy112)\\t(\(turn),\(ms),\\fscx0\\fscy0)"
            line(from, to, position + tags, text)
        case .typewriter:
            let tokens = Self.tokens(text)
            let count = tokens.count
            guard count > 0 else { return }
            for index in 0..<count {
                let shown = entering ? index + 1 : count - index
                let a = from + (to - from) * index / count
                let b = from + (to - from) * (index + 1) / count
                let visible = tokens[..<shown].joined()
                let hidden = tokens[shown...].joined()
                line(a, b, position, hidden.isEmpty ? visible : visible + "{\\alpha&HFF&}" + hidden)
            }
        }
    }

    /// The escaped text cut into what a reader sees as single characters: an escape (`\{`, `\}`, `\N`, a
    /// backslash with its word joiner) stays whole, so an override block is never put inside one.
    static func tokens(_ escaped: String) -> [String] {
        var tokens: [String] = []
        var pendingEscape = false
        for character in escaped {
            if pendingEscape {
                tokens[tokens.count - 1].append(character)
                pendingEscape = false
            } else {
                tokens.append(String(character))
                pendingEscape = character == "\\"
            }
        }
        return tokens
    }
}
