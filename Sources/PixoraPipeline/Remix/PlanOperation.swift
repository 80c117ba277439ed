import Foundation
import PixoraCore

/// One typed change of a remix plan, as the chat rules, the language model's tool calls and the API send it:
/// `{"op": "setDuration", "seconds": 30}`. Scenes are named by id; positions count from 0. Applying one checks it
/// against the plan and the project (`apply(to:context:)`); a change that does not fit is refused whole.
public enum PlanOperation: Sendable, Hashable {
    /// The video's length (5…60 s); the scenes keep their proportions, and are split or joined where they must.
    case setDuration(seconds: Double)
    /// The number of scenes at the same length.
    case setSceneCount(Int)
    /// Cuts `factor` times as often (2 = twice as many, shorter scenes; 0.5 = half as many); 0.25…4.
    case scalePacing(factor: Double)
    /// One scene's mood, or every scene's when `sceneId` is nil.
    case setMood(Mood, sceneId: String?)
    case setTone(Tone)
    case setStyle(VisualStyle)
    /// Narration spoken (the plan's script spread over the scenes) or not (every scene silent).
    case setNarration(Bool)
    case setMusic(MusicSource)
    /// New words or a new picture description for one scene; at least one of the two.
    case rewriteScene(id: String, narration: String?, visual: String?)
    /// A new scene after the scene `after` (at the start when nil), `duration` seconds long (nil: the mean).
    case addScene(after: String?, narration: String, visual: String, duration: Double?)
    case removeScene(id: String)
    /// Moves a scene to position `to` (0 = first) of the reordered list.
    case moveScene(id: String, to: Int)
    /// "More like shot 3 of the sample": the shot's length, motion, mood and colours for one scene, or for every
    /// scene when `sceneId` is nil (the scene count then follows the shot's length at the same total).
    case matchSampleShot(sceneId: String?, shot: Int)

    /// Where the music comes from.
    public enum MusicSource: String, NamedChoice {
        case generated, upload, none
    }

    /// The operations by name (the `op` field and the language model's tool names).
    public enum Kind: String, NamedChoice {
        case setDuration, setSceneCount, scalePacing, setMood, setTone, setStyle, setNarration, setMusic
        case rewriteScene, addScene, removeScene, moveScene, matchSampleShot
    }

    /// The encoding's version; a stored operation names it so a later Pixora can read old chat histories.
    public static let currentVersion = 1

    public var kind: Kind {
        switch self {
        case .setDuration: .setDuration
        case .setSceneCount: .setSceneCount
        case .scalePacing: .scalePacing
        case .setMood: .setMood
        case .setTone: .setTone
        case .setStyle: .setStyle
        case .setNarration: .setNarration
        case .setMusic: .setMusic
        case .rewriteScene: .rewriteScene
        case .addScene: .addScene
        case .removeScene: .removeScene
        case .moveScene: .moveScene
        case .matchSampleShot: .matchSampleShot
        }
    }
}

extension PlanOperation: Codable {
    enum CodingKeys: String, CodingKey {
        case op, version, seconds, count, factor, mood, sceneId, tone, style, enabled, source
        case id, narration, visual, after, duration, to, shot
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let version = try c.decodeIfPresent(Int.self, forKey: .version) ?? Self.currentVersion
        guard version == Self.currentVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: c,
                debugDescription: "unsupported operation version \(version); this Pixora reads \(Self.currentVersion)")
        }
        switch try c.decode(Kind.self, forKey: .op) {
        case .setDuration: self = .setDuration(seconds: try c.decode(Double.self, forKey: .seconds))
        case .setSceneCount: self = .setSceneCount(try c.decode(Int.self, forKey: .count))
        case .scalePacing: self = .scalePacing(factor: try c.decode(Double.self, forKey: .factor))
        case .setMood:
            self = .setMood(
                try c.decode(Mood.self, forKey: .mood), sceneId: try c.decodeIfPresent(String.self, forKey: .sceneId))
        case .setTone: self = .setTone(try c.decode(Tone.self, forKey: .tone))
        case .setStyle: self = .setStyle(try c.decode(VisualStyle.self, forKey: .style))
        case .setNarration: self = .setNarration(try c.decode(Bool.self, forKey: .enabled))
        case .setMusic: self = .setMusic(try c.decode(MusicSource.self, forKey: .source))
        case .rewriteScene:
            self = .rewriteScene(
                id: try c.decode(String.self, forKey: .id),
                narration: try c.decodeIfPresent(String.self, forKey: .narration),
                visual: try c.decodeIfPresent(String.self, forKey: .visual))
        case .addScene:
            self = .addScene(
                after: try c.decodeIfPresent(String.self, forKey: .after),
                narration: try c.decodeIfPresent(String.self, forKey: .narration) ?? "",
                visual: try c.decode(String.self, forKey: .visual),
                duration: try c.decodeIfPresent(Double.self, forKey: .duration))
        case .removeScene: self = .removeScene(id: try c.decode(String.self, forKey: .id))
        case .moveScene:
            self = .moveScene(id: try c.decode(String.self, forKey: .id), to: try c.decode(Int.self, forKey: .to))
        case .matchSampleShot:
            self = .matchSampleShot(
                sceneId: try c.decodeIfPresent(String.self, forKey: .sceneId),
                shot: try c.decode(Int.self, forKey: .shot))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .op)
        try c.encode(Self.currentVersion, forKey: .version)
        switch self {
        case .setDuration(let seconds): try c.encode(seconds, forKey: .seconds)
        case .setSceneCount(let count): try c.encode(count, forKey: .count)
        case .scalePacing(let factor): try c.encode(factor, forKey: .factor)
        case .setMood(let mood, let sceneId):
            try c.encode(mood, forKey: .mood)
            try c.encodeIfPresent(sceneId, forKey: .sceneId)
        case .setTone(let tone): try c.encode(tone, forKey: .tone)
        case .setStyle(let style): try c.encode(style, forKey: .style)
        case .setNarration(let enabled): try c.encode(enabled, forKey: .enabled)
        case .setMusic(let source): try c.encode(source, forKey: .source)
        case .rewriteScene(let id, let narration, let visual):
            try c.encode(id, forKey: .id)
            try c.encodeIfPresent(narration, forKey: .narration)
            try c.encodeIfPresent(visual, forKey: .visual)
        case .addScene(let after, let narration, let visual, let duration):
            try c.encodeIfPresent(after, forKey: .after)
            try c.encode(narration, forKey: .narration)
            try c.encode(visual, forKey: .visual)
            try c.encodeIfPresent(duration, forKey: .duration)
        case .removeScene(let id): try c.encode(id, forKey: .id)
        case .moveScene(let id, let to):
            try c.encode(id, forKey: .id)
            try c.encode(to, forKey: .to)
        case .matchSampleShot(let sceneId, let shot):
            try c.encodeIfPresent(sceneId, forKey: .sceneId)
            try c.encode(shot, forKey: .shot)
        }
    }
}

/// Why an operation was refused, in a sentence for the person (and the language model) to act on.
public struct PlanOperationRefused: Error, Sendable, Hashable, CustomStringConvertible {
    public var operation: PlanOperation.Kind
    public var message: String

    public init(_ operation: PlanOperation.Kind, _ message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { message }
}
