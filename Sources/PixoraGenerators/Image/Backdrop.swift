import Foundation
import PixoraCore

/// Everything behind the ground: the sky, its decorations, and the disc (sun, moon or spot of colour) that
/// frames the hero motif.
struct Backdrop: Sendable {
    let layout: IllustrationLayout
    let palette: MoodPalette
    let mood: Mood
    let scenery: Scenery
    let disc: (centre: CanvasPoint, radius: Double)

    private var width: Double { layout.width }
    private var height: Double { layout.height }
    private var unit: Double { layout.unit }
    private var style: VisualStyle { palette.style }

    /// The sky gradient: its bottom colour meets the horizon (or the bottom edge for abstract scenes).
    func sky() -> String {
        let groundless = scenery == .abstract || scenery == .space
        let end = groundless ? 1 : min(layout.horizon / height + 0.05, 1)
        switch style {
        case .minimal:
            return "<rect width=\"100%\" height=\"100%\" fill=\"\(palette.skyTop)\"/>"
        case .retro:
            // Sunset stripes: flat bands stepping from the top colour to the horizon colour.
            let bands = 7
            let bandHeight = height * end / Double(bands)
            var art = "<rect width=\"100%\" height=\"100%\" fill=\"\(palette.skyBottom)\"/>"
            for band in 0..<bands {
                let colour = palette.skyTop.mixed(with: palette.skyBottom, Double(band) / Double(bands - 1))
                art += SVGMarkup.rect(
                    x: 0, y: Double(band) * bandHeight, width: width, height: bandHeight + 1, "fill=\"\(colour)\"")
            }
            return art
        case .cinematic, .vibrant, .pastel:
            var stops = "<stop offset=\"0\" stop-color=\"\(palette.skyTop)\"/>"
            if style == .cinematic {
                stops +=
                    "<stop offset=\((end * 0.55).svgQuoted) stop-color=\"\(palette.skyTop.mixed(with: palette.skyBottom, 0.45))\"/>"
            }
            stops += "<stop offset=\(end.svgQuoted) stop-color=\"\(palette.skyBottom)\"/>"
            return
                "<defs><linearGradient id=\"sky\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">\(stops)</linearGradient></defs>"
                + "<rect width=\"100%\" height=\"100%\" fill=\"url(#sky)\"/>"
        }
    }

    /// Stars at night and in space, drifting clouds by day, light rays in cinematic frames.
    func decorations(random: inout SeededRandom) -> String {
        var art = ""
        let dark = [Mood.mysterious, .dramatic].contains(mood) || scenery == .space
        if dark && style != .minimal {
            art += "<g class=\"stars\" fill=\"\(palette.paper)\">"
            let count = Int(width * height / (unit * unit) * 45)
            let skyDepth = scenery == .space ? height * 0.8 : layout.horizon
            for _ in 0..<count {
                let x = random.unit() * width
                let y = random.unit() * random.unit() * skyDepth
                let r = unit * random.unit(0.0012...0.0038)
                art += SVGMarkup.circle(cx: x, cy: y, r: r, "opacity=\(random.unit(0.35...1).svgQuoted)")
            }
            for _ in 0..<4 {
                let centre = CanvasPoint(x: random.unit() * width, y: random.unit(0.05...0.5) * height)
                art +=
                    "<path d=\"\(MotifShapes.sparkle(centre.x, centre.y, unit * random.unit(0.01...0.018)))\" opacity=\"0.9\"/>"
            }
            art += "</g>"
        } else if [Mood.calm, .uplifting, .playful, .warm, .somber].contains(mood) && scenery != .abstract {
            for _ in 0..<Int(random.unit(2...3.99)) {
                let size = unit * random.unit(0.14...0.24)
                let centre = CanvasPoint(
                    x: random.unit(-0.05...1.05) * width, y: random.unit(0.08...0.42) * layout.horizon)
                art += cloud(centre: centre, size: size, random: &random)
            }
        }
        if style == .cinematic { art += rays(random: &random) }
        return art
    }

