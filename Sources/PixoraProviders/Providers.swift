import Foundation
import Logging
import PixoraCore
import PixoraGenerators
import PixoraMedia
import PixoraPipeline

/// Which generator serves each role, read from the environment. A role uses a cloud provider when its key is set
/// (or when chosen explicitly), the embedded generator otherwise.
///
/// | role | variable | choices | default |
/// |---|---|---|---|
/// | planner (script + scenes + transitions) | `PIXORA_PLANNER_PROVIDER` | openai, embedded | openai with `OPENAI_API_KEY`/`OPENAI_BASE_URL` |
/// | image | `PIXORA_IMAGE_PROVIDER` | fal, embedded | fal with `FAL_KEY` |
/// | video | `PIXORA_VIDEO_PROVIDER` | fal, embedded | fal with `FAL_KEY` |
/// | speech | `PIXORA_SPEECH_PROVIDER` | elevenlabs, openai, fal, embedded | elevenlabs with `ELEVENLABS_API_KEY`, else fal with `FAL_KEY` |
/// | music | `PIXORA_MUSIC_PROVIDER` | fal, embedded | fal with `FAL_KEY` |
/// | sound effects | (none) | elevenlabs, embedded | elevenlabs with `ELEVENLABS_API_KEY` |
///
/// `PIXORA_PROVIDER_FALLBACK=1` lets the embedded generator stand in when a provider fails after its retries.
public struct ProviderSettings: Sendable {
    public enum Choice: String, Sendable, CaseIterable { case openai, fal, elevenlabs, embedded }

    public var planner: Choice
    public var image: Choice
    public var video: Choice
    public var speech: Choice
    public var music: Choice
    /// The editor assistant: `PIXORA_ASSISTANT_PROVIDER` openai or embedded (rules); openai when a model is configured.
    public var assistant: Choice
    public var languageModel: LanguageModelEndpoint?
    /// A vision-capable model on the same endpoint that describes remix samples (`PIXORA_VISION_MODEL`).
    public var visionModel: String?
    public var falKey: String?
    public var falQueueURL: String
    public var falPollSeconds: Double
    public var falModels: [String: String]
    public var elevenLabsKey: String?
    public var elevenLabsBaseURL: String
    public var elevenLabsModel: String
    public var elevenLabsVoice: String?
    public var speechModel: String
    public var fallback: Bool
    public var policy: RetryPolicy
    public var costs: ProviderCosts

    /// For tests: the settings of an environment given as a dictionary.
    public static func from(environment: [String: String]) throws -> ProviderSettings {
        try from(configuration: Configuration(environment: environment))
    }

    public static func from(configuration: Configuration) throws -> ProviderSettings {
        func value(_ name: String) -> String? { configuration.text(name) }
        let endpoint = LanguageModelEndpoint.from(configuration: configuration)
        let fal = value("FAL_KEY")
        let eleven = value("ELEVENLABS_API_KEY")

        // The catalogue has already checked each choice against the words this role accepts.
        func choose(_ variable: String, default fallbackChoice: Choice) -> Choice {
            value(variable).flatMap(Choice.init(rawValue:)) ?? fallbackChoice
        }
        let planner = choose("PIXORA_PLANNER_PROVIDER", default: endpoint == nil ? .embedded : .openai)
        let image = choose("PIXORA_IMAGE_PROVIDER", default: fal == nil ? .embedded : .fal)
        let video = choose("PIXORA_VIDEO_PROVIDER", default: fal == nil ? .embedded : .fal)
        let speech = choose(
            "PIXORA_SPEECH_PROVIDER", default: eleven != nil ? .elevenlabs : fal != nil ? .fal : .embedded)
        let music = choose("PIXORA_MUSIC_PROVIDER", default: fal == nil ? .embedded : .fal)
        let assistant = choose("PIXORA_ASSISTANT_PROVIDER", default: endpoint == nil ? .embedded : .openai)

        // A chosen provider needs its key.
        if (planner == .openai || speech == .openai || assistant == .openai) && endpoint == nil {
            throw UsageError(
                "the openai provider needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server such as Ollama)")
        }
        if [image, video, speech, music].contains(.fal) && fal == nil {
            throw UsageError("the fal provider needs FAL_KEY")
        }
        if speech == .elevenlabs && eleven == nil {
            throw UsageError("the elevenlabs provider needs ELEVENLABS_API_KEY")
        }
        return ProviderSettings(
            planner: planner, image: image, video: video, speech: speech, music: music, assistant: assistant,
            languageModel: endpoint, visionModel: endpoint == nil ? nil : value("PIXORA_VISION_MODEL"),
            falKey: fal, falQueueURL: value("FAL_QUEUE_URL") ?? "https://queue.fal.run",
            falPollSeconds: configuration.number("PIXORA_FAL_POLL_SECONDS") ?? 1,
            falModels: [
                "image": value("PIXORA_FAL_IMAGE_MODEL") ?? "fal-ai/flux-pro/v1.1-ultra",
                "video": value("PIXORA_FAL_VIDEO_MODEL") ?? "fal-ai/kling-video/v1.6/pro/image-to-video",
                "speech": value("PIXORA_FAL_SPEECH_MODEL") ?? "fal-ai/minimax/speech-02-hd",
                "music": value("PIXORA_FAL_MUSIC_MODEL") ?? "cassetteai/music-generator",
            ],
            elevenLabsKey: eleven, elevenLabsBaseURL: value("ELEVENLABS_BASE_URL") ?? "https://api.elevenlabs.io",
            elevenLabsModel: value("PIXORA_ELEVENLABS_MODEL") ?? "eleven_multilingual_v2",
            elevenLabsVoice: value("PIXORA_ELEVENLABS_VOICE"),
            speechModel: value("PIXORA_TTS_MODEL") ?? "gpt-4o-mini-tts",
            fallback: configuration.flag("PIXORA_PROVIDER_FALLBACK") ?? false,
            policy: .from(configuration: configuration), costs: .from(configuration: configuration))
    }

