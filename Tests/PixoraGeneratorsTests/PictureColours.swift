import Foundation
import PixoraMedia

/// The colours of a picture, decoded by ffmpeg into a small RGB image: its coarse colour histogram (which colours
/// dominate and how much) and its mean colour.
struct PictureColours {
    /// Levels per channel in the histogram: 4 gives 64 bins, coarse enough that anti-aliasing does not count.
    static let levels = 4
    /// Share of the pixels in each bin; sums to 1.
    let histogram: [Double]
    let mean: (red: Double, green: Double, blue: Double)

    init(contentsOf url: URL) async throws {
        let raw = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-rgb-\(UUID().uuidString).rgb")
        defer { try? FileManager.default.removeItem(at: raw) }
        try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", url.path, "-frames:v", "1", "-vf",
                "scale=96:54:flags=area,format=rgb24", "-f", "rawvideo", raw.path,
            ])
        let bytes = [UInt8](try Data(contentsOf: raw))
        let count = bytes.count / 3
        var histogram = [Double](repeating: 0, count: Self.levels * Self.levels * Self.levels)
        var sums = (0.0, 0.0, 0.0)
        for index in 0..<count {
            let (r, g, b) = (Int(bytes[3 * index]), Int(bytes[3 * index + 1]), Int(bytes[3 * index + 2]))
            let bin = { (channel: Int) in channel * Self.levels / 256 }
            histogram[(bin(r) * Self.levels + bin(g)) * Self.levels + bin(b)] += 1
            sums = (sums.0 + Double(r), sums.1 + Double(g), sums.2 + Double(b))
        }
        let total = Double(max(count, 1))
        self.histogram = histogram.map { $0 / total }
        mean = (sums.0 / total, sums.1 / total, sums.2 / total)
    }

    /// Histogram intersection: the share of pixels whose coarse colour the other picture has as much of, 0…1.
    func overlap(with other: PictureColours) -> Double {
        zip(histogram, other.histogram).reduce(0) { $0 + min($1.0, $1.1) }
    }

    /// Euclidean distance between the mean colours, 0…441 (black to white).
    func meanDistance(to other: PictureColours) -> Double {
        let (a, b) = (mean, other.mean)
        return
            ((a.red - b.red) * (a.red - b.red) + (a.green - b.green) * (a.green - b.green)
            + (a.blue - b.blue) * (a.blue - b.blue)).squareRoot()
    }
}
