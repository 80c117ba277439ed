import PixoraCore

/// The typeface a style sets its key phrase in, with the metrics needed to fit it.
struct TitleFont: Sendable {
    let family: String
    let weight: String
    let uppercase: Bool
    /// Extra space between letters, in ems.
    let tracking: Double
    /// Distance between baselines, in ems.
    let lineHeight: Double
    private let widths: [Int]

    init(style: VisualStyle) {
        switch style {
        case .cinematic:
            family = "DejaVu Serif"
            weight = "bold"
            uppercase = true
            tracking = 0.08
            lineHeight = 1.15
            widths = GlyphWidths.serifBold
        case .minimal:
            family = "DejaVu Sans"
            weight = "200"
            uppercase = false
            tracking = 0.01
            lineHeight = 1.2
            widths = GlyphWidths.sansExtraLight
        case .vibrant:
            family = "DejaVu Sans"
            weight = "bold"
            uppercase = true
            tracking = 0
            lineHeight = 1.02
            widths = GlyphWidths.sansBold
        case .retro:
            family = "DejaVu Sans Mono"
            weight = "bold"
            uppercase = true
            tracking = 0.02
            lineHeight = 1.12
            widths = GlyphWidths.monoBold
        case .pastel:
            family = "DejaVu Sans"
            weight = "bold"
            uppercase = false
            tracking = 0
            lineHeight = 1.15
            widths = GlyphWidths.sansBold
        }
    }

    /// The text as it is set (upper-cased for styles that shout).
    func cased(_ text: String) -> String { uppercase ? text.uppercased() : text }

    /// Width of `text` set at 1 px per em. Characters outside ASCII count as wide ones, so text never overflows.
    func width(of text: String) -> Double {
        var thousandths = 0
        var count = 0
        for scalar in text.unicodeScalars {
            let value = Int(scalar.value)
            thousandths += (32...126).contains(value) ? widths[value - 32] : 1000
            count += 1
        }
        return Double(thousandths) / 1000 + tracking * Double(max(count - 1, 0))
    }
}
