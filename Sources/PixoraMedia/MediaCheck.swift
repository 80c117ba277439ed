import Foundation

/// Measurements of a rendered file, for tests, benchmarks and quality gates.
public enum MediaCheck {
    /// Integrated loudness (LUFS) and true peak (dBTP) measured by ffmpeg's EBU R128 meter.
    public static func loudness(of url: URL) async throws -> (integrated: Double, truePeak: Double) {
        let result = try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-nostats", "-i", url.path, "-map", "0:a:0", "-af", "ebur128=peak=true",
                "-f", "null", "-",
            ])
        // The summary at the end: "I:  -14.0 LUFS" … "Peak:  -1.6 dBFS".
        let summary = result.errorLines.drop { !$0.contains("Summary:") }
        func value(_ label: String) -> Double? {
            summary.lazy.compactMap { line -> Double? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix(label) else { return nil }
                return trimmed.dropFirst(label.count).split(separator: " ").first.flatMap { Double($0) }
            }.first
        }
        guard let integrated = value("I:"), let peak = value("Peak:") else {
            throw MediaError.unreadableOutput(
                tool: "ffmpeg ebur128", detail: "no loudness summary for \(url.lastPathComponent)")
        }
        return (integrated, peak)
    }

    /// Stretches of (nearly) black picture at least `minimum` seconds long.
    public static func blackStretches(in url: URL, minimum: Double) async throws -> [(start: Double, end: Double)] {
        let result = try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-nostats", "-i", url.path, "-map", "0:v:0",
                "-vf", "blackdetect=d=\(minimum):pix_th=0.10:pic_th=0.98", "-f", "null", "-",
            ])
        return result.errorLines.compactMap { line in
            guard line.contains("black_start:"), let start = field("black_start", in: line),
                let end = field("black_end", in: line)
            else { return nil }
            return (start, end)
        }
    }

    /// A small grey-scale copy of the frame at `time` (width 96), for comparing pictures.
    /// `region` crops first: fractions (x, y, width, height) of the frame.
    public static func thumbnailPixels(
        of url: URL, at time: Double, region: (Double, Double, Double, Double) = (0, 0, 1, 1)
    ) async throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pixora-frame-\(UUID().uuidString).gray")
        defer { try? FileManager.default.removeItem(at: file) }
        let (x, y, w, h) = region
        try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-ss", String(format: "%.3f", time), "-i",
                url.path,
                "-frames:v", "1", "-vf", "crop=iw*\(w):ih*\(h):iw*\(x):ih*\(y),scale=96:96,format=gray", "-f",
                "rawvideo", file.path,
            ])
        return [UInt8](try Data(contentsOf: file))
    }

    /// Mean absolute difference of two grey-scale pictures, 0 (same) … 255.
    public static func difference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 255 }
        return Double(zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(a.count)
    }

    static func field(_ name: String, in line: String) -> Double? {
        guard let range = line.range(of: "\(name):") else { return nil }
        return line[range.upperBound...].split(separator: " ").first.flatMap { Double($0) }
    }
}