    /// The disc behind the hero: a sun sinking behind the hills, a moon, or a flat spot of colour.
    func discArt(random: inout SeededRandom) -> String {
        let c = disc.centre
        let r = disc.radius
        let circle = { (radius: Double, fill: String, extra: String) in
            SVGMarkup.circle(cx: c.x, cy: c.y, r: radius, "fill=\"\(fill)\"\(extra)")
        }
        switch style {
        case .minimal:
            return circle(r, "\(palette.disc)", "")
        case .cinematic:
            var art =
                "<defs><radialGradient id=\"disc-glow\"><stop offset=\"0\" stop-color=\"\(palette.disc)\" stop-opacity=\"0.55\"/>"
            art += "<stop offset=\"1\" stop-color=\"\(palette.disc)\" stop-opacity=\"0\"/></radialGradient></defs>"
            art += circle(r * 2.4, "url(#disc-glow)", "")
            return art + circle(r * 0.92, "\(palette.disc)", " opacity=\"0.95\"")
        case .retro:
            // A striped sunset sun: the lower half is cut by widening gaps.
            var art =
                "<defs><linearGradient id=\"disc-fill\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"\(palette.disc)\"/>"
            art += "<stop offset=\"1\" stop-color=\"\(palette.accent)\"/></linearGradient><mask id=\"disc-stripes\">"
            art += SVGMarkup.rect(x: c.x - r, y: c.y - r, width: 2 * r, height: 2 * r, "fill=\"#fff\"")
            for stripe in 0..<5 {
                let y = c.y + r * (0.1 + 0.19 * Double(stripe))
                let gap = r * (0.025 + 0.022 * Double(stripe))
                art += SVGMarkup.rect(x: c.x - r, y: y, width: 2 * r, height: gap, "fill=\"#000\"")
            }
            art += "</mask></defs>"
            return art + circle(r, "url(#disc-fill)", " mask=\"url(#disc-stripes)\"")
        case .pastel:
            let points = (0..<9).map { index -> CanvasPoint in
                let angle = Double(index) / 9 * 2 * Double.pi
                let radius = r * random.unit(0.9...1.08)
                return CanvasPoint(x: c.x + radius * cos(angle), y: c.y + radius * sin(angle))
            }
            return "<path d=\"\(SVGMarkup.smoothClosedPath(points))\" fill=\"\(palette.disc)\" opacity=\"0.75\"/>"
        case .vibrant:
            return circle(r * 1.08, "none", " stroke=\"\(palette.accent)\" stroke-width=\((unit * 0.012).svgQuoted)")
                + circle(r * 0.94, "\(palette.disc)", "")
        }
    }

    private func cloud(centre: CanvasPoint, size: Double, random: inout SeededRandom) -> String {
        let opacity = style == .cinematic ? 0.35 : 0.85
        var art = "<g class=\"cloud\" fill=\"\(palette.paper)\" opacity=\(opacity.svgQuoted)>"
        art += SVGMarkup.rect(
            x: centre.x - size * 0.5, y: centre.y - size * 0.12, width: size, height: size * 0.24,
            "rx=\((size * 0.12).svgQuoted)")
        let puffs: [(Double, Double, Double)] = [(-0.22, -0.1, 0.17), (0.02, -0.17, 0.24), (0.25, -0.08, 0.16)]
        for (dx, dy, r) in puffs {
            let jitter = random.unit(0.85...1.15)
            art += SVGMarkup.circle(cx: centre.x + dx * size, cy: centre.y + dy * size, r: r * size * jitter)
        }
        return art + "</g>"
    }

    private func rays(random: inout SeededRandom) -> String {
        let origin = disc.centre
        let reach = max(width, height) * 1.3
        var art =
            "<defs><radialGradient id=\"rays\" cx=\(origin.x.svgQuoted) cy=\(origin.y.svgQuoted) r=\(reach.svgQuoted) "
        art +=
            "gradientUnits=\"userSpaceOnUse\"><stop offset=\"0\" stop-color=\"\(palette.disc)\" stop-opacity=\"0.35\"/>"
        art += "<stop offset=\"0.7\" stop-color=\"\(palette.disc)\" stop-opacity=\"0\"/></radialGradient></defs>"
        art += "<g class=\"rays\" fill=\"url(#rays)\">"
        var angle = -Double.pi + random.unit(0...0.3)
        while angle < 0 {
            let spread = random.unit(0.03...0.08)
            let a = CanvasPoint(x: origin.x + reach * cos(angle - spread), y: origin.y + reach * sin(angle - spread))
            let b = CanvasPoint(x: origin.x + reach * cos(angle + spread), y: origin.y + reach * sin(angle + spread))
            art += "<polygon points=\"\(SVGMarkup.polygon([origin, a, b]))\"/>"
            angle += random.unit(0.25...0.45)
        }
        return art + "</g>"
    }
}
