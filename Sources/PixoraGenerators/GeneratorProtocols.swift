import Foundation
import PixoraCore
import PixoraMedia

/// Identity of a generator implementation; part of every content key it produces.
public protocol Generator: Sendable {
    /// Stable id, e.g. `embedded.procedural-svg`.
    var id: String { get }
    /// Bumped whenever the output for the same inputs changes, so old cache entries are not reused.
    var version: Int { get }
}

/// Writes the script and splits it into scenes: prompt + settings → Plan.
public protocol ScenePlanner: Generator {
    /// `script` is the user's own narration when given; the planner then only splits and stages it.
    func plan(prompt: String, settings: Settings, script: String?) async throws -> Plan
}

/// Chooses the transition at each cut of a plan.
public protocol TransitionPlanner: Generator {
    /// One transition per cut (`scenes.count - 1`).
    func transitions(for scenes: [PlanScene], settings: Settings) -> [Transition]
}

/// What a scene's picture is made from.
public struct ImageRequest: Codable, Sendable, Hashable {
    public var visual: String
    public var keyPhrase: String
    public var mood: Mood
    public var style: VisualStyle
    public var width: Int
    public var height: Int
    public var seed: UInt64
    /// The project's hero look; its palette, style, mood and subject replace the scene's own. Nil (left out of
    /// the encoded request, so content keys of pictures without one stay as they were) for plain videos.
    public var look: HeroLook?
    /// Which end of the scene's clip the picture shows; nil is a single picture, drawn like `.start`.
    public var frame: FrameMoment?

    public init(
        visual: String, keyPhrase: String, mood: Mood, style: VisualStyle, width: Int, height: Int, seed: UInt64,
        look: HeroLook? = nil, frame: FrameMoment? = nil
    ) {
        self.visual = visual
        self.keyPhrase = keyPhrase
        self.mood = mood
        self.style = style
        self.width = width
        self.height = height
        self.seed = seed
        self.look = look
        self.frame = frame
    }
}

/// Scene visual description → a PNG at the canvas size.
public protocol ImageGenerator: Generator {
    func makeImage(_ request: ImageRequest, to output: URL) async throws
}

/// What a scene's moving clip is made from (the picture is passed as a file).
public struct ClipRequest: Codable, Sendable, Hashable {
    /// Content key of the picture the clip animates.
    public var image: ContentKey
    public var width: Int
    public var height: Int
    public var fps: Int
    public var duration: Double
    public var motion: CameraMotion

    public init(image: ContentKey, width: Int, height: Int, fps: Int, duration: Double, motion: CameraMotion) {
        self.image = image
        self.width = width
        self.height = height
        self.fps = fps
        self.duration = duration
        self.motion = motion
    }
}

/// Picture → an H.264 MP4 clip of exactly `duration` seconds at the canvas size and fps, no audio.
public protocol VideoGenerator: Generator {
    func makeClip(_ request: ClipRequest, image: URL, to output: URL) async throws
    /// Makes the clip and, when the generator can, measures its frames as they are encoded (`ClipFrames`), so the
    /// quality check need not decode the file again; nil when it cannot (a downloaded clip).
    func makeMeasuredClip(_ request: ClipRequest, image: URL, to output: URL) async throws -> ClipFrames?
}

extension VideoGenerator {
    public func makeMeasuredClip(_ request: ClipRequest, image: URL, to output: URL) async throws -> ClipFrames? {
        try await makeClip(request, image: image, to: output)
        return nil
    }
}

/// What is spoken and how.
public struct SpeechRequest: Codable, Sendable, Hashable {
    public var text: String
    public var voice: Voice
    public var rate: Double
    /// The engine and its version when that is not implied by the generator's id (a Piper voice: "embedded.piper@1
    /// piper-tts 1.8.0"), so the asset key changes with them. Nil (left out of the encoded request, so flite's
    /// keys stay as they were) otherwise.
    public var engine: String?

    public init(text: String, voice: Voice, rate: Double, engine: String? = nil) {
        self.text = text
        self.voice = voice
        self.rate = rate
        self.engine = engine
    }
}

/// When one spoken word starts and ends, in seconds from the start of its WAV.
public struct WordTiming: Codable, Sendable, Hashable {
    public var word: String
    public var start: Double
    public var end: Double

    public init(word: String, start: Double, end: Double) {
        self.word = word
        self.start = start
        self.end = end
    }
}

/// A synthesized narration's length and word timings (stored beside the WAV).
public struct SpeechTimings: Codable, Sendable, Hashable {
    public var duration: Double
    public var words: [WordTiming]

    public init(duration: Double, words: [WordTiming]) {
        self.duration = duration
        self.words = words
    }
}

/// Narration → WAV + word timings.
public protocol SpeechGenerator: Generator {
    func makeSpeech(_ request: SpeechRequest, to output: URL) async throws -> SpeechTimings
    /// The request as this generator will carry it out (the voice that will really speak, the engine's identity);
    /// the pipeline keys the asset by it. The request itself unless a generator chooses among engines.
    func resolved(_ request: SpeechRequest) -> SpeechRequest
}

extension SpeechGenerator {
    public func resolved(_ request: SpeechRequest) -> SpeechRequest { request }
}

/// What a music track is made from.
public struct MusicRequest: Codable, Sendable, Hashable {
    public var mood: Mood
    /// The track lasts at least this long (seconds); it is composed as whole bars that loop cleanly.
    public var minimumDuration: Double
    public var seed: UInt64

    public init(mood: Mood, minimumDuration: Double, seed: UInt64) {
        self.mood = mood
        self.minimumDuration = minimumDuration
        self.seed = seed
    }
}

/// Mood + length → a stereo 48 kHz WAV that loops seamlessly.
public protocol MusicGenerator: Generator {
    /// Returns the track's exact length in seconds.
    func makeMusic(_ request: MusicRequest, to output: URL) async throws -> Double
}
