import Foundation

/// What an uploaded file really is, decided by ffprobe from its bytes: never from its name, extension or the
/// type the client declared (a text file named `.png` is `unknown`, a WAV named `.mp4` is `audio`).
public enum UploadKind: String, Codable, Sendable, CaseIterable {
    /// Moving pictures with a length (MP4, MOV, WebM, MKV, …); audio may come with it.
    case video
    /// One still picture (PNG, JPEG, WebP, …).
    case image
    /// Sound without moving pictures (WAV, MP3, M4A, OGG, FLAC, …; cover art does not make it a video).
    case audio
    /// Anything ffprobe cannot read as media.
    case unknown
}

/// The kind of an uploaded file with the facts that decided it.
public struct UploadProbe: Sendable, Equatable {
    public var kind: UploadKind
    /// The codec of the stream that decided the kind (`png`, `mjpeg`, `webp`, `h264`, `mp3`, …); nil when unknown.
    public var codec: String?
    /// What ffprobe reported; nil when it could not read the file.
    public var info: MediaInfo?

    /// Codecs of still pictures: as a file's only picture they make an image; inside an audio container they are
    /// cover art, not video.
    public static let stillCodecs: Set<String> = ["png", "mjpeg", "webp", "bmp", "tiff", "gif", "jpeg2000"]

    public init(kind: UploadKind, codec: String?, info: MediaInfo?) {
        self.kind = kind
        self.codec = codec
        self.info = info
    }

    /// Probes `file` and says what it is. Throws only when ffprobe itself is missing; a file it cannot read is
    /// `unknown`. Call it on every upload before trusting it (the API does, for the sample video and the extras).
    public static func inspect(_ file: URL) async throws -> UploadProbe {
        let info: MediaInfo
        do {
            info = try await NeutralName.withLink(to: file) { try await MediaProbe.probe($0) }
        } catch let error as MediaError {
            if case .toolMissing = error { throw error }
            return UploadProbe(kind: .unknown, codec: nil, info: nil)
        }
        return classify(info)
    }

    /// The kind of a probed file (pure, so the rules are testable without files).
    public static func classify(_ info: MediaInfo) -> UploadProbe {
        let pictures = info.streams.filter { $0.type == "video" && ($0.width ?? 0) > 0 && ($0.height ?? 0) > 0 }
        // Image demuxers are named `<codec>_pipe` (png_pipe, jpeg_pipe, webp_pipe); `image2` is chosen by a file
        // name, which NeutralName removes, and `tty` reads any text as an "ANSI art" video.
        let imageFormat = info.formatName.hasSuffix("_pipe") || info.formatName == "gif"
        if imageFormat, let picture = pictures.first, stillCodecs.contains(picture.codec) {
            return UploadProbe(kind: .image, codec: picture.codec, info: info)
        }
        let moving = pictures.filter { !stillCodecs.contains($0.codec) || ($0.frames ?? 0) > 1 }
        if info.formatName != "tty", let video = moving.first, info.duration > 0, video.codec != "ansi" {
            return UploadProbe(kind: .video, codec: video.codec, info: info)
        }
        if info.formatName != "tty", let audio = info.audio, (audio.channels ?? 0) > 0 {
            return UploadProbe(kind: .audio, codec: audio.codec, info: info)
        }
        return UploadProbe(kind: .unknown, codec: nil, info: info)
    }
}
