import PixoraCore
import PixoraGenerators

/// The generator chosen for each role.
public struct GeneratorSet: Sendable {
    public var planner: any ScenePlanner
    public var image: any ImageGenerator
    public var video: any VideoGenerator
    public var speech: any SpeechGenerator
    public var music: any MusicGenerator

    public init(
        planner: any ScenePlanner, image: any ImageGenerator, video: any VideoGenerator, speech: any SpeechGenerator,
        music: any MusicGenerator
    ) {
        self.planner = planner
        self.image = image
        self.video = video
        self.speech = speech
        self.music = music
    }

    /// The offline generators: no keys, no network. Speech is Piper's for Piper voices when it is installed (looked
    /// up once, here), flite's otherwise.
    public static let embedded = GeneratorSet(
        planner: RuleBasedPlanner(), image: ProceduralImageGenerator(), video: KenBurnsVideoGenerator(),
        speech: EmbeddedSpeechGenerator(), music: EmbeddedMusicGenerator())

    /// The voice of a video whose settings name none, for the CLI and the API: Piper's joe where Piper is
    /// installed, flite's slt otherwise.
    public static var defaultVoice: Voice {
        (embedded.speech as? EmbeddedSpeechGenerator)?.preferredDefault ?? .slt
    }
}
