import PixoraCore
import PixoraGenerators

/// The generators the guided studio adds to a `GeneratorSet`: concepts, sound effects, and a clip model per
/// catalogue entry that is available here.
public struct StudioGenerators: Sendable {
    public var concepts: any ConceptWriter
    public var effects: any SoundEffectGenerator
    public var catalogue: VideoModelCatalogue
    /// By `VideoModel.id`; the embedded model is always present.
    public var clipModels: [String: any FramedVideoGenerator]

    public init(
        concepts: any ConceptWriter, effects: any SoundEffectGenerator, catalogue: VideoModelCatalogue,
        clipModels: [String: any FramedVideoGenerator]
    ) {
        self.concepts = concepts
        self.effects = effects
        self.catalogue = catalogue
        self.clipModels = clipModels
    }

    /// Everything offline.
    public static var embedded: StudioGenerators {
        StudioGenerators(
            concepts: RuleBasedConceptWriter(), effects: EmbeddedSoundEffectGenerator(), catalogue: .embedded,
            clipModels: [MorphVideoGenerator().id: MorphVideoGenerator()])
    }
}
