import Foundation
import PixoraCore
import PixoraGenerators
import PixoraProviders
import PixoraTestSupport
import Testing

/// Concepts as a model would answer them.
func modelConcepts(_ titles: [String] = ["Bees at Work", "The Secret Life of a Hive", "5 Sweet Facts"]) -> String {
    let tones = ["informative", "playful", "dramatic", "calm", "inspiring"]
    let list = titles.enumerated().map { index, title in
        [
            "title": title, "logline": "A look at honey from flower to jar, angle \(index + 1).",
            "audience": "Curious families", "tone": tones[index % tones.count], "durationSeconds": 20 + 10 * index,
        ] as [String: Any]
    }
    return String(decoding: try! JSONSerialization.data(withJSONObject: ["concepts": list]), as: UTF8.self)
}

func conceptWriter(_ base: String) -> LanguageModelConceptWriter {
    let endpoint = LanguageModelEndpoint(baseURL: base + "/v1", apiKey: "sk-test", model: "gpt-4o-mini")
    let policy = RetryPolicy(attempts: 1, baseDelay: 0, maximumDelay: 0, timeout: 120)
    return LanguageModelConceptWriter(
        client: ChatClient(endpoint: endpoint, policy: policy, logger: quietLogger), logger: quietLogger)
}

@Suite("Language model concept writer against an emulated Chat Completions API")
struct LanguageModelConceptWriterTests {
    static let settings = Settings(durationSeconds: 30, tone: .informative, seed: 3)

    @Test("the concepts are the model's, asked for with a strict schema naming the topic and the count")
    func validAnswer() async throws {
        let emulator = ProviderEmulator([.init(body: ProviderEmulator.chatCompletion(modelConcepts()))])
        let concepts = try await emulator.run { base in
            try await conceptWriter(base).concepts(topic: "how bees make honey", settings: Self.settings, count: 3)
        }
        #expect(concepts.map(\.title) == ["Bees at Work", "The Secret Life of a Hive", "5 Sweet Facts"])
        #expect(concepts.map(\.tone) == [.informative, .playful, .dramatic])
        #expect(concepts.map(\.durationSeconds) == [20, 30, 40])
        let request = try #require(emulator.requests.first)
        #expect(request.path == "/v1/chat/completions")
        let format = try #require(request.json["response_format"] as? [String: Any])
        let schema = try #require(format["json_schema"] as? [String: Any])
        #expect(schema["strict"] as? Bool == true && schema["name"] as? String == "story_concepts")
        let messages = try #require(request.json["messages"] as? [[String: Any]])
        let asked = messages.last?["content"] as? String ?? ""
        #expect(asked.contains("Topic: how bees make honey") && asked.contains("Concepts: 3."))
    }

    @Test(
        "a malformed or invalid answer gives way to the embedded rules",
        arguments: [
            "Sure! Here are three ideas about bees.",
            modelConcepts(["Only one"]),
            modelConcepts(["Same", "Same", "Other"]),
            #"{"concepts":[{"title":"A","logline":"B","audience":"C","tone":"sleepy","durationSeconds":30}]}"#,
            #"{"concepts":[{"title":"A","logline":"","audience":"C","tone":"calm","durationSeconds":500}]}"#,
        ])
    func malformedFallsBack(answer: String) async throws {
        let emulator = ProviderEmulator([.init(body: ProviderEmulator.chatCompletion(answer))])
        let count = answer.contains("sleepy") || answer.contains("500") ? 1 : 3
        let concepts = try await emulator.run { base in
            try await conceptWriter(base).concepts(topic: "how bees make honey", settings: Self.settings, count: count)
        }
        let rules = try await RuleBasedConceptWriter().concepts(
            topic: "how bees make honey", settings: Self.settings, count: count)
        #expect(concepts == rules)
        #expect(emulator.requests.count == 1)
    }

    @Test("a failing provider gives way to the rules; a bad request is refused without asking the model")
    func providerFailure() async throws {
        let emulator = ProviderEmulator([], otherwise: .init(status: 500, body: #"{"error":{"message":"boom"}}"#))
        let concepts = try await emulator.run { base in
            try await conceptWriter(base).concepts(topic: "volcanoes", settings: Self.settings, count: 3)
        }
        #expect(
            concepts
                == (try await RuleBasedConceptWriter().concepts(topic: "volcanoes", settings: Self.settings, count: 3)))
        let refused = ProviderEmulator([])
        await #expect(throws: UsageError.self) {
            try await refused.run { base in
                try await conceptWriter(base).concepts(topic: " ", settings: Self.settings, count: 3)
            }
        }
        #expect(refused.requests.isEmpty)
    }

    @Test("a fenced JSON answer is read")
    func fenced() async throws {
        let emulator = ProviderEmulator([
            .init(body: ProviderEmulator.chatCompletion("```json\n\(modelConcepts())\n```"))
        ])
        let concepts = try await emulator.run { base in
            try await conceptWriter(base).concepts(topic: "bees", settings: Self.settings, count: 2)
        }
        #expect(concepts.map(\.title) == ["Bees at Work", "The Secret Life of a Hive"])
    }
}
