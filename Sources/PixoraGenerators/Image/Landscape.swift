import Foundation
import PixoraCore

/// The ground layers of a landscape scene, far to near; each layer is darker and nearer than the last, so a
/// camera move over the still picture reads as depth.
struct Landscape: Sendable {
    let scenery: Scenery
    let layout: IllustrationLayout
    let palette: MoodPalette
    /// The disc behind the hero, which the sea reflects.
    let disc: (centre: CanvasPoint, radius: Double)

    private var width: Double { layout.width }
    private var height: Double { layout.height }
    private var horizon: Double { layout.horizon }
    private var unit: Double { layout.unit }
    private var detailed: Bool { palette.style != .minimal }

    func markup(random: inout SeededRandom) -> String {
        switch scenery {
        case .hills: hills(&random)
        case .mountains: mountains(&random)
        case .sea: sea(&random)
        case .city: city(&random)
        case .forest: forest(&random)
        case .space: space(&random)
        case .desert: desert(&random)
        case .abstract: ""
        }
    }

    private func layer(_ ridge: Ridge, _ colour: Colour, name: String) -> String {
        "<path class=\"layer-\(name)\" d=\"\(ridge.path(bottom: height + 2))\" fill=\"\(colour)\"/>"
    }

    /// Low bushes along the nearest ridge, so the foreground is not one flat block.
    private func bushes(on ridge: Ridge, colour: Colour, _ random: inout SeededRandom) -> String {
        guard detailed else { return "" }
        var art = "<g class=\"bushes\" fill=\"\(colour)\">"
        for _ in 0..<Int(random.unit(4...7.99)) {
            let x = random.unit(0...1) * width
            let base = ridge.y(at: x) + unit * 0.02
            let size = unit * random.unit(0.035...0.06)
            for (dx, r) in [(-0.6, 0.55), (0.0, 0.8), (0.6, 0.6)] {
                art += SVGMarkup.circle(cx: x + dx * size, cy: base - r * size * 0.5, r: r * size)
            }
        }
        return art + "</g>"
    }

    private func hills(_ random: inout SeededRandom) -> String {
        let far = Ridge.rolling(
            width: width, baseline: horizon - height * 0.01, amplitude: height * 0.08, bumps: 2, random: &random)
        let mid = Ridge.rolling(
            width: width, baseline: horizon + height * 0.08, amplitude: height * 0.06, bumps: 2, random: &random)
        let near = Ridge.rolling(
            width: width, baseline: horizon + height * 0.2, amplitude: height * 0.05, bumps: 1, random: &random)
        var art = detailed ? layer(far, palette.far, name: "far") : ""
        art += layer(mid, palette.mid, name: "mid")
        if detailed {
            let count = Int(random.unit(3...6))
            for _ in 0..<count {
                let x = random.unit(0.03...0.97) * width
                art += roundTree(
                    x: x, base: mid.y(at: x) + unit * 0.012, size: unit * random.unit(0.05...0.08),
                    colour: palette.mid.darker(0.22))
            }
        }
        art += layer(near, palette.near, name: "near")
        return art + bushes(on: near, colour: palette.near.lighter(0.08), &random)
    }

    private func mountains(_ random: inout SeededRandom) -> String {
        let tall = layout.shape == .landscape ? height * 0.3 : height * 0.2
        let range = Ridge.peaks(
            width: width, baseline: horizon + height * 0.02, height: tall, count: Int(random.unit(3...4.99)),
            random: &random)
        var art = layer(range, palette.far, name: "far")
        if detailed {
            for cap in range.snowCaps(depth: tall * 0.28) {
                art += "<polygon points=\"\(cap)\" fill=\"\(palette.paper)\" opacity=\"0.92\"/>"
            }
            let front = Ridge.peaks(
                width: width, baseline: horizon + height * 0.07, height: tall * 0.5, count: 5, random: &random)
            art += layer(front, palette.far.mixed(with: palette.mid, 0.55), name: "foothills")
        }
        let mid = Ridge.rolling(
            width: width, baseline: horizon + height * 0.11, amplitude: height * 0.04, bumps: 2, random: &random)
        let near = Ridge.rolling(
            width: width, baseline: horizon + height * 0.21, amplitude: height * 0.04, bumps: 1, random: &random)
        return art + layer(mid, palette.mid, name: "mid") + layer(near, palette.near, name: "near")
            + bushes(on: near, colour: palette.near.lighter(0.08), &random)
    }

