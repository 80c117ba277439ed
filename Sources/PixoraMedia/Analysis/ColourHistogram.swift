import Foundation

/// Counts of colours in 16 levels per channel (4,096 bins), with each bin's summed exact colour so a bin's colour is
/// what the pixels really were, not the bin's centre. Memory is fixed however many frames are added.
struct ColourHistogram: Sendable {
    private(set) var counts = [Double](repeating: 0, count: 4096)
    private(set) var sums = [Double](repeating: 0, count: 4096 * 3)
    private(set) var total = 0.0

    /// Adds every pixel of an RGB frame.
    mutating func add(pixels: [UInt8]) {
        counts.withUnsafeMutableBufferPointer { counts in
            sums.withUnsafeMutableBufferPointer { sums in
                pixels.withUnsafeBufferPointer { p in
                    var offset = 0
                    while offset + 2 < p.count {
                        let (r, g, b) = (p[offset], p[offset + 1], p[offset + 2])
                        let bin = Int(r >> 4) << 8 | Int(g >> 4) << 4 | Int(b >> 4)
                        counts[bin] += 1
                        sums[bin * 3] += Double(r)
                        sums[bin * 3 + 1] += Double(g)
                        sums[bin * 3 + 2] += Double(b)
                        offset += 3
                    }
                }
            }
        }
        total += Double(pixels.count / 3)
    }

    mutating func add(_ other: ColourHistogram) {
        for index in counts.indices { counts[index] += other.counts[index] }
        for index in sums.indices { sums[index] += other.sums[index] }
        total += other.total
    }

    /// The occupied bins as weighted colours (0…255 per channel).
    var weightedColours: [DominantColours.Weighted] {
        counts.indices.compactMap { bin in
            let count = counts[bin]
            guard count > 0 else { return nil }
            return DominantColours.Weighted(
                colour: SIMD3(sums[bin * 3] / count, sums[bin * 3 + 1] / count, sums[bin * 3 + 2] / count),
                weight: count)
        }
    }
}
