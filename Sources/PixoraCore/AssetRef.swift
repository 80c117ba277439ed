/// A reference to a content-addressed asset file: `<64 hex digits>.<extension>`.
/// Never a path, so a document cannot point the renderer outside the asset store.
public struct AssetRef: Codable, Sendable, Hashable, CustomStringConvertible {
    public static let extensions: Set<String> = ["png", "mp4", "wav", "json", "mid", "cube"]

    public let key: ContentKey
    public let ext: String

    public init(key: ContentKey, ext: String) {
        self.key = key
        self.ext = ext
    }

    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let key = ContentKey(hex: String(parts[0])), Self.extensions.contains(String(parts[1]))
        else {
            return nil
        }
        self.init(key: key, ext: String(parts[1]))
    }

    public var fileName: String { "\(key.hex).\(ext)" }
    public var description: String { fileName }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let ref = AssetRef(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription:
                    "'\(text)' is not an asset reference (64 lowercase hex digits, a dot, and one of: \(Self.extensions.sorted().joined(separator: ", ")))"
            )
        }
        self = ref
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(fileName)
    }
}
