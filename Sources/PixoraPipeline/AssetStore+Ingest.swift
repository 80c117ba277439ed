import Foundation
import PixoraCore
import PixoraMedia

/// What an uploaded file is for, and so what it must be and what it is normalized to.
public enum UploadRole: String, Codable, Sendable, CaseIterable {
    /// A picture composited into every scene (PNG, JPEG or WebP in; RGBA PNG, long side ≤ 1024, out).
    case character
    /// The music bed (any audio ffmpeg decodes: WAV, MP3, M4A, OGG, FLAC; 48 kHz stereo WAV out).
    case music
    /// The narration (as music).
    case voiceOver

    public var kind: UploadKind { self == .character ? .image : .audio }
}

/// An upload in the asset store, with what the normalization measured.
public struct IngestedUpload: Sendable, Equatable {
    /// The normalized file: `.png` for a character, `.wav` for music and voice-over. Put it in `PlanMedia`.
    public var asset: AssetRef
    /// Pixel size of a picture.
    public var width: Int?
    public var height: Int?
    /// Seconds of a sound, after the cut at `UploadNormalizer.audioLimit`.
    public var duration: Double?
    /// True when a sound was longer than `UploadNormalizer.audioLimit` and was cut there.
    public var shortened: Bool
}

extension AssetStore {
    /// Normalizes a user's file for `role` and stores it content-addressed. The key is the SHA-256 of the
    /// normalized bytes (not of the upload, nor of a generator's inputs): the same picture or sound uploaded twice,
    /// under any name or container, is stored once, and the key changes only when what the pipeline reads does.
    ///
    /// The file's kind is decided by ffprobe from its bytes (`UploadProbe`), never by its name. Throws
    /// `UploadError` for a file of the wrong kind, an unaccepted picture format, one that does not decode, or a
    /// cut-off sound (`isUnsupportedType` tells 415 from 422); `MediaError.toolMissing` when ffmpeg is absent.
    /// Nothing is left behind on failure: the normalized file is written under a temporary name in the store and
    /// renamed into place only when complete.
    public func ingest(upload: URL, as role: UploadRole) async throws -> IngestedUpload {
        let probe = try await UploadProbe.inspect(upload)
        guard probe.kind == role.kind else { throw UploadError.wrongKind(expected: role.kind, found: probe.kind) }
        let ext = role == .character ? "png" : "wav"
        let incoming = folder.root.appendingPathComponent("incoming", isDirectory: true)
        try FileManager.default.createDirectory(at: incoming, withIntermediateDirectories: true)
        let temporary = incoming.appendingPathComponent(".\(UUID().uuidString).partial.\(ext)")
        defer { try? FileManager.default.removeItem(at: temporary) }

        let result =
            role == .character
            ? try await UploadNormalizer.picture(upload, probe: probe, to: temporary)
            : try await UploadNormalizer.sound(upload, probe: probe, to: temporary)
        let asset = AssetRef(key: try ContentKey(contentsOf: temporary), ext: ext)
        let location = folder.location(of: asset)
        if !FileManager.default.fileExists(atPath: location.path) {
            try await AtomicFile.write(to: location) { destination in
                try FileManager.default.moveItem(at: temporary, to: destination)
            }
        }
        try await publish(asset)
        return IngestedUpload(
            asset: asset, width: result.width, height: result.height, duration: result.duration,
            shortened: result.shortened)
    }
}
