import Foundation
import PixoraCore

/// What ffprobe reports about a media file.
public struct MediaInfo: Sendable, Equatable {
    public struct Stream: Sendable, Equatable {
        public var type: String
        public var codec: String
        public var width: Int?
        public var height: Int?
        public var frameRate: Double?
        public var pixelFormat: String?
        public var sampleRate: Int?
        public var channels: Int?
        public var duration: Double?
        public var frames: Int?
    }

    public var duration: Double
    public var formatName: String
    public var streams: [Stream]

    public var video: Stream? { streams.first { $0.type == "video" } }
    public var audio: Stream? { streams.first { $0.type == "audio" } }
}

/// Runs ffprobe and decodes its JSON.
public enum MediaProbe {
    /// Results for files that are never rewritten in place (content-addressed assets), keyed by path and checked
    /// against the file's size and modification time. A render probes every clip; an ffprobe costs about 0.1 s
    /// of start-up, so re-rendering a six-clip video (a saved version) spends that once per process, not each time.
    private static let known = BoundedMemo<String, ProbedFile>(capacity: 4096)

    private struct ProbedFile: Sendable {
        var size: Int
        var modified: Date
        var info: MediaInfo
    }

    /// Forgets every remembered result (the render benchmark measures first renders).
    public static func forgetAssets() { known.forgetAll() }

    /// `probe(url)`, answered from memory when the file is unchanged since it was last probed.
    public static func probeAsset(_ url: URL) async throws -> MediaInfo {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        let size = attributes?[.size] as? Int ?? -1
        let modified = attributes?[.modificationDate] as? Date ?? .distantPast
        if let entry = known.value(for: url.path), entry.size == size, entry.modified == modified { return entry.info }
        let info = try await probe(url)
        known.remember(ProbedFile(size: size, modified: modified, info: info), for: url.path)
        return info
    }

    public static func probe(_ url: URL) async throws -> MediaInfo {
        let output = try await ToolRunner.run(
            .ffprobe,
            [
                "-v", "error", "-print_format", "json", "-show_format", "-show_streams", url.path,
            ])
        guard let json = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any],
            let format = json["format"] as? [String: Any]
        else {
            throw MediaError.unreadableOutput(tool: "ffprobe", detail: "no format section for \(url.lastPathComponent)")
        }
        let streams = (json["streams"] as? [[String: Any]] ?? []).map { stream in
            MediaInfo.Stream(
                type: stream["codec_type"] as? String ?? "",
                codec: stream["codec_name"] as? String ?? "",
                width: stream["width"] as? Int,
                height: stream["height"] as? Int,
                frameRate: (stream["r_frame_rate"] as? String).flatMap(rational),
                pixelFormat: stream["pix_fmt"] as? String,
                sampleRate: (stream["sample_rate"] as? String).flatMap { Int($0) },
                channels: stream["channels"] as? Int,
                duration: (stream["duration"] as? String).flatMap { Double($0) },
                frames: (stream["nb_frames"] as? String).flatMap { Int($0) })
        }
        return MediaInfo(
            duration: (format["duration"] as? String).flatMap { Double($0) } ?? 0,
            formatName: format["format_name"] as? String ?? "", streams: streams)
    }

    static func rational(_ text: String) -> Double? {
        let parts = text.split(separator: "/").compactMap { Double($0) }
        guard parts.count == 2, parts[1] != 0 else { return Double(text) }
        return parts[0] / parts[1]
    }
}