    private func sea(_ random: inout SeededRandom) -> String {
        let top = palette.skyBottom.mixed(with: palette.natural(0x3d8fc6), 0.45)
        let bottom = palette.near.mixed(with: palette.natural(0x1d4e89), 0.4)
        var art =
            "<defs><linearGradient id=\"sea\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\"0\" stop-color=\"\(top)\"/>"
        art += "<stop offset=\"1\" stop-color=\"\(bottom)\"/></linearGradient></defs>"
        let islandWidth = width * random.unit(0.18...0.3)
        let islandX = random.unit() < 0.5 ? width * random.unit(0...0.2) : width * random.unit(0.6...0.85)
        let islandHeight = height * random.unit(0.03...0.06)
        let island = [
            CanvasPoint(x: islandX, y: horizon + 1),
            CanvasPoint(x: islandX + islandWidth * 0.35, y: horizon - islandHeight),
            CanvasPoint(x: islandX + islandWidth * 0.7, y: horizon - islandHeight * 0.45),
            CanvasPoint(x: islandX + islandWidth, y: horizon + 1),
        ]
        art += "<path class=\"layer-far\" d=\"\(SVGMarkup.smoothOpenPath(island))Z\" fill=\"\(palette.far)\"/>"
        art += SVGMarkup.rect(
            x: 0, y: horizon, width: width, height: height - horizon, "class=\"layer-mid\" fill=\"url(#sea)\"")
        // The disc's reflection: broken bars under it, narrowing towards the viewer.
        for index in 0..<8 {
            let t = Double(index)
            let y = horizon + height * 0.012 + t * t * height * 0.006 + t * height * 0.018
            guard y < height else { break }
            let barWidth = disc.radius * (1.4 - t * 0.13) * random.unit(0.8...1.1)
            let x = disc.centre.x - barWidth / 2 + random.unit(-0.05...0.05) * disc.radius
            art += SVGMarkup.rect(
                x: x, y: y, width: barWidth, height: unit * 0.008,
                "rx=\((unit * 0.004).svgQuoted) fill=\"\(palette.disc)\" opacity=\((0.55 - t * 0.05).svgQuoted)")
        }
        if detailed {
            art += "<g fill=\"none\" stroke=\"\(palette.paper)\" stroke-linecap=\"round\" opacity=\"0.35\">"
            for _ in 0..<22 {
                let t = random.unit(0.05...1)
                let y = horizon + (height - horizon) * t * t
                let x = random.unit(0...1) * width
                let length = width * (0.015 + 0.05 * t)
                let curve = "M\(x.svg) \(y.svg)q\((length / 2).svg) \((-unit * 0.01 * t).svg) \(length.svg) 0"
                art += "<path d=\"\(curve)\" stroke-width=\((unit * (0.002 + 0.004 * t)).svgQuoted)/>"
            }
            art += "</g>"
        }
        let beach = Ridge.rolling(
            width: width, baseline: height * 0.97, amplitude: height * 0.05, bumps: 1, random: &random)
        return art + layer(beach, palette.natural(0xe9c98f).mixed(with: palette.near, 0.25), name: "near")
    }

