import Foundation
import Logging
import PixoraCore
import PixoraGenerators
import PixoraProviders
import PixoraTestSupport
import Testing

/// A plan as a model would answer it.
func modelPlan(title: String = "How Bees Make Honey", scenes: Int = 3, mood: String = "warm") -> String {
    let list = (1...scenes).map { number in
        [
            "narration": "Scene \(number) narration: bees carry nectar back to the hive and fan it with their wings.",
            "visual": "Close-up of honeybees on a honeycomb, golden light, shallow depth of field, shot \(number)",
            "keyPhrase": "Nectar to honey", "mood": mood, "transition": number == 1 ? "slideleft" : "fadeblack",
        ]
    }
    let object: [String: Any] = [
        "title": title, "summary": "Where honey comes from, in \(scenes) scenes.", "scenes": list,
    ]
    return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}

let quietLogger: Logger = {
    var logger = Logger(label: "providers-test")
    logger.logLevel = .critical
    return logger
}()

func planner(_ base: String, attempts: Int = 3, timeout: Double = 120) -> LanguageModelPlanner {
    LanguageModelPlanner(
        client: ChatClient(
            endpoint: LanguageModelEndpoint(baseURL: base + "/v1", apiKey: "sk-test-secret", model: "gpt-4o-mini"),
            policy: RetryPolicy(attempts: attempts, baseDelay: 0.05, maximumDelay: 2, timeout: timeout),
            logger: quietLogger))
}

let tenSeconds = Settings(durationSeconds: 10)

@Suite("Language model planner against an emulated Chat Completions API")
struct LanguageModelPlannerTests {
    @Test(
        "the plan is the model's: its title and narration, staged to the target length; the request asks for a strict JSON schema"
    )
    func validAnswer() async throws {
        let emulator = ProviderEmulator([.init(body: ProviderEmulator.chatCompletion(modelPlan()))])
        let plan = try await emulator.run { base in
            try await planner(base).plan(prompt: "how bees make honey", settings: tenSeconds, script: nil)
        }
        #expect(plan.title == "How Bees Make Honey")
        #expect(plan.scenes.count == 3)
        #expect(plan.scenes[0].narration.hasPrefix("Scene 1 narration"))
        #expect(plan.scenes.allSatisfy { $0.mood == .warm })
        // The model chose the transitions (TransitionPlanner role): a slide, then a fade through black.
        #expect(plan.scenes.dropLast().map(\.transition.kind) == [.slideleft, .fadeblack])
        #expect(abs(plan.plannedDuration - 10) < 0.1 || plan.plannedDuration > 10)
        #expect(plan.validate().isEmpty)
        let request = try #require(emulator.requests.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer sk-test-secret")
        #expect(request.json["model"] as? String == "gpt-4o-mini")
        let format = try #require(request.json["response_format"] as? [String: Any])
        #expect(format["type"] as? String == "json_schema")
        #expect((format["json_schema"] as? [String: Any])?["strict"] as? Bool == true)
    }

    @Test("a malformed answer is sent back once with the problem, and the repaired answer is used")
    func repairedOnce() async throws {
        let emulator = ProviderEmulator([
            .init(
                body: ProviderEmulator.chatCompletion(
                    #"{"title": "Bees", "scenes": [{"narration": "", "visual": "a hive", "keyPhrase": "x", "mood": "sleepy"}]}"#
                )),
            .init(body: ProviderEmulator.chatCompletion(modelPlan(title: "Bees, repaired"))),
        ])
        let plan = try await emulator.run { base in
            try await planner(base).plan(prompt: "bees", settings: tenSeconds, script: nil)
        }
        #expect(plan.title == "Bees, repaired")
        #expect(emulator.requests.count == 2)
        let messages = try #require(emulator.requests.last?.json["messages"] as? [[String: Any]])
        #expect(messages.count == 4)
        let complaint = messages.last?["content"] as? String ?? ""
        #expect(complaint.contains("scenes[0].narration is missing or empty"))
        #expect(complaint.contains("scenes[0].mood 'sleepy' is not one of"))
    }

