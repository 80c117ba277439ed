import PixoraCore

/// Text primitives of the SVG the illustration is written as: compact numbers and escaped text.
enum SVGMarkup {
    /// User text made safe inside an element or attribute (`MarkupText`, with XML's `&apos;`).
    static func escaped(_ text: String) -> String { MarkupText.escaped(text, apostrophe: "&apos;") }

    /// A closed path through `points` with smooth curves (Catmull-Rom turned into cubic Béziers).
    static func smoothClosedPath(_ points: [CanvasPoint]) -> String {
        guard points.count > 2 else { return "" }
        var path = "M\(points[0].x.svg) \(points[0].y.svg)"
        let count = points.count
        for index in 0..<count {
            let p0 = points[(index - 1 + count) % count]
            let p1 = points[index]
            let p2 = points[(index + 1) % count]
            let p3 = points[(index + 2) % count]
            path += curve(p0, p1, p2, p3)
        }
        return path + "Z"
    }

    /// An open smooth curve through `points` (ends are not curved back).
    static func smoothOpenPath(_ points: [CanvasPoint], movingFirst: Bool = true) -> String {
        guard let first = points.first else { return "" }
        var path = movingFirst ? "M\(first.x.svg) \(first.y.svg)" : "L\(first.x.svg) \(first.y.svg)"
        for index in 0..<(points.count - 1) {
            let p0 = points[max(index - 1, 0)]
            let p1 = points[index]
            let p2 = points[index + 1]
            let p3 = points[min(index + 2, points.count - 1)]
            path += curve(p0, p1, p2, p3)
        }
        return path
    }

    private static func curve(_ p0: CanvasPoint, _ p1: CanvasPoint, _ p2: CanvasPoint, _ p3: CanvasPoint) -> String {
        let c1 = CanvasPoint(x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6)
        let c2 = CanvasPoint(x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6)
        return "C\(c1.x.svg) \(c1.y.svg) \(c2.x.svg) \(c2.y.svg) \(p2.x.svg) \(p2.y.svg)"
    }

    /// A `<circle>`; `attributes` (fill, opacity…) are written as given.
    static func circle(cx: Double, cy: Double, r: Double, _ attributes: String = "") -> String {
        "<circle cx=\(cx.svgQuoted) cy=\(cy.svgQuoted) r=\(r.svgQuoted) \(attributes)/>"
    }

    /// A `<rect>`; `attributes` (fill, rx, transform…) are written as given.
    static func rect(x: Double, y: Double, width: Double, height: Double, _ attributes: String = "") -> String {
        "<rect x=\(x.svgQuoted) y=\(y.svgQuoted) width=\(width.svgQuoted) height=\(height.svgQuoted) \(attributes)/>"
    }

    /// The points of a closed polygon, for its `points` attribute.
    static func polygon(_ points: [CanvasPoint]) -> String {
        points.map { "\($0.x.svg),\($0.y.svg)" }.joined(separator: " ")
    }
}

/// A position on the canvas (or in a motif's 100×100 box).
struct CanvasPoint: Sendable, Hashable {
    var x: Double
    var y: Double
}

extension Double {
    /// One decimal at most: small, stable SVG text that does not depend on the locale.
    var svg: String {
        guard isFinite else { return "0" }
        let tenths = Int((self * 10).rounded())
        if tenths == 0 { return "0" }
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// `svg` in double quotes, for an attribute value.
    var svgQuoted: String { "\"\(svg)\"" }
}