    private func city(_ random: inout SeededRandom) -> String {
        var art = ""
        var x = -width * 0.02
        var far = "<g class=\"layer-far\" fill=\"\(palette.far)\">"
        while x < width {
            let buildingWidth = unit * random.unit(0.07...0.14)
            let buildingHeight = height * random.unit(0.08...0.24)
            far += SVGMarkup.rect(
                x: x, y: horizon + height * 0.03 - buildingHeight, width: buildingWidth + 1,
                height: buildingHeight + height * 0.2)
            x += buildingWidth
        }
        art += far + "</g>"
        let ground = horizon + height * 0.1
        x = -width * 0.03
        var near = "<g class=\"layer-mid\">"
        var windows = "<g fill=\"\(palette.highlight.lighter(0.35))\" opacity=\"0.85\">"
        let cell = unit * 0.022
        while x < width {
            let buildingWidth = unit * random.unit(0.1...0.18)
            let buildingHeight = height * random.unit(0.06...0.17)
            let top = ground - buildingHeight
            near += SVGMarkup.rect(
                x: x, y: top, width: buildingWidth - unit * 0.006, height: buildingHeight + 1, "fill=\"\(palette.mid)\""
            )
            if detailed {
                var row = top + cell * 0.8
                while row < ground - cell {
                    var column = x + cell * 0.6
                    while column < x + buildingWidth - cell * 1.2 {
                        if random.unit() < 0.4 {
                            windows += SVGMarkup.rect(x: column, y: row, width: cell * 0.5, height: cell * 0.6)
                        }
                        column += cell
                    }
                    row += cell * 1.1
                }
            }
            x += buildingWidth
        }
        art += near + "</g>" + windows + "</g>"
        art += SVGMarkup.rect(
            x: 0, y: ground, width: width, height: height - ground, "class=\"layer-near\" fill=\"\(palette.near)\"")
        if detailed {
            let road = ground + (height - ground) * 0.35
            let centreLine = road + unit * 0.025
            art += SVGMarkup.rect(
                x: 0, y: road, width: width, height: unit * 0.05, "fill=\"\(palette.near.darker(0.3))\"")
            art +=
                "<path d=\"M0 \(centreLine.svg)L\(width.svg) \(centreLine.svg)\" stroke=\"\(palette.paper)\" opacity=\"0.6\" "
            art +=
                "stroke-width=\((unit * 0.005).svgQuoted) stroke-dasharray=\"\((unit * 0.04).svg) \((unit * 0.03).svg)\"/>"
        }
        return art
    }

    private func forest(_ random: inout SeededRandom) -> String {
        let far = Ridge.rolling(width: width, baseline: horizon, amplitude: height * 0.05, bumps: 2, random: &random)
        let mid = Ridge.rolling(
            width: width, baseline: horizon + height * 0.1, amplitude: height * 0.05, bumps: 2, random: &random)
        let near = Ridge.rolling(
            width: width, baseline: horizon + height * 0.22, amplitude: height * 0.04, bumps: 1, random: &random)
        var art = layer(far, palette.far, name: "far")
        if detailed {
            art += pines(
                along: far, spacing: unit * 0.045, size: unit * 0.09...unit * 0.14, colour: palette.far.darker(0.18),
                &random)
        }
        art += layer(mid, palette.mid, name: "mid")
        art += pines(
            along: mid, spacing: unit * 0.08, size: unit * 0.13...unit * 0.2, colour: palette.mid.darker(0.25), &random)
        return art + layer(near, palette.near, name: "near")
            + bushes(on: near, colour: palette.near.darker(0.15), &random)
    }

