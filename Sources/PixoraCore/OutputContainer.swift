/// The file a render writes: MP4 (H.264 + AAC) plays everywhere; WebM (VP9 + Opus) is the open-codec choice of
/// the studio's export step.
public enum OutputContainer: String, NamedChoice {
    case mp4, webm

    public var fileExtension: String { rawValue }

    public var mimeType: String {
        switch self {
        case .mp4: "video/mp4"
        case .webm: "video/webm"
        }
    }
}