    @Test("two unusable answers are rejected with a clear message")
    func rejectedTwice() async throws {
        let emulator = ProviderEmulator([
            .init(body: ProviderEmulator.chatCompletion("Sure! Here is your plan: bees are great.")),
            .init(body: ProviderEmulator.chatCompletion("```json\n{\"title\": \"\"}\n```")),
        ])
        await #expect {
            try await emulator.run { base in
                try await planner(base).plan(prompt: "bees", settings: tenSeconds, script: nil)
            }
        } throws: { error in
            let failure = error as? ProviderFailure
            return failure?.message.hasPrefix("the model's plan was not usable twice: title is missing or empty")
                == true
        }
        #expect(emulator.requests.count == 2)
    }

    @Test("429 with Retry-After is waited out and retried; the answer then counts")
    func rateLimited() async throws {
        let emulator = ProviderEmulator([
            .init(
                status: 429, headers: ["Retry-After": "1", "Content-Type": "application/json"],
                body: #"{"error":{"message":"Rate limit reached"}}"#),
            .init(body: ProviderEmulator.chatCompletion(modelPlan())),
        ])
        let started = ContinuousClock.now
        let plan = try await emulator.run { base in
            try await planner(base).plan(prompt: "bees", settings: tenSeconds, script: nil)
        }
        #expect(plan.scenes.count == 3)
        #expect(emulator.requests.count == 2)
        // Retry-After says one second; the default backoff here would have been 0.05 s.
        #expect(ContinuousClock.now - started >= .milliseconds(950))
    }

    @Test("5xx is retried up to the attempt limit, then reported with the provider's message and status")
    func serverErrors() async throws {
        let emulator = ProviderEmulator(
            [], otherwise: .init(status: 503, body: #"{"error":{"message":"The engine is currently overloaded"}}"#))
        await #expect {
            try await emulator.run { base in
                try await planner(base, attempts: 3).plan(prompt: "bees", settings: tenSeconds, script: nil)
            }
        } throws: { error in
            let failure = error as? ProviderFailure
            return failure?.status == 503 && failure?.message == "HTTP 503: The engine is currently overloaded"
        }
        #expect(emulator.requests.count == 3)
    }

    @Test("a refused key is not retried, and the key never appears in the error")
    func unauthorized() async throws {
        let emulator = ProviderEmulator([
            .init(status: 401, body: #"{"error":{"message":"Incorrect API key provided"}}"#)
        ])
        await #expect {
            try await emulator.run { base in
                try await planner(base).plan(prompt: "bees", settings: tenSeconds, script: nil)
            }
        } throws: { error in
            let text = "\(error)"
            return text.contains("HTTP 401: Incorrect API key provided") && !text.contains("sk-test-secret")
        }
        #expect(emulator.requests.count == 1)
    }

    @Test("a provider that does not answer in time is a timeout, not a hang")
    func timeout() async throws {
        let emulator = ProviderEmulator([.init(body: ProviderEmulator.chatCompletion(modelPlan()), delay: 5)])
        await #expect {
            try await emulator.run { base in
                try await planner(base, attempts: 1, timeout: 0.5).plan(
                    prompt: "bees", settings: tenSeconds, script: nil)
            }
        } throws: { error in
            "\(error)".contains("timed out")
        }
    }

    @Test("with fallback on, a failing model gives way to the embedded planner")
    func fallback() async throws {
        let emulator = ProviderEmulator([], otherwise: .init(status: 500, body: #"{"error":{"message":"boom"}}"#))
        let plan = try await emulator.run { base in
            let settings = try ProviderSettings.from(environment: [
                "OPENAI_BASE_URL": base + "/v1", "OPENAI_API_KEY": "sk-test", "PIXORA_PROVIDER_FALLBACK": "1",
                "PIXORA_PROVIDER_ATTEMPTS": "2", "PIXORA_PROVIDER_RETRY_SECONDS": "0.01",
            ])
            return try await settings.generators(logger: quietLogger).planner.plan(
                prompt: "how bees make honey", settings: tenSeconds, script: nil)
        }
        let embedded = try await RuleBasedPlanner().plan(
            prompt: "how bees make honey", settings: tenSeconds, script: nil)
        #expect(plan == embedded)
        #expect(emulator.requests.count == 2)
    }

    @Test("configuration: a key selects the model; asking for it without one is a clear error; nothing set is embedded")
    func configuration() throws {
        #expect(try ProviderSettings.from(environment: [:]).planner == .embedded)
        let configured = try ProviderSettings.from(environment: [
            "OPENAI_API_KEY": "sk-x", "PIXORA_LLM_MODEL": "llama3.1",
        ])
        #expect(configured.planner == .openai && configured.languageModel?.model == "llama3.1")
        #expect(configured.languageModel?.baseURL == "https://api.openai.com/v1")
        #expect(configured.generators(logger: quietLogger).planner.id == "llm.llama3.1")
        #expect(
            try ProviderSettings.from(environment: ["OPENAI_API_KEY": "sk-x", "PIXORA_PLANNER_PROVIDER": "embedded"])
                .planner == .embedded)
        #expect(throws: UsageError.self) {
            try ProviderSettings.from(environment: ["PIXORA_PLANNER_PROVIDER": "openai"])
        }
        #expect(throws: ConfigurationError.self) {
            try ProviderSettings.from(environment: ["PIXORA_PLANNER_PROVIDER": "skynet"])
        }
    }
}

@Suite("Prices per provider")
struct ProviderPricingTests {
    @Test("embedded: the standard prices; each cloud provider in use adds its configured rates")
    func rates() throws {
        #expect(try ProviderSettings.from(environment: [:]).pricing(environment: [:]) == .standard)
        let cloud: [String: String] = ["FAL_KEY": "k", "ELEVENLABS_API_KEY": "e"]
        let pricing = try ProviderSettings.from(environment: cloud).pricing(environment: cloud)
        #expect(pricing.creditsPerSecond == 5.5 && pricing.sceneVisual == 8 && pricing.sceneAudio == 2)
        var custom = cloud
        custom["PIXORA_FAL_CREDITS_PER_SECOND"] = "2"
        custom["PIXORA_ELEVENLABS_CREDITS_PER_SECOND"] = "0"
        #expect(try ProviderSettings.from(environment: custom).pricing(environment: custom).creditsPerSecond == 3)
        #expect(throws: ConfigurationError.self) {
            try ProviderSettings.from(environment: [:]).pricing(environment: ["PIXORA_CREDITS_PER_SECOND": "-1"])
        }
    }
}
