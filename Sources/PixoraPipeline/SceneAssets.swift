import PixoraCore
import PixoraGenerators

/// The generated assets of one scene, and the scene's final length.
public struct SceneAssets: Sendable, Equatable {
    public var sceneId: String
    /// nil for a scene without narration.
    public var voice: AssetRef?
    /// The voice's word timings; with an uploaded voice-over, the narration's words spread over the scene.
    public var timings: SpeechTimings
    /// The scene's picture (with the user's character composited when the plan has one).
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

/// The user's music as the bed of the whole video.
public struct MusicBedAssets: Sendable, Equatable {
    /// The uploaded track (`PlanMedia.music`).
    public var upload: AssetRef
    /// What plays: the upload itself when it lasts the video, else the upload looped with crossfades to its length.
    public var track: AssetRef
    public var trackDuration: Double
}

/// The user's own narration: one track that starts with the video.
public struct VoiceOverAssets: Sendable, Equatable {
    public var track: AssetRef
    public var duration: Double
}

/// Everything generated for a plan.
public struct PlanAssets: Sendable, Equatable {
    public var scenes: [SceneAssets]
    /// Generated tracks, one per music group; empty when the plan's uploaded music is the bed.
    public var music: [MusicAssets]
    /// How many assets were made now, and how many were found in the cache.
    public var generated: Int
    public var reused: Int
    /// The uploaded music under the whole video (`PlanMedia.music`, when music is on).
    public var musicBed: MusicBedAssets? = nil
    /// The uploaded narration (`PlanMedia.voiceOver`); scenes then have no synthesized voice.
    public var voiceOver: VoiceOverAssets? = nil
}