    /// Prices in credits for the providers in use. The base rates are `PIXORA_CREDITS_PER_SECOND` (1),
    /// `PIXORA_SCENE_VISUAL_CREDITS` (3), `PIXORA_SCENE_AUDIO_CREDITS` (1) and `PIXORA_SIGNUP_CREDITS` (100); each
    /// cloud provider in use adds its own rate per second of video and per regenerated scene part:
    /// fal.ai `PIXORA_FAL_CREDITS_PER_SECOND` (4) and `PIXORA_FAL_SCENE_CREDITS` (5) when it makes pictures or clips;
    /// ElevenLabs `PIXORA_ELEVENLABS_CREDITS_PER_SECOND` (0.5) and `PIXORA_ELEVENLABS_SCENE_CREDITS` (1);
    /// OpenAI `PIXORA_OPENAI_CREDITS_PER_SECOND` (0) for the planner and `PIXORA_OPENAI_SCENE_CREDITS` (0) for speech.
    public func pricing(configuration: Configuration) -> Pricing {
        func number(_ name: String, _ fallback: Double) -> Double { configuration.number(name) ?? fallback }
        var pricing = Pricing()
        pricing.creditsPerSecond = number("PIXORA_CREDITS_PER_SECOND", 1)
        pricing.sceneVisual = Int(number("PIXORA_SCENE_VISUAL_CREDITS", 3))
        pricing.sceneAudio = Int(number("PIXORA_SCENE_AUDIO_CREDITS", 1))
        pricing.signupGrant = Int(number("PIXORA_SIGNUP_CREDITS", 100))
        if image == .fal || video == .fal {
            pricing.creditsPerSecond += number("PIXORA_FAL_CREDITS_PER_SECOND", 4)
            pricing.sceneVisual += Int(number("PIXORA_FAL_SCENE_CREDITS", 5))
        }
        if music == .fal && image != .fal && video != .fal {
            pricing.creditsPerSecond += number("PIXORA_FAL_CREDITS_PER_SECOND", 4) / 4
        }
        switch speech {
        case .elevenlabs:
            pricing.creditsPerSecond += number("PIXORA_ELEVENLABS_CREDITS_PER_SECOND", 0.5)
            pricing.sceneAudio += Int(number("PIXORA_ELEVENLABS_SCENE_CREDITS", 1))
        case .fal:
            pricing.sceneAudio += Int(number("PIXORA_FAL_SCENE_CREDITS", 5) / 5)
        case .openai:
            pricing.sceneAudio += Int(number("PIXORA_OPENAI_SCENE_CREDITS", 0))
        case .embedded: break
        }
        if planner == .openai { pricing.creditsPerSecond += number("PIXORA_OPENAI_CREDITS_PER_SECOND", 0) }
        return pricing
    }

