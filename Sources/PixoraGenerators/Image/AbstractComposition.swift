import Foundation
import PixoraCore

/// Geometric shapes in place of a landscape, arranged in each style's manner: a few clean forms for minimal,
/// bold overlaps for vibrant, soft blobs for pastel, rainbow arcs for retro, out-of-focus light for cinematic.
struct AbstractComposition: Sendable {
    let layout: IllustrationLayout
    let palette: MoodPalette

    private var width: Double { layout.width }
    private var height: Double { layout.height }
    private var unit: Double { layout.unit }
    private var colours: [Colour] { [palette.accent, palette.highlight, palette.far, palette.mid, palette.near] }

    func markup(random: inout SeededRandom) -> String {
        var art = "<g class=\"abstract\">"
        switch palette.style {
        case .minimal: art += minimal(&random)
        case .vibrant: art += vibrant(&random)
        case .pastel: art += pastel(&random)
        case .retro: art += retro(&random)
        case .cinematic: art += cinematic(&random)
        }
        return art + "</g>"
    }

    /// A ring, orbiting dots and a tilted square around the disc: the focal point when no word named a motif.
    func emblem(centre: CanvasPoint, radius: Double, random: inout SeededRandom) -> String {
        var art = "<g class=\"emblem\">"
        let ring = "fill=\"none\" stroke=\"\(palette.accent)\" stroke-width=\((unit * 0.008).svgQuoted)"
        art += SVGMarkup.circle(cx: centre.x, cy: centre.y, r: radius * 1.25, ring)
        let side = radius * 0.95
        let turn = random.unit(10...35)
        art += SVGMarkup.rect(
            x: centre.x - side / 2, y: centre.y - side / 2, width: side, height: side,
            "rx=\((side * 0.12).svgQuoted) fill=\"\(palette.accent)\" transform=\"rotate(\(turn.svg) \(centre.x.svg) \(centre.y.svg))\""
        )
        art += SVGMarkup.circle(
            cx: centre.x, cy: centre.y, r: radius * 0.3, "fill=\"\(palette.highlight.lighter(0.3))\"")
        var angle = random.unit(0...(2 * Double.pi))
        for index in 0..<3 {
            let r = radius * 1.25
            let dot = unit * (0.018 + 0.008 * Double(index))
            let fill = "fill=\"\(colours[index % 2 == 0 ? 1 : 3])\""
            art += SVGMarkup.circle(cx: centre.x + r * cos(angle), cy: centre.y + r * sin(angle), r: dot, fill)
            angle += random.unit(1.4...2.4)
        }
        return art + "</g>"
    }

    private func anywhere(_ random: inout SeededRandom) -> CanvasPoint {
        CanvasPoint(x: random.unit(-0.05...1.05) * width, y: random.unit(0.05...1.0) * height)
    }

    private func minimal(_ random: inout SeededRandom) -> String {
        let corner = CanvasPoint(
            x: random.unit() < 0.5 ? width * 0.05 : width * 0.95, y: height * random.unit(0.75...0.95))
        var art = SVGMarkup.circle(
            cx: corner.x, cy: corner.y, r: unit * random.unit(0.25...0.35), "fill=\"\(palette.far)\"")
        let y = height * random.unit(0.7...0.76)
        art += "<path d=\"M\((width * 0.08).svg) \(y.svg)L\((width * 0.92).svg) \(y.svg)\" "
        art += "stroke=\"\(palette.ink)\" stroke-width=\((unit * 0.003).svgQuoted) opacity=\"0.5\"/>"
        let dot = anywhere(&random)
        art += SVGMarkup.circle(cx: dot.x, cy: dot.y * 0.6, r: unit * 0.025, "fill=\"\(palette.accent)\"")
        return art
    }

    private func vibrant(_ random: inout SeededRandom) -> String {
        var art = ""
        let angle = random.unit(-35 ... -15)
        art += SVGMarkup.rect(
            x: -width * 0.5, y: height * random.unit(0.55...0.7), width: width * 2, height: unit * 0.16,
            "fill=\"\(palette.mid)\" opacity=\"0.9\" transform=\"rotate(\(angle.svg) \((width / 2).svg) \((height / 2).svg))\""
        )
        for index in 0..<6 {
            let centre = anywhere(&random)
            let radius = unit * random.unit(0.08...0.3)
            let colour = colours[index % colours.count]
            if index % 3 == 2 {
                let ring = "fill=\"none\" stroke=\"\(colour)\" stroke-width=\((unit * 0.03).svgQuoted)"
                art += SVGMarkup.circle(cx: centre.x, cy: centre.y, r: radius, ring)
            } else {
                art += SVGMarkup.circle(cx: centre.x, cy: centre.y, r: radius, "fill=\"\(colour)\" opacity=\"0.88\"")
            }
        }
        art += dotGrid(at: anywhere(&random), colour: palette.paper, random: &random)
        art += zigzag(at: anywhere(&random), colour: palette.highlight)
        return art
    }

