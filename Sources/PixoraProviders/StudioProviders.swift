import Logging
import PixoraCore
import PixoraGenerators
import PixoraPipeline

extension ProviderSettings {
    /// The guided studio's generators as configured: concepts from the language model when the planner uses it
    /// (the model's answer falls back to the rules), sound effects from ElevenLabs when its key is set, and every
    /// cloud clip model whose key is set, marked available in the catalogue beside the embedded morph.
    public func studioGenerators(logger: Logger) -> StudioGenerators {
        var concepts: any ConceptWriter = RuleBasedConceptWriter()
        if planner == .openai, let endpoint = languageModel {
            concepts = LanguageModelConceptWriter(
                client: ChatClient(endpoint: endpoint, policy: policy, logger: logger), logger: logger)
        }
        let configured = FramedVideoModels.configured(self)
        var clipModels: [String: any FramedVideoGenerator] = [MorphVideoGenerator().id: MorphVideoGenerator()]
        for id in configured {
            if let generator = FramedVideoModels.generator(for: id, settings: self, logger: logger) {
                clipModels[id] = generator
            }
        }
        return StudioGenerators(
            concepts: concepts, effects: soundEffectGenerator(logger: logger),
            catalogue: .available(Set(clipModels.keys)), clipModels: clipModels)
    }
}