    /// For tests: the prices of an environment given as a dictionary.
    public func pricing(environment: [String: String]) throws -> Pricing {
        pricing(configuration: try Configuration(environment: environment))
    }

    /// The voice of a video whose settings name none: this machine's embedded default (Piper's joe where Piper is
    /// installed) when speech is embedded, else slt, which every cloud voice table maps to its default narrator.
    public var defaultVoice: Voice { speech == .embedded ? GeneratorSet.defaultVoice : .slt }

    /// True when every role is embedded (no network at all).
    public var isEmbedded: Bool {
        [planner, image, video, speech, music, assistant, soundEffects].allSatisfy { $0 == .embedded }
    }

    /// Sound effects come from ElevenLabs whenever its key is set, like the voice by default.
    public var soundEffects: Choice { elevenLabsKey == nil ? .embedded : .elevenlabs }

    /// The sound effect generator for these settings (the embedded library stands in on failure with fallback on).
    public func soundEffectGenerator(logger: Logger) -> any SoundEffectGenerator {
        let embedded = EmbeddedSoundEffectGenerator()
        guard soundEffects == .elevenlabs, let key = elevenLabsKey else { return embedded }
        let cloud = ElevenLabsSoundEffectGenerator(key: key, baseURL: elevenLabsBaseURL, policy: policy, logger: logger)
        return fallback ? FallbackSoundEffectGenerator(primary: cloud, fallback: embedded, logger: logger) : cloud
    }

    /// The editor assistant on the language model, when configured (the server falls back to its rules).
    public func editorAssistant(logger: Logger) -> LanguageModelAssistant? {
        guard assistant == .openai, let endpoint = languageModel else { return nil }
        return LanguageModelAssistant(client: ChatClient(endpoint: endpoint, policy: policy, logger: logger))
    }

    /// The sample describer on the vision model, when `PIXORA_VISION_MODEL` names one (and the endpoint is set).
    public func sampleDescriber(logger: Logger) -> (any SampleDescriber)? {
        guard let visionModel, let endpoint = languageModel else { return nil }
        let vision = LanguageModelEndpoint(baseURL: endpoint.baseURL, apiKey: endpoint.apiKey, model: visionModel)
        return VisionSampleDescriber(
            client: ChatClient(endpoint: vision, policy: policy, logger: logger), logger: logger)
    }

    /// The cloud model that makes clips, when one is configured (the remix planner names it per scene).
    public var videoModel: String? { video == .fal && falKey != nil ? falModels["video"] : nil }

    /// The remix plan chat on the language model, when one is configured for the assistant; nil: the rules.
    public func planChat(logger: Logger) -> (any PlanChatting)? {
        guard assistant == .openai, let endpoint = languageModel else { return nil }
        return LanguageModelPlanChat(
            client: ChatClient(endpoint: endpoint, policy: policy, logger: logger), logger: logger)
    }

    func falQueue(logger: Logger) -> FalQueue? {
        falKey.map {
            FalQueue(key: $0, baseURL: falQueueURL, policy: policy, logger: logger, pollInterval: falPollSeconds)
        }
    }

    /// The generators for these settings.
    public func generators(logger: Logger) -> GeneratorSet {
        let embedded = GeneratorSet.embedded
        var set = embedded
        let queue = falQueue(logger: logger)
        if planner == .openai, let endpoint = languageModel {
            let cloud = LanguageModelPlanner(client: ChatClient(endpoint: endpoint, policy: policy, logger: logger))
            set.planner = fallback ? FallbackPlanner(primary: cloud, fallback: embedded.planner, logger: logger) : cloud
        }
        if image == .fal, let queue {
            let cloud = FalImageGenerator(queue: queue, model: falModels["image"]!, costs: costs)
            set.image =
                fallback ? FallbackImageGenerator(primary: cloud, fallback: embedded.image, logger: logger) : cloud
        }
        if video == .fal, let queue {
            let cloud = FalVideoGenerator(queue: queue, model: falModels["video"]!, costs: costs)
            set.video =
                fallback ? FallbackVideoGenerator(primary: cloud, fallback: embedded.video, logger: logger) : cloud
        }
        var speechCloud: (any SpeechGenerator)?
        switch speech {
        case .elevenlabs:
            speechCloud = elevenLabsKey.map {
                ElevenLabsSpeechGenerator(
                    key: $0, baseURL: elevenLabsBaseURL, model: elevenLabsModel, voice: elevenLabsVoice, costs: costs,
                    policy: policy, logger: logger)
            }
        case .openai:
            speechCloud = languageModel.map {
                OpenAISpeechGenerator(endpoint: $0, model: speechModel, costs: costs, policy: policy, logger: logger)
            }
        case .fal: speechCloud = queue.map { FalSpeechGenerator(queue: $0, model: falModels["speech"]!, costs: costs) }
        case .embedded: speechCloud = nil
        }
        if let speechCloud {
            set.speech =
                fallback
                ? FallbackSpeechGenerator(primary: speechCloud, fallback: embedded.speech, logger: logger) : speechCloud
        }
        if music == .fal, let queue {
            let cloud = FalMusicGenerator(queue: queue, model: falModels["music"]!, costs: costs)
            set.music =
                fallback ? FallbackMusicGenerator(primary: cloud, fallback: embedded.music, logger: logger) : cloud
        }
        return set
    }

