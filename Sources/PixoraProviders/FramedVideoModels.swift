import Foundation
import Logging
import PixoraGenerators

/// The cloud start/end-frame video models by catalogue id, each ready when its provider's key is configured:
/// `FAL_KEY` for the fal.ai models; `OPENAI_API_KEY` (with `OPENAI_BASE_URL`) for Sora.
public enum FramedVideoModels {
    public static let ids = FalFramedVideoGenerator.Model.allCases.map(\.rawValue) + [SoraVideoGenerator.modelID]

    /// The ids whose keys are configured (for `VideoModelCatalogue.available(_:)`).
    public static func configured(_ settings: ProviderSettings) -> Set<String> {
        Set(ids.filter { generator(for: $0, settings: settings) != nil })
    }

    /// The generator of `modelId`; nil when the id is unknown or its key is missing.
    public static func generator(
        for modelId: String, settings: ProviderSettings, logger: Logger = Logger(label: "pixora.providers")
    ) -> (any FramedVideoGenerator)? {
        if let model = FalFramedVideoGenerator.Model(rawValue: modelId) {
            return settings.falQueue(logger: logger).map { FalFramedVideoGenerator(queue: $0, model: model) }
        }
        // A local OpenAI-compatible server (no key) has no Sora.
        if modelId == SoraVideoGenerator.modelID, let endpoint = settings.languageModel, !endpoint.apiKey.isEmpty {
            return SoraVideoGenerator(endpoint: endpoint, policy: settings.policy, logger: logger)
        }
        return nil
    }
}
