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

    /// The offline generators: no keys, no network.
    public static let embedded = GeneratorSet(
        planner: RuleBasedPlanner(), image: ProceduralImageGenerator(), video: KenBurnsVideoGenerator(),
        speech: FliteSpeechGenerator(), music: EmbeddedMusicGenerator())
}