    /// One line per role for `pixora providers check`: what serves it and whether it answers.
    public func check(logger: Logger) async -> [(role: String, provider: String, ok: Bool, detail: String)] {
        var lines: [(String, String, Bool, String)] = []
        func probe(_ role: String, _ provider: String, _ body: () async throws -> Void) async {
            do {
                try await body()
                lines.append((role, provider, true, "answers"))
            } catch {
                lines.append((role, provider, false, "\(error)"))
            }
        }
        let quick = RetryPolicy(attempts: 1, baseDelay: 0, maximumDelay: 0, timeout: 20)
        if planner == .openai, let endpoint = languageModel {
            await probe("planner", "openai-compatible \(endpoint.model) at \(endpoint.baseURL)") {
                try await ChatClient(endpoint: endpoint, policy: quick, logger: logger).check()
            }
        } else {
            lines.append(("planner", "embedded rule-based planner", true, "no network needed"))
        }
        if let key = falKey, [image, video, speech, music].contains(.fal) {
            let roles = [("image", image), ("video", video), ("speech", speech), ("music", music)].filter {
                $0.1 == .fal
            }.map(\.0)
            await probe(roles.joined(separator: ", "), "fal.ai at \(falQueueURL)") {
                try await FalQueue(key: key, baseURL: falQueueURL, policy: quick, logger: logger).check()
            }
        }
        for (role, choice) in [("image", image), ("video", video), ("music", music)] where choice == .embedded {
            lines.append((role, "embedded", true, "no network needed"))
        }
        switch speech {
        case .elevenlabs:
            if let key = elevenLabsKey {
                await probe("speech", "ElevenLabs \(elevenLabsModel)") {
                    try await ElevenLabsSpeechGenerator(
                        key: key, baseURL: elevenLabsBaseURL, model: elevenLabsModel, policy: quick, logger: logger
                    ).check()
                }
            }
        case .openai:
            if let endpoint = languageModel {
                await probe("speech", "OpenAI speech \(speechModel)") {
                    try await ChatClient(endpoint: endpoint, policy: quick, logger: logger).check()
                }
            }
        case .embedded:
            let piper = (GeneratorSet.embedded.speech as? EmbeddedSpeechGenerator)?.piper
            let engines = piper.map { "embedded Piper \($0.installation.version) and flite" } ?? "embedded flite"
            lines.append(("speech", engines, true, "no network needed"))
        case .fal: break
        }
        return lines
    }
}

extension FalQueue {
    /// A request that must be refused without a key: a wrong key answers 401/403, a good one 404/422.
    func check() async throws {
        let answer = try await http.send(
            .GET, "\(baseURL)/fal-ai/flux-pro/v1.1-ultra/requests/00000000-0000-0000-0000-000000000000/status",
            headers: headers)
        if answer.status == 401 || answer.status == 403 {
            throw ProviderFailure(
                provider: "fal.ai",
                message: "the key was refused (HTTP \(answer.status)): \(ProviderHTTP.errorText(answer.body))",
                status: answer.status)
        }
        if answer.status >= 500 {
            throw ProviderFailure(
                provider: "fal.ai", message: "HTTP \(answer.status): \(ProviderHTTP.errorText(answer.body))",
                status: answer.status)
        }
    }
}
