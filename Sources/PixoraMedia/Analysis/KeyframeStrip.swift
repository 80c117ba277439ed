import Foundation

/// Keyframes without a second decode: while the video is analysed, ffmpeg also writes a strip of small JPEGs, four
/// per second, into a scratch folder; each shot then takes the strip picture nearest its middle (one that lies
/// inside the shot), and the rest is deleted. A shot too short to hold a strip picture is grabbed by seeking.
struct KeyframeStrip {
    static let rate = 4.0
    /// The longest side of a keyframe.
    static let longSide = 480

    let folder: URL
    let scratch: URL

    init(folder: URL) throws {
        self.folder = folder
        scratch = folder.appendingPathComponent(".strip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    var pattern: String { scratch.appendingPathComponent("%06d.jpg").path }

    func scaleFilter(width: Int, height: Int) -> String {
        let (w, h) = Self.size(width: width, height: height)
        return "scale=\(w):\(h),format=yuvj420p"
    }

    /// At most `longSide` on the long side, aspect kept, both sides even.
    static func size(width: Int, height: Int) -> (Int, Int) {
        let scale = min(1, Double(longSide) / Double(max(width, height, 1)))
        func even(_ value: Double) -> Int { max(2, Int((value / 2).rounded()) * 2) }
        return (even(Double(width) * scale), even(Double(height) * scale))
    }

    static func name(of shot: Int) -> String { String(format: "shot-%03d.jpg", shot) }

    /// Gives every shot its keyframe file in `folder` and removes the scratch strip.
    func assign(
        _ shots: inout [SampleAnalysis.Shot], video: URL, fps: Double, width: Int, height: Int
    ) async throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let margin = 0.5 / fps
        for index in shots.indices {
            let shot = shots[index]
            let name = Self.name(of: shot.index)
            let target = folder.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: target)
            let middle = (shot.start + shot.end) / 2
            // Strip picture n (from 1) shows the time (n - 1) / rate.
            let nearest = Int((middle * Self.rate).rounded())
            let time = Double(nearest) / Self.rate
            let source = scratch.appendingPathComponent(String(format: "%06d.jpg", nearest + 1))
            if time >= shot.start + margin, time <= shot.end - margin,
                FileManager.default.fileExists(atPath: source.path)
            {
                try FileManager.default.moveItem(at: source, to: target)
            } else {
                try await grab(video: video, at: middle, width: width, height: height, to: target)
            }
            shots[index].keyframe = name
        }
    }

    private func grab(video: URL, at time: Double, width: Int, height: Int, to target: URL) async throws {
        let (w, h) = Self.size(width: width, height: height)
        try await AtomicFile.write(to: target) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                [
                    "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-ss", String(format: "%.3f", time),
                    "-i", video.path, "-frames:v", "1", "-vf", "scale=\(w):\(h)", "-q:v", "3", "-f", "image2",
                    "-c:v", "mjpeg", temporary.path,
                ])
        }
    }
}
