import Foundation
import Logging
import PixoraCore
import PixoraGenerators
import PixoraPipeline

/// Which generator serves each role, from the environment. Today the cloud role is the planner (ScriptWriter +
/// ScenePlanner) on any OpenAI-compatible language model; every other role is embedded.
///
/// - `PIXORA_PLANNER_PROVIDER`: `openai` or `embedded`; by default `openai` when `OPENAI_API_KEY` or
///   `OPENAI_BASE_URL` is set, else `embedded`.
/// - `PIXORA_PROVIDER_FALLBACK=1`: when a provider fails after its retries, the embedded generator does the work
///   (logged as a warning).
public struct ProviderSettings: Sendable {
    public enum Choice: String, Sendable { case openai, embedded }

    public var planner: Choice
    public var languageModel: LanguageModelEndpoint?
    public var fallback: Bool
    public var policy: RetryPolicy

    public static func from(environment: [String: String]) throws -> ProviderSettings {
        let endpoint = LanguageModelEndpoint.from(environment: environment)
        var planner: Choice = endpoint == nil ? .embedded : .openai
        if let text = environment["PIXORA_PLANNER_PROVIDER"], !text.isEmpty {
            guard let choice = Choice(rawValue: text.lowercased()) else {
                throw UsageError("PIXORA_PLANNER_PROVIDER must be openai or embedded, got '\(text)'")
            }
            planner = choice
        }
        if planner == .openai && endpoint == nil {
            throw UsageError("PIXORA_PLANNER_PROVIDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server such as Ollama)")
        }
        let fallback = ["1", "true", "yes"].contains((environment["PIXORA_PROVIDER_FALLBACK"] ?? "").lowercased())
        return ProviderSettings(planner: planner, languageModel: endpoint, fallback: fallback, policy: .from(environment: environment))
    }

    /// The generators for these settings.
    public func generators(logger: Logger) -> GeneratorSet {
        var set = GeneratorSet.embedded
        if planner == .openai, let endpoint = languageModel {
            let cloud = LanguageModelPlanner(client: ChatClient(endpoint: endpoint, policy: policy, logger: logger))
            set.planner = fallback ? FallbackPlanner(primary: cloud, fallback: RuleBasedPlanner(), logger: logger) : cloud
        }
        return set
    }
}

/// Plans with the primary planner; when it fails (after its own retries), with the fallback. Plans are not
/// content-addressed, so a fallback plan never poisons a cache.
public struct FallbackPlanner: ScenePlanner {
    let primary: any ScenePlanner
    let fallback: any ScenePlanner
    let logger: Logger
    public var id: String { primary.id }
    public var version: Int { primary.version }

    public func plan(prompt: String, settings: Settings, script: String?) async throws -> Plan {
        do {
            return try await primary.plan(prompt: prompt, settings: settings, script: script)
        } catch let failure as ProviderFailure {
            logger.warning("planner failed; using the embedded planner", metadata: ["provider": .string(failure.provider), "error": .string(failure.message)])
            return try await fallback.plan(prompt: prompt, settings: settings, script: script)
        }
    }
}
