/// What a scene's clip needs from a video model.
public struct SceneClipNeeds: Codable, Sendable, Hashable {
    public var sceneId: String
    public var duration: Double
    /// The clip must end on the scene's end frame.
    public var endFrame: Bool
    public var aspectRatio: AspectRatio
    /// The model the user chose for this scene, if any.
    public var modelOverride: String?

    public init(
        sceneId: String, duration: Double, endFrame: Bool, aspectRatio: AspectRatio, modelOverride: String? = nil
    ) {
        self.sceneId = sceneId
        self.duration = duration
        self.endFrame = endFrame
        self.aspectRatio = aspectRatio
        self.modelOverride = modelOverride
    }
}

/// The model a scene's clip is made on, what to try if it fails, the price, and what it cannot honour.
public struct ClipRoute: Codable, Sendable, Hashable {
    public var sceneId: String
    public var model: String
    /// Models to try in order when `model` fails, ending with the embedded model.
    public var fallbacks: [String]
    /// The length the model will actually make (seconds).
    public var clipLength: Double
    public var credits: Int
    /// What the model cannot honour, in sentences for the estimate; empty when it honours everything.
    public var caveats: [String]

    public init(
        sceneId: String, model: String, fallbacks: [String], clipLength: Double, credits: Int, caveats: [String]
    ) {
        self.sceneId = sceneId
        self.model = model
        self.fallbacks = fallbacks
        self.clipLength = clipLength
        self.credits = credits
        self.caveats = caveats
    }
}
