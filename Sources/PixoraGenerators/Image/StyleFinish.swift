import PixoraCore

/// Treatments laid over the finished scene, under the title: the cinematic vignette and letterbox bars,
/// the retro halftone.
struct StyleFinish: Sendable {
    let layout: IllustrationLayout
    let palette: MoodPalette

    func markup() -> String {
        let width = layout.width
        let height = layout.height
        switch palette.style {
        case .cinematic:
            var art = "<defs><radialGradient id=\"vignette\" cx=\"0.5\" cy=\"0.45\" r=\"0.75\">"
            art += "<stop offset=\"0.5\" stop-color=\"#000\" stop-opacity=\"0\"/>"
            art += "<stop offset=\"1\" stop-color=\"#000\" stop-opacity=\"0.6\"/></radialGradient></defs>"
            art += "<rect class=\"vignette\" width=\"100%\" height=\"100%\" fill=\"url(#vignette)\"/>"
            let bar = layout.letterbox
            art +=
                "<rect class=\"letterbox\" x=\"0\" y=\"0\" width=\(width.svgQuoted) height=\(bar.svgQuoted) fill=\"#000\"/>"
            art +=
                "<rect class=\"letterbox\" x=\"0\" y=\((height - bar).svgQuoted) width=\(width.svgQuoted) height=\(bar.svgQuoted) fill=\"#000\"/>"
            return art
        case .retro:
            // Printed-poster dots that shrink down the sky. Drawn as one path: an SVG pattern with a fading
            // mask looks the same but takes rsvg several times longer.
            let spacing = layout.unit * 0.018
            let band = height * 0.34
            var dots = ""
            var y = spacing / 2
            var row = 0
            while y < band {
                let radius = spacing * 0.34 * (1 - y / band)
                if radius < 0.5 { break }
                var x = row.isMultiple(of: 2) ? spacing / 2 : spacing
                while x < width {
                    dots += MotifShapes.circlePath(x, y, radius)
                    x += spacing
                }
                y += spacing * 0.87
                row += 1
            }
            return "<path class=\"halftone\" d=\"\(dots)\" fill=\"\(palette.ink)\" opacity=\"0.2\"/>"
        case .minimal, .vibrant, .pastel:
            return ""
        }
    }
}
