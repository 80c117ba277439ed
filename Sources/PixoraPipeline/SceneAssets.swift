import PixoraCore
import PixoraGenerators

/// The generated assets of one scene, and the scene's final length.
public struct SceneAssets: Sendable, Equatable {
    public var sceneId: String
    /// nil for a scene without narration.
    public var voice: AssetRef?
    public var timings: SpeechTimings
    public var image: AssetRef
    public var clip: AssetRef
    /// The plan's duration, lengthened when the spoken narration needs more.
    public var duration: Double
}

/// One music track and the scenes it plays under.
public struct MusicAssets: Sendable, Equatable {
    public var group: Int
    public var mood: Mood
    public var track: AssetRef
    public var trackDuration: Double
}

/// Everything generated for a plan.
public struct PlanAssets: Sendable, Equatable {
    public var scenes: [SceneAssets]
    public var music: [MusicAssets]
    /// How many assets were made now, and how many were found in the cache.
    public var generated: Int
    public var reused: Int
}
