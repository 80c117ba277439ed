import Foundation
import PixoraCore

/// Captions and text overlays of an EditorState as an ASS subtitle script, drawn by libass in the render graph.
/// ASS gives word wrapping, outlines, boxes and exact positions in one filter, however many lines there are.
public struct SubtitleDocument: Sendable {
    public let state: EditorState

    public init(state: EditorState) { self.state = state }

    /// True when there is anything to draw.
    public var isEmpty: Bool { (state.captions.enabled ? state.captions.cues.isEmpty : true) && state.overlays.isEmpty }

    public var text: String {
        let (w, h) = (state.canvas.width, state.canvas.height)
        var styles: [TextStyle] = []
        func styleName(_ style: TextStyle) -> String {
            if let index = styles.firstIndex(of: style) { return "S\(index)" }
            styles.append(style)
            return "S\(styles.count - 1)"
        }
        let safe = SafeArea(state.canvas)
        let marginLeft = Int(Double(w) * safe.left)
        let marginRight = Int(Double(w) * safe.right)
        let marginBottom = Int(Double(h) * safe.bottom)
        // Room between the side margins, in ems of the style's font size, for breaking words too long to wrap.
        func lineWidth(_ style: TextStyle) -> Double {
            Double(w - marginLeft - marginRight) / max(style.size * Double(h), 1)
        }
        var events: [String] = []
        if state.captions.enabled {
            let style = state.captions.style
            let name = styleName(style)
            let width = lineWidth(style)
            // The box or outline reaches below the text: it too stays above the bottom band.
            let size = (style.size * Double(h)).rounded()
            let margin = marginBottom + Int((style.box ? max(size * 0.25, 4) : style.outline * size).rounded(.up))
            func dialogue(_ layer: Int, _ start: Double, _ end: Double, _ text: String) -> String {
                "Dialogue: \(layer),\(Self.time(start)),\(Self.time(end)),\(name),,0,0,\(margin),,{\\an2}\(text)"
            }
            for cue in state.captions.cues {
                switch state.captions.mode {
                case .phrase:
                    events.append(dialogue(0, cue.start, cue.end, SubtitleText.escaped(cue.text, lineWidth: width)))
                case .words:
                    let pages = WordPages(cue: cue, style: style, lineWidth: width, portrait: state.canvas.isPortrait)
                    events += pages.pages.map { dialogue(0, $0.start, $0.end, $0.text) }
                    events += pages.highlights.map { dialogue(WordPages.highlightLayer, $0.start, $0.end, $0.text) }
                }
            }
        }
        for overlay in state.overlays {
            let name = styleName(overlay.style)
            let width = lineWidth(overlay.style)
            let (x, y) = position(of: overlay, lineWidth: width, safe: safe)
            let text = SubtitleText.escaped(overlay.text, lineWidth: width)
            events += OverlayMotion(overlay: overlay, x: x, y: y, text: text, canvas: state.canvas).events(style: name)
        }
        let styleLines = styles.enumerated().map { index, style in
            let size = Int((style.size * Double(h)).rounded())
            let outline = style.box ? max(Double(size) * 0.25, 4) : style.outline * Double(size)
            let outlineColour =
                style.box
                ? Self.colour(style.boxColor, opacity: style.boxOpacity) : Self.colour(style.outlineColor, opacity: 1)
            return
                "Style: S\(index),\(Self.fontName(style.font)),\(size),\(Self.colour(style.color, opacity: 1)),\(Self.colour(style.color, opacity: 1)),\(outlineColour),\(Self.colour("#000000", opacity: 0.5)),\(style.bold ? -1 : 0),0,0,0,100,100,0,0,\(style.box ? 3 : 1),\(String(format: "%.1f", outline)),\(style.box ? 0 : 1),2,\(marginLeft),\(marginRight),\(marginBottom),1"
        }
        return """
            [Script Info]
            ScriptType: v4.00+
            PlayResX: \(w)
            PlayResY: \(h)
            WrapStyle: 0
            ScaledBorderAndShadow: yes

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
            \(styleLines.joined(separator: "\n"))

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
            \(events.joined(separator: "\n"))

            """
    }

    static func fontName(_ family: FontFamily) -> String {
        switch family {
        case .sans: "DejaVu Sans"
        case .serif: "DejaVu Serif"
        case .mono: "DejaVu Sans Mono"
        }
    }

    /// `H:MM:SS.cc`
    static func time(_ seconds: Double) -> String {
        let centis = Int((max(seconds, 0) * 100).rounded())
        return String(
            format: "%d:%02d:%02d.%02d", centis / 360_000, (centis / 6000) % 60, (centis / 100) % 60, centis % 100)
    }

    /// `&HAABBGGRR` with ASS's inverted alpha (00 opaque).
    static func colour(_ hex: String, opacity: Double) -> String {
        let (r, g, b) = HexColor.components(hex)
        let alpha = Int(((1 - min(max(opacity, 0), 1)) * 255).rounded())
        return String(format: "&H%02X%02X%02X%02X", alpha, b, g, r)
    }
}
