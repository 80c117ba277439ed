/// What each step made. A step's output stays when a later rerun replaces it only after that rerun succeeds, so a
/// failed or stale step still shows what it had.
public struct StudioOutputs: Codable, Sendable, Hashable {
    public var idea: IdeaOutput?
    public var storyboard: StoryboardOutput?
    public var hero: HeroOutput?
    public var frames: FramesOutput?
    public var clips: ClipsOutput?
    public var audio: AudioOutput?
    public var edit: EditOutput?
    public var export: ExportOutput?

    public init() {}

    /// A hash of one step's output (its canonical JSON), to tell whether a rerun or an approval changed it.
    public func digest(of step: StudioStep) -> String {
        func text(_ value: (some Encodable)?) -> String {
            guard let value, let key = try? ContentKey(generator: "studio.\(step.rawValue)", version: 1, inputs: value)
            else { return "" }
            return key.hex
        }
        switch step {
        case .idea: return text(idea)
        case .storyboard: return text(storyboard)
        case .hero: return text(hero)
        case .frames: return text(frames)
        case .clips: return text(clips)
        case .audio: return text(audio)
        case .edit: return text(edit)
        case .export: return text(export)
        }
    }

    /// Every stored file the outputs point at: the only assets a project's owner may fetch through it.
    public var assets: Set<AssetRef> {
        var refs: Set<AssetRef> = []
        hero?.candidates.forEach { refs.insert($0.image) }
        frames?.scenes.forEach {
            refs.insert($0.startFrame)
            refs.insert($0.endFrame)
        }
        clips?.scenes.forEach { refs.insert($0.clip) }
        storyboard?.voices.forEach { if let voice = $0.voice { refs.insert(voice) } }
        audio?.effects.forEach { refs.insert($0.asset) }
        audio?.music.forEach { refs.insert($0.track) }
        return refs
    }

    /// The word timings stored beside the storyboard's voices (read by later steps, never served).
    public var voiceTimings: Set<AssetRef> { Set(storyboard?.voices.compactMap(\.timings) ?? []) }
}

/// Three concepts; the chosen one (possibly edited) drives the rest.
public struct IdeaOutput: Codable, Sendable, Hashable {
    public var concepts: [StoryConcept]
    public var chosen: Int
    /// The chosen concept as approved, with the person's edits.
    public var concept: StoryConcept

    public init(concepts: [StoryConcept], chosen: Int, concept: StoryConcept) {
        self.concepts = concepts
        self.chosen = chosen
        self.concept = concept
    }
}

/// The script and scenes, with each scene's narration spoken once so its length is known.
public struct StoryboardOutput: Codable, Sendable, Hashable {
    public var plan: Plan
    public var voices: [SceneVoice]

    public init(plan: Plan, voices: [SceneVoice]) {
        self.plan = plan
        self.voices = voices
    }

