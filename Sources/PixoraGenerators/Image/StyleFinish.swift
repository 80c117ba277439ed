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
            var art = "<defs><radialGradient id=\"vignette\" cx=\"0.5\" cy=\"0.45\" r=\"0.75\"><stop offset=\"0.5\" stop-color=\"#000\" stop-opacity=\"0\"/>"
            art += "<stop offset=\"1\" stop-color=\"#000\" stop-opacity=\"0.6\"/></radialGradient></defs>"
            art += "<rect class=\"vignette\" width=\"100%\" height=\"100%\" fill=\"url(#vignette)\"/>"
            let bar = layout.letterbox
            art += "<rect class=\"letterbox\" x=\"0\" y=\"0\" width=\(width.svgQuoted) height=\(bar.svgQuoted) fill=\"#000\"/>"
            art += "<rect class=\"letterbox\" x=\"0\" y=\((height - bar).svgQuoted) width=\(width.svgQuoted) height=\(bar.svgQuoted) fill=\"#000\"/>"
            return art
        case .retro:
            let spacing = layout.unit * 0.016
            var art = "<defs><pattern id=\"halftone\" width=\(spacing.svgQuoted) height=\(spacing.svgQuoted) patternUnits=\"userSpaceOnUse\">"
            art += "<circle cx=\((spacing / 2).svgQuoted) cy=\((spacing / 2).svgQuoted) r=\((spacing * 0.24).svgQuoted) fill=\"\(palette.ink)\"/></pattern>"
            art += "<linearGradient id=\"halftone-fade\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"#fff\" stop-opacity=\"0.3\"/>"
            art += "<stop offset=\"0.5\" stop-color=\"#fff\" stop-opacity=\"0\"/><stop offset=\"0.8\" stop-color=\"#fff\" stop-opacity=\"0\"/>"
            art += "<stop offset=\"1\" stop-color=\"#fff\" stop-opacity=\"0.25\"/></linearGradient>"
            art += "<mask id=\"halftone-mask\"><rect width=\"100%\" height=\"100%\" fill=\"url(#halftone-fade)\"/></mask></defs>"
            return art + "<rect class=\"halftone\" width=\"100%\" height=\"100%\" fill=\"url(#halftone)\" mask=\"url(#halftone-mask)\"/>"
        case .minimal, .vibrant, .pastel:
            return ""
        }
    }
}
