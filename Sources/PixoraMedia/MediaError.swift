import PixoraCore

/// Failures of the media layer, each with the message a person needs to fix it.
public enum MediaError: UserFacingError, Equatable {
    case toolMissing(tool: String, package: String)
    case fileMissing(what: String, package: String)
    case toolFailed(tool: String, status: String, lastLines: [String])
    case unreadableOutput(tool: String, detail: String)
    case assetMissing(String)

    public var isUsageError: Bool {
        if case .assetMissing = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .toolMissing(let tool, let package):
            return "'\(tool)' is not installed; install it with: sudo apt-get install \(package)"
        case .fileMissing(let what, let package):
            return "the \(what) is missing; install it with: sudo apt-get install \(package)"
        case .toolFailed(let tool, let status, let lastLines):
            let tail =
                lastLines.isEmpty
                ? "" : "\nlast lines of its output:\n" + lastLines.map { "  \($0)" }.joined(separator: "\n")
            return "\(tool) failed (\(status))\(tail)"
        case .unreadableOutput(let tool, let detail):
            return "could not read what \(tool) produced: \(detail)"
        case .assetMissing(let name):
            return
                "asset \(name) is not in the asset store; regenerate it with `pixora generate` or point --cache at the folder that holds it"
        }
    }
}
