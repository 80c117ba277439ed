import PixoraCore

/// A horizon line across the canvas (a hill or mountain silhouette), filled down to the bottom.
struct Ridge: Sendable {
    let points: [CanvasPoint]
    let smooth: Bool

    /// Gentle hills: `bumps` crests of up to `amplitude` above `baseline`.
    static func rolling(
        width: Double, baseline: Double, amplitude: Double, bumps: Int, random: inout SeededRandom
    ) -> Ridge {
        let count = bumps * 2 + 2
        let start = -width * 0.1
        let step = width * 1.2 / Double(count - 1)
        let phase = random.unit() < 0.5
        let points = (0..<count).map { index -> CanvasPoint in
            let crest = (index % 2 == 0) == phase
            let lift = crest ? random.unit(0.55...1) : random.unit(-0.25...0.25)
            return CanvasPoint(
                x: start + step * Double(index) + random.unit(-0.2...0.2) * step, y: baseline - amplitude * lift)
        }
        return Ridge(points: points, smooth: true)
    }

    /// Jagged peaks of up to `height` above `baseline`.
    static func peaks(width: Double, baseline: Double, height: Double, count: Int, random: inout SeededRandom) -> Ridge
    {
        let total = count * 2 + 1
        let step = width * 1.2 / Double(total - 1)
        let points = (0..<total).map { index -> CanvasPoint in
            let peak = index % 2 == 1
            let lift = peak ? random.unit(0.55...1) : random.unit(0.05...0.3)
            return CanvasPoint(
                x: -width * 0.1 + step * Double(index) + random.unit(-0.25...0.25) * step, y: baseline - height * lift)
        }
        return Ridge(points: points, smooth: false)
    }

    /// The filled silhouette, closed along `bottom`.
    func path(bottom: Double) -> String {
        guard let first = points.first, let last = points.last else { return "" }
        let outline =
            smooth
            ? SVGMarkup.smoothOpenPath(points) : "M" + points.map { "\($0.x.svg) \($0.y.svg)" }.joined(separator: "L")
        return outline + "L\(last.x.svg) \(bottom.svg)L\(first.x.svg) \(bottom.svg)Z"
    }

    /// Height of the ridge at `x`, read off the straight segments (close enough to the curve to stand things on).
    func y(at x: Double) -> Double {
        guard let upper = points.firstIndex(where: { $0.x >= x }), upper > 0 else { return points.first?.y ?? 0 }
        let a = points[upper - 1]
        let b = points[upper]
        let t = (x - a.x) / max(b.x - a.x, 0.0001)
        return a.y + (b.y - a.y) * t
    }

    /// Snow on each peak of a jagged ridge, as polygons.
    func snowCaps(depth: Double) -> [String] {
        guard !smooth, points.count >= 3 else { return [] }
        var caps: [String] = []
        for index in stride(from: 1, to: points.count - 1, by: 2) {
            let peak = points[index]
            let left = points[index - 1]
            let right = points[index + 1]
            func along(_ towards: CanvasPoint) -> CanvasPoint {
                let t = min(depth / max(towards.y - peak.y, 1), 0.5)
                return CanvasPoint(x: peak.x + (towards.x - peak.x) * t, y: peak.y + (towards.y - peak.y) * t)
            }
            let l = along(left)
            let r = along(right)
            func between(_ t: Double, lift: Double) -> CanvasPoint {
                CanvasPoint(x: l.x + (r.x - l.x) * t, y: l.y + (r.y - l.y) * t - lift * depth)
            }
            caps.append(
                SVGMarkup.polygon([
                    peak, r, between(0.75, lift: 0.3), between(0.5, lift: -0.1), between(0.25, lift: 0.35), l,
                ]))
        }
        return caps
    }
}