    /// Scene lengths as the narration needs them (the plan's, or longer).
    public var durations: [String: Double] {
        Dictionary(voices.map { ($0.sceneId, $0.duration) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A scene's spoken narration.
public struct SceneVoice: Codable, Sendable, Hashable {
    public var sceneId: String
    /// nil when the scene has no narration.
    public var voice: AssetRef?
    /// The word timings stored beside the voice.
    public var timings: AssetRef?
    public var speechSeconds: Double
    /// The scene's length once its narration fits.
    public var duration: Double

    public init(sceneId: String, voice: AssetRef?, timings: AssetRef?, speechSeconds: Double, duration: Double) {
        self.sceneId = sceneId
        self.voice = voice
        self.timings = timings
        self.speechSeconds = speechSeconds
        self.duration = duration
    }
}

/// Candidate key visuals; the chosen look fixes every later picture.
public struct HeroOutput: Codable, Sendable, Hashable {
    public var candidates: [HeroCandidate]
    public var chosen: Int

    public init(candidates: [HeroCandidate], chosen: Int) {
        self.candidates = candidates
        self.chosen = chosen
    }

    public var look: HeroLook? { candidates.indices.contains(chosen) ? candidates[chosen].look : nil }
}

public struct HeroCandidate: Codable, Sendable, Hashable {
    public var look: HeroLook
    public var image: AssetRef

    public init(look: HeroLook, image: AssetRef) {
        self.look = look
        self.image = image
    }
}

public struct FramesOutput: Codable, Sendable, Hashable {
    public var scenes: [SceneFrames]

    public init(scenes: [SceneFrames]) { self.scenes = scenes }
}

/// A scene's first and last picture; the variations count the person's "try again"s of each.
public struct SceneFrames: Codable, Sendable, Hashable {
    public var sceneId: String
    public var startFrame: AssetRef
    public var endFrame: AssetRef
    public var startVariation: Int
    public var endVariation: Int

    public init(sceneId: String, startFrame: AssetRef, endFrame: AssetRef, startVariation: Int, endVariation: Int) {
        self.sceneId = sceneId
        self.startFrame = startFrame
        self.endFrame = endFrame
        self.startVariation = startVariation
        self.endVariation = endVariation
    }
}

public struct ClipsOutput: Codable, Sendable, Hashable {
    public var scenes: [SceneClip]

    public init(scenes: [SceneClip]) { self.scenes = scenes }
}

/// A scene's clip, the model that made it and what that model could not honour.
public struct SceneClip: Codable, Sendable, Hashable {
    public var sceneId: String
    public var route: ClipRoute
    /// The model that actually made the clip (a fallback when the routed one failed).
    public var model: String
    public var clip: AssetRef
    public var duration: Double

    public init(sceneId: String, route: ClipRoute, model: String, clip: AssetRef, duration: Double) {
        self.sceneId = sceneId
        self.route = route
        self.model = model
        self.clip = clip
        self.duration = duration
    }
}

public struct AudioOutput: Codable, Sendable, Hashable {
    public var effects: [SceneEffect]
    /// One track per music group; empty when music is off.
    public var music: [StudioMusicTrack]

    public init(effects: [SceneEffect], music: [StudioMusicTrack]) {
        self.effects = effects
        self.music = music
    }
}

/// A sound effect under one scene, from the person's description.
public struct SceneEffect: Codable, Sendable, Hashable {
    public var sceneId: String
    public var description: String
    public var asset: AssetRef
    public var duration: Double
    public var volume: Double

    public init(sceneId: String, description: String, asset: AssetRef, duration: Double, volume: Double) {
        self.sceneId = sceneId
        self.description = description
        self.asset = asset
        self.duration = duration
        self.volume = volume
    }
}

public struct StudioMusicTrack: Codable, Sendable, Hashable {
    public var group: Int
    public var mood: Mood
    public var track: AssetRef
    public var duration: Double

    public init(group: Int, mood: Mood, track: AssetRef, duration: Double) {
        self.group = group
        self.mood = mood
        self.track = track
        self.duration = duration
    }
}

/// The project's timeline as the editor left it.
public struct EditOutput: Codable, Sendable, Hashable {
    public var editorState: EditorState
    /// Edits saved since the timeline was assembled.
    public var revision: Int

    public init(editorState: EditorState, revision: Int) {
        self.editorState = editorState
        self.revision = revision
    }
}

/// The finished file, kept under the project's media keys.
public struct ExportOutput: Codable, Sendable, Hashable {
    public var format: OutputContainer
    public var quality: Quality
    public var file: String
    public var thumbnail: String
    public var bytes: Int
    public var duration: Double
    public var width: Int
    public var height: Int

    public init(
        format: OutputContainer, quality: Quality, file: String, thumbnail: String, bytes: Int, duration: Double,
        width: Int, height: Int
    ) {
        self.format = format
        self.quality = quality
        self.file = file
        self.thumbnail = thumbnail
        self.bytes = bytes
        self.duration = duration
        self.width = width
        self.height = height
    }
}
