/// Which video generator or model makes a scene's clip, and why it was chosen (shown to the user before paying).
public struct SceneGenerator: Codable, Sendable, Hashable {
    /// A generator id such as `embedded.ken-burns`, or a cloud model id such as `fal-ai/kling-video`.
    public var id: String
    /// One sentence for the user, e.g. "slow push-in mirrors the sample's calm 4 s shots".
    public var reason: String

    public init(id: String, reason: String) {
        self.id = id
        self.reason = reason
    }
}
