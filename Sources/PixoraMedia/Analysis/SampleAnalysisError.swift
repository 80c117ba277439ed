import PixoraCore

/// Why a file cannot be analysed; both are the caller's input, so usage errors (exit 2, HTTP 4xx).
public enum SampleAnalysisError: UserFacingError, Equatable {
    case missing(path: String)
    case notAVideo(path: String, reason: String)

    public var isUsageError: Bool { true }

    public var description: String {
        switch self {
        case .missing(let path): return "the video \(path) does not exist"
        case .notAVideo(let path, let reason): return "\(path) is not a video: \(reason)"
        }
    }
}
