import Foundation
import PixoraGenerators
import PixoraMedia

/// Turns what providers send (JPEG/PNG of their own size, 5- or 10-second clips, MP3) into what the pipeline
/// expects of every generator: a PNG at the canvas size, an H.264 clip of exactly the scene's length at the
/// canvas size and frame rate, 48 kHz PCM WAV. Written atomically.
enum MediaConvert {
    static let quiet = ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"]

    /// Fills the canvas (scaled to cover, centre-cropped): no letterbox bars.
    static func cover(_ width: Int, _ height: Int) -> String {
        "scale=\(width):\(height):force_original_aspect_ratio=increase,crop=\(width):\(height),setsar=1"
    }

    static func picture(_ source: URL, to output: URL, width: Int, height: Int) async throws {
        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                quiet + [
                    "-i", source.path, "-vf", cover(width, height), "-frames:v", "1", "-f", "image2", "-c:v", "png",
                    temporary.path,
                ])
        }
    }

    /// A clip of exactly `duration` seconds: cut when longer, the last frame held when shorter. `timeScale`
    /// first stretches the source's timeline (2 plays it at half speed), for clips whose last frame must survive.
    static func clip(
        _ source: URL, to output: URL, width: Int, height: Int, fps: Int, duration: Double, timeScale: Double = 1
    ) async throws {
        let d = String(format: "%.3f", duration)
        let stretch = timeScale == 1 ? "" : String(format: "setpts=%.6f*PTS,", timeScale)
        let filter =
            "\(stretch)\(cover(width, height)),fps=\(fps),tpad=stop_mode=clone:stop_duration=\(d),trim=duration=\(d),setpts=PTS-STARTPTS,format=yuv420p"
        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                quiet + [
                    "-i", source.path, "-vf", filter, "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "18",
                    "-pix_fmt", "yuv420p",
                    "-g", "\(fps)", "-movflags", "+faststart", "-f", "mp4", temporary.path,
                ])
        }
    }

    /// Narration: mono 48 kHz, levelled like the embedded voice so every scene sits at the same loudness.
    static func speech(_ source: URL, to output: URL) async throws -> Double {
        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                quiet + [
                    "-i", source.path, "-af", FliteSpeechGenerator.voiceChain, "-ar", "48000", "-ac", "1", "-c:a",
                    "pcm_s16le", "-f", "wav", temporary.path,
                ])
            return try WAVHeader(contentsOf: temporary).duration
        }
    }

    /// Music: stereo 48 kHz with 50 ms fades at both ends so a loop joins without a click.
    static func music(_ source: URL, to output: URL) async throws -> Double {
        let length = try await MediaProbe.probe(source).duration
        let fadeOut = String(format: "%.3f", max(length - 0.05, 0))
        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                quiet + [
                    "-i", source.path, "-af", "afade=t=in:d=0.05,afade=t=out:st=\(fadeOut):d=0.05", "-ar", "48000",
                    "-ac", "2", "-c:a", "pcm_s16le",
                    "-f", "wav", temporary.path,
                ])
        }
        return try WAVHeader(contentsOf: output).duration
    }

    /// Word timings spread by word length (`SpeechTimings.estimated`), for providers without timestamps.
    static func estimatedTimings(_ text: String, duration: Double) -> SpeechTimings {
        SpeechTimings.estimated(text, duration: duration)
    }

    /// A scratch folder removed by the caller.
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pixora-provider-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
