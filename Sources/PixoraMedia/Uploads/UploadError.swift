import PixoraCore

/// Why an uploaded file was refused; every case is the user's file's fault (HTTP 415 or 422, exit code 2).
public enum UploadError: UserFacingError, Equatable {
    /// ffprobe reads it as something else than what this use needs (`found` is `unknown` for non-media).
    case wrongKind(expected: UploadKind, found: UploadKind)
    /// The right kind in a format this use does not take.
    case unsupportedFormat(codec: String, accepted: [String])
    /// ffmpeg could not decode it; `detail` is ffmpeg's last words (the file's name never reaches ffmpeg).
    case undecodable(detail: String)
    /// Its header promises `declared` seconds but only `decoded` could be read: a cut-off upload.
    case truncated(declared: Double, decoded: Double)
    /// It decodes to nothing (no picture, or no sound).
    case empty(UploadKind)

    public var isUsageError: Bool { true }

    /// True when the file is not the kind of media asked for (HTTP 415); the other cases are 422.
    public var isUnsupportedType: Bool {
        switch self {
        case .wrongKind, .unsupportedFormat: return true
        case .undecodable, .truncated, .empty: return false
        }
    }

    public var description: String {
        switch self {
        case .wrongKind(let expected, .unknown):
            return "the file is not a readable \(expected.rawValue) file"
        case .wrongKind(let expected, let found):
            let wanted = "\(article(expected)) \(expected.rawValue) file"
            return "the file is \(article(found)) \(found.rawValue) file, not \(wanted)"
        case .unsupportedFormat(let codec, let accepted):
            return "the \(codec) format is not accepted here; use one of: \(accepted.joined(separator: ", "))"
        case .undecodable(let detail):
            return "the file could not be decoded" + (detail.isEmpty ? "" : ": \(detail)")
        case .truncated(let declared, let decoded):
            return
                "the file is cut off: it declares \(declared.formatted) s but only \(decoded.formatted) s could be read"
        case .empty(let kind):
            return "the file holds no \(kind == .image ? "picture" : "sound")"
        }
    }

    private func article(_ kind: UploadKind) -> String { kind == .image || kind == .audio ? "an" : "a" }
}
