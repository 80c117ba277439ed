import Foundation

/// Colours and a unique id prefix handed to a motif's drawing; motifs are drawn in a 100×100 box.
struct MotifPaint: Sendable {
    let palette: MoodPalette
    /// Makes the ids of masks and gradients unique when several motifs share one SVG.
    let idPrefix: String

    var main: Colour { palette.accent }
    var second: Colour { palette.highlight }
    var dark: Colour { palette.detail }
    var light: Colour { palette.paper }

    func natural(_ hex: UInt32) -> Colour { palette.natural(hex) }
    func id(_ name: String) -> String { "\(idPrefix)-\(name)" }
}

extension Motif {
    /// SVG elements drawing the motif inside the box (0,0)–(100,100), centred on (50,50).
    func art(_ paint: MotifPaint) -> String {
        switch self {
        case .bee, .bird, .fish, .cat, .dog, .person, .people: creatureArt(paint)
        case .honeycomb, .flower, .sun, .moon, .star, .mountain, .tree, .pines, .wave, .drop, .planet, .cloud, .rain,
            .storm, .snow, .fire, .leaf, .sprout:
            natureArt(paint)
        case .city, .house, .car, .rocket, .boat, .path, .globe: placeArt(paint)
        case .heart, .book, .lightbulb, .gear, .robot, .laptop, .phone, .coin, .chart, .clock, .coffee, .apple, .music,
            .camera, .trophy, .target, .lock, .pencil, .chat:
            objectArt(paint)
        }
    }
}

/// Geometry shared by the motif drawings.
enum MotifShapes {
    /// A pointy-topped regular hexagon.
    static func hexagon(_ cx: Double, _ cy: Double, _ radius: Double) -> String {
        let points = (0..<6).map { index -> CanvasPoint in
            let angle = Double.pi / 3 * Double(index) - Double.pi / 2
            return CanvasPoint(x: cx + radius * cos(angle), y: cy + radius * sin(angle))
        }
        return SVGMarkup.polygon(points)
    }

    /// A star with `points` tips, alternating between the outer and inner radius.
    static func star(_ cx: Double, _ cy: Double, outer: Double, inner: Double, points: Int = 5) -> String {
        let vertices = (0..<(points * 2)).map { index -> CanvasPoint in
            let radius = index.isMultiple(of: 2) ? outer : inner
            let angle = Double.pi / Double(points) * Double(index) - Double.pi / 2
            return CanvasPoint(x: cx + radius * cos(angle), y: cy + radius * sin(angle))
        }
        return SVGMarkup.polygon(vertices)
    }

    /// A four-pointed sparkle, as a path.
    static func sparkle(_ cx: Double, _ cy: Double, _ size: Double) -> String {
        let s = size
        let w = size * 0.22
        return "M\(cx.svg) \((cy - s).svg)Q\((cx + w).svg) \((cy - w).svg) \((cx + s).svg) \(cy.svg)"
            + "Q\((cx + w).svg) \((cy + w).svg) \(cx.svg) \((cy + s).svg)Q\((cx - w).svg) \((cy + w).svg) "
            + "\((cx - s).svg) \(cy.svg)Q\((cx - w).svg) \((cy - w).svg) \(cx.svg) \((cy - s).svg)Z"
    }

    /// A gear outline with a round hole (draw with `fill-rule="evenodd"`).
    static func gear(_ cx: Double, _ cy: Double, radius: Double, teeth: Int, hole: Double) -> String {
        var points: [CanvasPoint] = []
        let inner = radius * 0.78
        let step = 2 * Double.pi / Double(teeth)
        for tooth in 0..<teeth {
            let start = step * Double(tooth)
            let profile: [(Double, Double)] = [
                (0, inner), (0.18, inner), (0.28, radius), (0.62, radius), (0.72, inner),
            ]
            for (fraction, r) in profile {
                let angle = start + step * fraction
                points.append(CanvasPoint(x: cx + r * cos(angle), y: cy + r * sin(angle)))
            }
        }
        let outline = "M" + points.map { "\($0.x.svg) \($0.y.svg)" }.joined(separator: "L") + "Z"
        return outline + circlePath(cx, cy, hole)
    }

    /// A circle as a path, to combine with other subpaths.
    static func circlePath(_ cx: Double, _ cy: Double, _ r: Double) -> String {
        "M\((cx - r).svg) \(cy.svg)a\(r.svg) \(r.svg) 0 1 0 \((2 * r).svg) 0a\(r.svg) \(r.svg) 0 1 0 \((-2 * r).svg) 0Z"
    }

    /// The part of an ellipse between two vertical lines: a bee's stripe.
    static func ellipseBand(cx: Double, cy: Double, rx: Double, ry: Double, from x1: Double, to x2: Double) -> String {
        func half(_ x: Double) -> Double { ry * (1 - pow((x - cx) / rx, 2)).squareRoot() }
        let h1 = half(x1)
        let h2 = half(x2)
        return "M\(x1.svg) \((cy - h1).svg)A\(rx.svg) \(ry.svg) 0 0 1 \(x2.svg) \((cy - h2).svg)"
            + "L\(x2.svg) \((cy + h2).svg)A\(rx.svg) \(ry.svg) 0 0 1 \(x1.svg) \((cy + h1).svg)Z"
    }

    /// A ribbon of changing width around a centre line: a road narrowing into the distance.
    static func taperedRibbon(_ centre: [CanvasPoint], startWidth: Double, endWidth: Double) -> String {
        guard centre.count > 1 else { return "" }
        var left: [CanvasPoint] = []
        var right: [CanvasPoint] = []
        for (index, point) in centre.enumerated() {
            let previous = centre[max(index - 1, 0)]
            let next = centre[min(index + 1, centre.count - 1)]
            let dx = next.x - previous.x
            let dy = next.y - previous.y
            let length = max((dx * dx + dy * dy).squareRoot(), 0.0001)
            let t = Double(index) / Double(centre.count - 1)
            let half = (startWidth + (endWidth - startWidth) * t) / 2
            left.append(CanvasPoint(x: point.x - dy / length * half, y: point.y + dx / length * half))
            right.append(CanvasPoint(x: point.x + dy / length * half, y: point.y - dx / length * half))
        }
        return SVGMarkup.smoothOpenPath(left) + SVGMarkup.smoothOpenPath(right.reversed(), movingFirst: false) + "Z"
    }
}
