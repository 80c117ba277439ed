import Foundation
import PixoraMedia

/// Small sample videos made by ffmpeg (and flite) for the analyzer's tests: 320×180 at 25 fps, a few seconds each.
struct SampleFixtures {
    static let fps = 25.0
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-samples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// Runs ffmpeg with `arguments` writing `name`, and returns its URL.
    @discardableResult
    func ffmpeg(_ name: String, _ arguments: [String]) async throws -> URL {
        let output = url(name)
        try await ToolRunner.run(
            .ffmpeg, ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"] + arguments + [output.path])
        return output
    }

    static let encode = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-r", "25"]

    /// One lavfi source per entry, each `seconds` long, joined by hard cuts (a concat, no audio).
    func cuts(_ parts: [(source: String, seconds: Double)]) async throws -> URL {
        var arguments: [String] = []
        for part in parts {
            arguments += ["-t", "\(part.seconds)", "-f", "lavfi", "-i", "\(part.source)=s=320x180:r=25"]
        }
        let labels = parts.indices.map { "[\($0):v]setsar=1,format=yuv420p[v\($0)]" }.joined(separator: ";")
        let inputs = parts.indices.map { "[v\($0)]" }.joined()
        return try await ffmpeg(
            "cuts.mp4",
            arguments + ["-filter_complex", "\(labels);\(inputs)concat=n=\(parts.count):v=1:a=0[out]", "-map", "[out]"]
                + Self.encode)
    }

    /// Two sources joined by an `xfade` of `transition` (fade, fadeblack, …) lasting `duration` from `offset`.
    func crossfade(_ transition: String, offset: Double, duration: Double, total: Double) async throws -> URL {
        let each = offset + duration + 0.5
        return try await ffmpeg(
            "xfade-\(transition).mp4",
            [
                "-f", "lavfi", "-i", "testsrc=s=320x180:r=25:d=\(each)", "-f", "lavfi", "-i",
                "smptebars=s=320x180:r=25:d=\(total)", "-filter_complex",
                "[0:v]format=yuv420p,setsar=1[a];[1:v]format=yuv420p,setsar=1[b];"
                    + "[a][b]xfade=transition=\(transition):duration=\(duration):offset=\(offset),trim=0:\(total)[out]",
                "-map", "[out]",
            ] + Self.encode)
    }

    /// A single video stream from a filter chain over a lavfi source.
    func picture(_ name: String, source: String, filter: String? = nil, seconds: Double) async throws -> URL {
        try await ffmpeg(
            name, ["-f", "lavfi", "-i", source, "-t", "\(seconds)"] + (filter.map { ["-vf", $0] } ?? []) + Self.encode)
    }

    /// A plain grey picture with the given sound (an audio file or a lavfi source, or what `audioOutput` names).
    func withSound(_ name: String, audio: [String], audioOutput: String = "1:a", seconds: Double) async throws -> URL {
        try await ffmpeg(
            name,
            ["-f", "lavfi", "-i", "color=c=0x406080:s=320x180:r=25:d=\(seconds)"] + audio + [
                "-t", "\(seconds)", "-map", "0:v", "-map", audioOutput,
            ] + Self.encode + ["-c:a", "aac", "-b:a", "96k"])
    }

    /// A picture file as 96×96 grey pixels, comparable with `MediaCheck.thumbnailPixels` of a video frame.
    func greyPixels(of picture: URL) async throws -> [UInt8] {
        let output = try await ffmpeg(
            "\(picture.lastPathComponent).gray",
            ["-i", picture.path, "-vf", "scale=96:96,format=gray", "-f", "rawvideo"])
        return [UInt8](try Data(contentsOf: output))
    }

    /// Speech by flite (the project's speech synthesizer), as a WAV.
    func speech(_ text: String) async throws -> URL {
        let output = url("speech.wav")
        try await ToolRunner.run(.flite, ["-voice", "slt", "-t", text, "-o", output.path])
        return output
    }
}
