import Foundation

/// Turns a user's file into the one format the pipeline reads for its role, with ffmpeg:
/// a picture into an RGBA PNG no larger than `longSide` (alpha kept), a sound into 48 kHz stereo 16-bit WAV no
/// longer than `audioLimit`. Bit-exact flags leave encoder names and dates out, so the same upload normalizes to the
/// same bytes (its content key) every time on the same ffmpeg.
public enum UploadNormalizer {
    /// Bumped whenever the output for the same upload changes.
    public static let version = 1
    public static let longSide = 1024
    /// Ten minutes: far more than a video may last, and a bound on the decoded size (about 110 MB).
    public static let audioLimit = 600.0
    public static let pictureCodecs = ["png", "mjpeg", "webp"]

    /// What came out: the picture's size, or the sound's length and whether it was cut at `audioLimit`.
    public struct Result: Sendable, Equatable {
        public var width: Int?
        public var height: Int?
        public var duration: Double?
        public var shortened: Bool
    }

    /// Normalizes the picture `input` (already classified as an image) to the PNG `output`.
    public static func picture(_ input: URL, probe: UploadProbe, to output: URL) async throws -> Result {
        guard let codec = probe.codec, pictureCodecs.contains(codec) else {
            throw UploadError.unsupportedFormat(codec: probe.codec ?? "unknown", accepted: ["PNG", "JPEG", "WebP"])
        }
        let side = longSide
        try await decode(input) { source in
            [
                "-i", source.path, "-map", "0:v:0", "-frames:v", "1",
                "-vf",
                "scale=w='min(\(side),iw)':h='min(\(side),ih)':force_original_aspect_ratio=decrease:flags=lanczos,"
                    + "format=rgba",
                "-c:v", "png", "-f", "image2", "-update", "1",
            ] + bitExact + [output.path]
        }
        guard FileManager.default.fileExists(atPath: output.path),
            let written = try? await MediaProbe.probe(output).video, let width = written.width,
            let height = written.height, width > 0, height > 0
        else { throw UploadError.empty(.image) }
        return Result(width: width, height: height, duration: nil, shortened: false)
    }

    /// Normalizes the sound `input` (already classified as audio) to the WAV `output`.
    public static func sound(_ input: URL, probe: UploadProbe, to output: URL) async throws -> Result {
        try await decode(input) { source in
            [
                "-i", source.path, "-map", "0:a:0", "-vn", "-t", "\(audioLimit)", "-ac", "2", "-ar", "48000",
                "-c:a", "pcm_s16le", "-f", "wav",
            ] + bitExact + [output.path]
        }
        let decoded = (try? WAVHeader(contentsOf: output).duration) ?? 0
        guard decoded >= 0.05 else { throw UploadError.empty(.audio) }
        // A cut-off MP3 decodes without an error up to where it stops; its header still promises the whole length.
        let declared = probe.info?.duration ?? 0
        let expected = min(declared, audioLimit)
        if declared > 0 && decoded < expected - max(0.5, expected * 0.05) {
            throw UploadError.truncated(declared: rounded(declared), decoded: rounded(decoded))
        }
        return Result(width: nil, height: nil, duration: decoded, shortened: declared > audioLimit + 0.05)
    }

    /// Runs ffmpeg on an extension-less link to `input`; a decoding failure becomes `UploadError.undecodable`.
    private static func decode(_ input: URL, arguments: (URL) -> [String]) async throws {
        do {
            try await NeutralName.withLink(to: input) { source in
                try await ToolRunner.run(
                    .ffmpeg,
                    ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"] + arguments(source))
            }
        } catch MediaError.toolFailed(_, _, let lines) {
            throw UploadError.undecodable(detail: lines.last ?? "")
        }
    }

    /// No encoder name, date or stream metadata in the output: the same upload gives the same bytes.
    private static let bitExact = ["-map_metadata", "-1", "-fflags", "+bitexact", "-flags", "+bitexact"]

    private static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
