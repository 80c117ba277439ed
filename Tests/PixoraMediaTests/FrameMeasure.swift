import Foundation
import PixoraMedia
import Testing

/// Numbers measured on one frame of a rendered file, by ffmpeg.
enum FrameMeasure {
    /// Mean red, green and blue (0–255) of the frame at `time`.
    static func meanRGB(_ url: URL, at time: Double) async throws -> (r: Double, g: Double, b: Double) {
        let pixels = try await raw(url, at: time, format: "rgb24")
        var sums = [0.0, 0.0, 0.0]
        for (index, value) in pixels.enumerated() { sums[index % 3] += Double(value) }
        let count = Double(pixels.count / 3)
        return (sums[0] / count, sums[1] / count, sums[2] / count)
    }

    /// The frame at `time` as 8-bit grey pixels.
    static func gray(_ url: URL, at time: Double) async throws -> [UInt8] {
        try await raw(url, at: time, format: "gray")
    }

    /// signalstats' average saturation (0 for a grey picture) of the frame at `time`.
    static func saturation(_ url: URL, at time: Double) async throws -> Double {
        let result = try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-ss", String(format: "%.3f", time), "-i", url.path,
                "-frames:v", "1", "-vf", "signalstats,metadata=mode=print:key=lavfi.signalstats.SATAVG:file=-",
                "-f", "null", "-",
            ])
        let line = try #require(result.standardOutput.split(separator: "\n").first { $0.contains("SATAVG=") })
        return try #require(Double(line.split(separator: "=").last ?? ""))
    }

    /// Average PSNR (dB) between two files' pictures; infinity when they are identical.
    static func psnr(_ a: URL, _ b: URL) async throws -> Double {
        let result = try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-loglevel", "info", "-i", a.path, "-i", b.path, "-lavfi", "psnr", "-f",
                "null", "-",
            ])
        let line = try #require(result.errorLines.last { $0.contains("PSNR") && $0.contains("average:") })
        let value = line.components(separatedBy: "average:")[1].split(separator: " ")[0]
        return value == "inf" ? .infinity : try #require(Double(value))
    }

    /// PSNR (dB) of every frame of `a` against the same frame of `b`, in order (infinity where identical).
    static func psnrPerFrame(_ a: URL, _ b: URL) async throws -> [Double] {
        let result = try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-i", a.path, "-i", b.path, "-lavfi",
                "[0:v][1:v]psnr=stats_file=-", "-f", "null", "-",
            ])
        return try result.standardOutput.split(separator: "\n").map { line in
            let field = try #require(line.split(separator: " ").first { $0.hasPrefix("psnr_avg:") })
            let value = field.dropFirst("psnr_avg:".count)
            return value == "inf" ? .infinity : try #require(Double(value))
        }
    }

    /// Presentation time (s) of every video frame, in decoding order of the demuxer.
    static func frameTimes(_ url: URL) async throws -> [Double] {
        let result = try await ToolRunner.run(
            .ffprobe,
            [
                "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=best_effort_timestamp_time", "-of",
                "csv=p=0", url.path,
            ])
        return try result.standardOutput.split(separator: "\n").map {
            try #require(Double($0.trimmingCharacters(in: CharacterSet(charactersIn: ", "))))
        }
    }

    static func raw(_ url: URL, at time: Double, format: String) async throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-frame-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-ss", String(format: "%.3f", time), "-i",
                url.path, "-frames:v", "1", "-vf", "format=\(format)", "-f", "rawvideo", file.path,
            ])
        return [UInt8](try Data(contentsOf: file))
    }
}
