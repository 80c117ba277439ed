import Foundation

extension MediaCheck {
    /// Where a frame's bright pixels lie (pixels, inclusive), or nil when there are none: the extent of text drawn
    /// on a dark picture, to check that it stays inside the frame's safe area.
    public static func brightExtent(
        of url: URL, at time: Double, threshold: UInt8 = 100
    ) async throws -> (minX: Int, minY: Int, maxX: Int, maxY: Int)? {
        guard let video = try await MediaProbe.probe(url).video, let width = video.width, let height = video.height
        else { return nil }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pixora-frame-\(UUID().uuidString).gray")
        defer { try? FileManager.default.removeItem(at: file) }
        try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-ss", String(format: "%.3f", time), "-i",
                url.path, "-frames:v", "1", "-vf", "format=gray", "-f", "rawvideo", file.path,
            ])
        let pixels = [UInt8](try Data(contentsOf: file))
        guard width > 0, pixels.count >= width * height else { return nil }
        var extent: (minX: Int, minY: Int, maxX: Int, maxY: Int)?
        for (index, value) in pixels.prefix(width * height).enumerated() where value >= threshold {
            let (x, y) = (index % width, index / width)
            if let found = extent {
                extent = (min(found.minX, x), min(found.minY, y), max(found.maxX, x), max(found.maxY, y))
            } else {
                extent = (x, y, x, y)
            }
        }
        return extent
    }
}