    private func space(_ random: inout SeededRandom) -> String {
        let radius = max(width, height) * 0.9
        let centre = CanvasPoint(x: width * random.unit(0.3...0.7), y: horizon + height * 0.12 + radius)
        var art = "<defs><radialGradient id=\"planet-surface\" cx=\"0.5\" cy=\"0\" r=\"0.6\">"
        art +=
            "<stop offset=\"0\" stop-color=\"\(palette.mid)\"/><stop offset=\"1\" stop-color=\"\(palette.near)\"/></radialGradient></defs>"
        art += SVGMarkup.circle(
            cx: centre.x, cy: centre.y, r: radius + unit * 0.02, "fill=\"\(palette.highlight)\" opacity=\"0.18\"")
        let rim = "stroke=\"\(palette.highlight)\" stroke-width=\((unit * 0.005).svgQuoted) stroke-opacity=\"0.7\""
        art += SVGMarkup.circle(
            cx: centre.x, cy: centre.y, r: radius, "class=\"layer-near\" fill=\"url(#planet-surface)\" \(rim)")
        if detailed {
            for _ in 0..<5 {
                let angle = random.unit(-0.35...0.35) - Double.pi / 2
                let distance = radius * random.unit(0.88...0.98)
                let crater = unit * random.unit(0.015...0.04)
                art +=
                    "<ellipse cx=\((centre.x + distance * cos(angle)).svgQuoted) cy=\((centre.y + distance * sin(angle)).svgQuoted) "
                art +=
                    "rx=\(crater.svgQuoted) ry=\((crater * 0.45).svgQuoted) fill=\"\(palette.near.darker(0.2))\" opacity=\"0.6\"/>"
            }
        }
        return art
    }

    private func desert(_ random: inout SeededRandom) -> String {
        let sand = palette.natural(0xe9b872)
        let far = Ridge.rolling(width: width, baseline: horizon, amplitude: height * 0.06, bumps: 2, random: &random)
        let mid = Ridge.rolling(
            width: width, baseline: horizon + height * 0.09, amplitude: height * 0.06, bumps: 2, random: &random)
        let near = Ridge.rolling(
            width: width, baseline: horizon + height * 0.2, amplitude: height * 0.05, bumps: 1, random: &random)
        var art = layer(far, sand.mixed(with: palette.far, 0.45), name: "far")
        art += layer(mid, sand.mixed(with: palette.mid, 0.35).darker(0.05), name: "mid")
        if detailed {
            for _ in 0..<Int(random.unit(1...3.99)) {
                let x = random.unit(0.05...0.95) * width
                let colour = palette.natural(0x4c8b3f).mixed(with: palette.mid, 0.3)
                art += cactus(
                    x: x, base: mid.y(at: x) + unit * 0.01, size: unit * random.unit(0.08...0.13), colour: colour)
            }
        }
        return art + layer(near, sand.mixed(with: palette.near, 0.45).darker(0.1), name: "near")
    }

    private func pines(
        along ridge: Ridge, spacing: Double, size: ClosedRange<Double>, colour: Colour, _ random: inout SeededRandom
    ) -> String {
        var art = ""
        var x = random.unit(0...1) * spacing
        while x < width + spacing {
            let size = random.unit(size)
            art += Motif.pine(x, base: ridge.y(at: x) + size * 0.12, height: size, colour, trunk: colour.darker(0.2))
            x += spacing * random.unit(0.6...1.4)
        }
        return art
    }

    private func roundTree(x: Double, base: Double, size: Double, colour: Colour) -> String {
        SVGMarkup.rect(
            x: x - size * 0.06, y: base - size * 0.55, width: size * 0.12, height: size * 0.55,
            "fill=\"\(colour.darker(0.25))\"")
            + SVGMarkup.circle(cx: x, cy: base - size * 0.7, r: size * 0.34, "fill=\"\(colour)\"")
    }

    private func cactus(x: Double, base: Double, size: Double, colour: Colour) -> String {
        let stem = size * 0.2
        let arm = size * 0.13
        let round = "rx=\((arm / 2).svgQuoted)"
        return "<g fill=\"\(colour)\">"
            + SVGMarkup.rect(x: x - stem / 2, y: base - size, width: stem, height: size, "rx=\((stem / 2).svgQuoted)")
            + SVGMarkup.rect(x: x - size * 0.38, y: base - size * 0.72, width: arm, height: size * 0.36, round)
            + SVGMarkup.rect(x: x - size * 0.38, y: base - size * 0.45, width: size * 0.3, height: arm, round)
            + SVGMarkup.rect(x: x + size * 0.25, y: base - size * 0.85, width: arm, height: size * 0.4, round)
            + SVGMarkup.rect(x: x + stem / 2 - 1, y: base - size * 0.58, width: size * 0.25, height: arm, round)
            + "</g>"
    }
}
