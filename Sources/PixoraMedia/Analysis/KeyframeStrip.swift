import Foundation

/// Keyframes without a second decode: while the video is analysed, ffmpeg also writes a strip of small JPEGs, four
/// per second, into a scratch folder; as each shot closes it takes the strip picture nearest its middle (one that
/// lies inside the shot) and the strip before its end is deleted. A shot too short to hold a strip picture is
/// grabbed by seeking once the decode is done.
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

    /// Strip pictures before this number are gone (taken or deleted).
    private var pruned = 1

    /// Moves the strip picture nearest the shot's middle to the shot's keyframe name, when one lies inside the
    /// shot, and deletes the strip before the shot's end: called as each shot closes, so the scratch folder holds
    /// only the last few seconds. Returns the keyframe's name, or nil when the shot needs `finish` to seek.
    mutating func take(_ shot: SampleAnalysis.Shot, fps: Double) -> String? {
        let name = Self.name(of: shot.index)
        let target = folder.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        let margin = 0.5 / fps
        // Strip picture n (from 1) shows the time (n - 1) / rate.
        let nearest = Int(((shot.start + shot.end) / 2 * Self.rate).rounded())
        let time = Double(nearest) / Self.rate
        var taken: String?
        if time >= shot.start + margin, time <= shot.end - margin, nearest + 1 >= pruned,
            (try? FileManager.default.moveItem(at: picture(nearest + 1), to: target)) != nil
        {
            taken = name
        }
        let last = Int((shot.end * Self.rate).rounded(.down))
        while pruned <= last {
            try? FileManager.default.removeItem(at: picture(pruned))
            pruned += 1
        }
        return taken
    }

    /// Seeks a keyframe for every shot that has none yet and removes the scratch strip.
    func finish(_ shots: inout [SampleAnalysis.Shot], video: URL, width: Int, height: Int) async throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        for index in shots.indices where shots[index].keyframe == nil {
            let name = Self.name(of: shots[index].index)
            let middle = (shots[index].start + shots[index].end) / 2
            try await grab(
                video: video, at: middle, width: width, height: height, to: folder.appendingPathComponent(name))
            shots[index].keyframe = name
        }
    }

    private func picture(_ number: Int) -> URL { scratch.appendingPathComponent(String(format: "%06d.jpg", number)) }

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
