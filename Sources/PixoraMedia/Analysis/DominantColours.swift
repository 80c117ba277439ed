import Foundation

/// The few colours that cover most of a picture: weighted k-means over the histogram's occupied bins (a few hundred
/// points, however long the video), seeded deterministically, then clusters that look alike are merged.
enum DominantColours {
    struct Weighted: Sendable {
        var colour: SIMD3<Double>
        var weight: Double
    }

    /// Up to `count` colours, largest share first; shares are of the whole histogram and sum to 1.
    static func of(_ histogram: ColourHistogram, count: Int, clusters: Int = 8) -> [SampleAnalysis.PaletteColour] {
        let points = histogram.weightedColours
        let total = points.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return [] }
        var centres = seeds(points, count: clusters)
        var groups: [Weighted] = []
        for _ in 0..<12 {
            var sums = [SIMD3<Double>](repeating: .zero, count: centres.count)
            var weights = [Double](repeating: 0, count: centres.count)
            for point in points {
                let nearest = nearestIndex(point.colour, in: centres)
                sums[nearest] += point.colour * point.weight
                weights[nearest] += point.weight
            }
            groups = centres.indices.compactMap { index in
                weights[index] > 0 ? Weighted(colour: sums[index] / weights[index], weight: weights[index]) : nil
            }
            centres = groups.map(\.colour)
        }
        let merged = merge(groups.sorted { $0.weight > $1.weight })
        // Shares of everything: colours beyond `count` fold into the nearest kept one, so shares still sum to 1.
        var kept = Array(merged.prefix(count))
        for extra in merged.dropFirst(count) {
            let nearest = nearestIndex(extra.colour, in: kept.map(\.colour))
            kept[nearest].weight += extra.weight
        }
        return kept.sorted { $0.weight > $1.weight }.map {
            SampleAnalysis.PaletteColour(hex: hex($0.colour), share: ($0.weight / total * 1000).rounded() / 1000)
        }
    }

    /// Clusters closer than `distance` (RGB units) become one, weighted.
    static func merge(_ groups: [Weighted], distance: Double = 40) -> [Weighted] {
        var result: [Weighted] = []
        for group in groups {
            if let index = result.firstIndex(where: { length($0.colour - group.colour) < distance }) {
                let weight = result[index].weight + group.weight
                result[index].colour =
                    (result[index].colour * result[index].weight + group.colour * group.weight) / weight
                result[index].weight = weight
            } else {
                result.append(group)
            }
        }
        return result
    }

    /// Heaviest bin first, then repeatedly the bin with the most weight far from every chosen seed.
    private static func seeds(_ points: [Weighted], count: Int) -> [SIMD3<Double>] {
        guard let first = points.max(by: { $0.weight < $1.weight }) else { return [] }
        var seeds = [first.colour]
        var nearest = points.map { squared($0.colour - first.colour) }
        while seeds.count < min(count, points.count) {
            var best = -1.0
            var bestIndex = 0
            for (index, point) in points.enumerated() where point.weight * nearest[index] > best {
                best = point.weight * nearest[index]
                bestIndex = index
            }
            guard best > 0 else { break }
            let seed = points[bestIndex].colour
            seeds.append(seed)
            for index in points.indices { nearest[index] = min(nearest[index], squared(points[index].colour - seed)) }
        }
        return seeds
    }

    static func nearestIndex(_ colour: SIMD3<Double>, in centres: [SIMD3<Double>]) -> Int {
        var best = Double.infinity
        var bestIndex = 0
        for (index, centre) in centres.enumerated() {
            let distance = squared(colour - centre)
            if distance < best { (best, bestIndex) = (distance, index) }
        }
        return bestIndex
    }

    static func hex(_ colour: SIMD3<Double>) -> String {
        func byte(_ value: Double) -> Int { Int(min(255, max(0, value.rounded()))) }
        return String(format: "#%02x%02x%02x", byte(colour.x), byte(colour.y), byte(colour.z))
    }

    private static func squared(_ vector: SIMD3<Double>) -> Double { (vector * vector).sum() }
    private static func length(_ vector: SIMD3<Double>) -> Double { squared(vector).squareRoot() }
}
