import Foundation

/// One decoded frame, downscaled by ffmpeg (area filter) to about 64×36 RGB. The area filter averages dozens of
/// source pixels into each sample, which removes grain and noise-like texture before anything is compared.
struct FrameSample: Sendable {
    /// The sampled frame size (long side 64, aspect kept, both sides even).
    struct Size: Sendable, Hashable {
        var width: Int
        var height: Int

        init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }

        /// The analysis size for a source of `width`×`height`.
        init(fitting width: Int, _ height: Int) {
            let long = 64.0
            let ratio = Double(min(width, height)) / Double(max(max(width, height), 1))
            let short = max(8, Int((long * ratio / 2).rounded()) * 2)
            self = width >= height ? Size(width: 64, height: short) : Size(width: short, height: 64)
        }

        var bytes: Int { width * height * 3 }
    }

    /// The frame's RGB bytes, row by row.
    let pixels: [UInt8]
    /// 2×2 block means of `pixels`, 0…1, RGB interleaved: what frame differences are measured on.
    let grid: [Float]
    /// A 64-bin colour histogram (4 levels per channel), summing to 1: differences that ignore where things are.
    let histogram: [Float]
    /// Mean luma (BT.601), 0…1.
    let luma: Double

    init(_ bytes: UnsafeRawBufferPointer, size: Size) {
        let pixels = [UInt8](bytes)
        let (width, height) = (size.width, size.height)
        let (gridWidth, gridHeight) = (width / 2, height / 2)
        var grid = [Float](repeating: 0, count: gridWidth * gridHeight * 3)
        var histogram = [Float](repeating: 0, count: 64)
        var lumaSum = 0.0
        pixels.withUnsafeBufferPointer { p in
            for y in 0..<height {
                for x in 0..<width {
                    let offset = (y * width + x) * 3
                    let (r, g, b) = (p[offset], p[offset + 1], p[offset + 2])
                    let cell = ((y / 2) * gridWidth + x / 2) * 3
                    grid[cell] += Float(r)
                    grid[cell + 1] += Float(g)
                    grid[cell + 2] += Float(b)
                    histogram[Int(r >> 6) << 4 | Int(g >> 6) << 2 | Int(b >> 6)] += 1
                    lumaSum += 0.299 * Double(r) + 0.587 * Double(g) + 0.114 * Double(b)
                }
            }
        }
        let count = Float(width * height)
        for index in grid.indices { grid[index] /= 4 * 255 }
        for index in histogram.indices { histogram[index] /= count }
        self.pixels = pixels
        self.grid = grid
        self.histogram = histogram
        self.luma = lumaSum / Double(count) / 255
    }

    /// Mean absolute difference of the two grids, 0 (same) … 1 (black against white).
    func distance(to other: FrameSample) -> Double {
        var sum: Float = 0
        grid.withUnsafeBufferPointer { a in
            other.grid.withUnsafeBufferPointer { b in
                for index in 0..<a.count { sum += abs(a[index] - b[index]) }
            }
        }
        return Double(sum) / Double(max(grid.count, 1))
    }

    /// Half the L1 distance of the colour histograms, 0 (same colours) … 1 (no colour in common).
    func histogramDistance(to other: FrameSample) -> Double {
        var sum: Float = 0
        for index in 0..<64 { sum += abs(histogram[index] - other.histogram[index]) }
        return Double(sum) / 2
    }
}