    private func pastel(_ random: inout SeededRandom) -> String {
        var art = ""
        for index in 0..<5 {
            let centre = anywhere(&random)
            let radius = unit * random.unit(0.12...0.3)
            let points = (0..<8).map { step -> CanvasPoint in
                let angle = Double(step) / 8 * 2 * Double.pi
                let r = radius * random.unit(0.75...1.2)
                return CanvasPoint(x: centre.x + r * cos(angle), y: centre.y + r * sin(angle))
            }
            art +=
                "<path d=\"\(SVGMarkup.smoothClosedPath(points))\" fill=\"\(colours[index % colours.count])\" opacity=\"0.8\"/>"
        }
        for _ in 0..<10 {
            let centre = anywhere(&random)
            art += SVGMarkup.circle(
                cx: centre.x, cy: centre.y, r: unit * random.unit(0.006...0.016),
                "fill=\"\(palette.paper)\" opacity=\"0.9\"")
        }
        return art + zigzag(at: anywhere(&random), colour: palette.paper)
    }

    private func retro(_ random: inout SeededRandom) -> String {
        let left = random.unit() < 0.5
        let centre = CanvasPoint(x: left ? width * 0.02 : width * 0.98, y: height * 1.02)
        var art = ""
        let arcs = [palette.accent, palette.highlight, palette.far, palette.mid, palette.near]
        let outer = unit * random.unit(0.55...0.75)
        for (index, colour) in arcs.enumerated() {
            let r = outer * (1 - 0.17 * Double(index))
            art += SVGMarkup.circle(cx: centre.x, cy: centre.y, r: r, "fill=\"\(colour)\"")
        }
        art += SVGMarkup.circle(cx: centre.x, cy: centre.y, r: outer * 0.15, "fill=\"\(palette.paper)\"")
        let other = CanvasPoint(
            x: left ? width * random.unit(0.75...0.95) : width * random.unit(0.05...0.25),
            y: height * random.unit(0.6...0.75))
        art += SVGMarkup.circle(cx: other.x, cy: other.y, r: unit * 0.1, "fill=\"\(palette.near)\"")
        return art
            + dotGrid(at: CanvasPoint(x: other.x, y: other.y - unit * 0.25), colour: palette.ink, random: &random)
    }

    private func cinematic(_ random: inout SeededRandom) -> String {
        var art =
            "<defs><radialGradient id=\"bokeh\"><stop offset=\"0\" stop-color=\"\(palette.highlight)\" stop-opacity=\"0.5\"/>"
        art += "<stop offset=\"0.8\" stop-color=\"\(palette.highlight)\" stop-opacity=\"0.2\"/>"
        art += "<stop offset=\"1\" stop-color=\"\(palette.highlight)\" stop-opacity=\"0\"/></radialGradient></defs>"
        for _ in 0..<9 {
            let centre = anywhere(&random)
            art += SVGMarkup.circle(
                cx: centre.x, cy: centre.y, r: unit * random.unit(0.03...0.12), "fill=\"url(#bokeh)\"")
        }
        let y = height * random.unit(0.7...0.76)
        art +=
            "<rect x=\"0\" y=\(y.svgQuoted) width=\(width.svgQuoted) height=\(height.svgQuoted) fill=\"\(palette.near)\" opacity=\"0.85\"/>"
        art +=
            "<path d=\"M0 \(y.svg)L\(width.svg) \(y.svg)\" stroke=\"\(palette.disc)\" stroke-width=\((unit * 0.004).svgQuoted) opacity=\"0.8\"/>"
        return art
    }

    private func dotGrid(at origin: CanvasPoint, colour: Colour, random: inout SeededRandom) -> String {
        let spacing = unit * 0.03
        let columns = Int(random.unit(4...6.99))
        var art = "<g fill=\"\(colour)\" opacity=\"0.7\">"
        for row in 0..<4 {
            for column in 0..<columns {
                art += SVGMarkup.circle(
                    cx: origin.x + Double(column) * spacing, cy: origin.y + Double(row) * spacing, r: unit * 0.006)
            }
        }
        return art + "</g>"
    }

    private func zigzag(at origin: CanvasPoint, colour: Colour) -> String {
        let step = unit * 0.03
        var path = "M\(origin.x.svg) \(origin.y.svg)"
        for index in 1...6 {
            path += "L\((origin.x + Double(index) * step).svg) \((origin.y + (index % 2 == 0 ? 0 : -step)).svg)"
        }
        return "<path d=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\((unit * 0.008).svgQuoted) "
            + "stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"
    }
}
