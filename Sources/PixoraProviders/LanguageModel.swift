import Foundation
import Logging
import NIOHTTP1
import PixoraCore
import PixoraGenerators

/// Where an OpenAI-compatible Chat Completions API lives: OpenAI, Ollama, llama.cpp's server, vLLM, Groq…
public struct LanguageModelEndpoint: Sendable, Equatable {
    public var baseURL: String
    /// Empty for servers that need none (a local Ollama).
    public var apiKey: String
    public var model: String

    public init(baseURL: String, apiKey: String, model: String) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.model = model
    }

    /// `OPENAI_API_KEY`, `OPENAI_BASE_URL` (default https://api.openai.com/v1), `PIXORA_LLM_MODEL` (default
    /// gpt-4o-mini). Nil when neither a key nor a base URL is set: no language model is configured.
    public static func from(configuration: Configuration) -> LanguageModelEndpoint? {
        let key = configuration.text("OPENAI_API_KEY")
        let base = configuration.text("OPENAI_BASE_URL")
        guard key != nil || base != nil else { return nil }
        return LanguageModelEndpoint(
            baseURL: base ?? "https://api.openai.com/v1", apiKey: key ?? "",
            model: configuration.text("PIXORA_LLM_MODEL") ?? "gpt-4o-mini")
    }
}

/// One Chat Completions call at a time, with structured output when a JSON schema is given.
public struct ChatClient: Sendable {
    public let endpoint: LanguageModelEndpoint
    let http: ProviderHTTP

    public init(endpoint: LanguageModelEndpoint, policy: RetryPolicy, logger: Logger) {
        self.endpoint = endpoint
        http = ProviderHTTP(provider: "language model (\(endpoint.model))", policy: policy, logger: logger)
    }

    public struct Message: Sendable, Hashable {
        public var role: String
        public var content: String

        public init(role: String, content: String) {
            self.role = role
            self.content = content
        }
    }

    /// A function call the model asked for.
    public struct ToolCall: Sendable, Hashable {
        public var id: String
        public var name: String
        /// The arguments as the JSON text the model wrote.
        public var arguments: String
    }

    /// The assistant's turn: text, tool calls, or both.
    public struct Reply: Sendable {
        public var content: String?
        public var toolCalls: [ToolCall]
    }

    /// The assistant's text for `messages`. `schema` asks for `response_format: json_schema` (strict).
    public func complete(
        _ messages: [Message], schemaName: String? = nil, schema: [String: Any]? = nil, temperature: Double = 0.7,
        seed: UInt64? = nil
    ) async throws -> String {
        var body: [String: Any] = ["temperature": temperature]
        if let seed { body["seed"] = Int(seed % UInt64(Int32.max)) }
        if let schema {
            body["response_format"] = [
                "type": "json_schema",
                "json_schema": ["name": schemaName ?? "answer", "strict": true, "schema": schema],
            ]
        }
        let reply = try await send(messages.map { ["role": $0.role, "content": $0.content] }, extra: body)
        guard let content = reply.content, !content.isEmpty else {
            throw ProviderFailure(provider: http.provider, message: "the answer has no text")
        }
        return content
    }

    /// One turn with tools (OpenAI function calling); `messages` in the API's own shape.
    public func chat(_ messages: [[String: Any]], tools: [[String: Any]], temperature: Double = 0.2) async throws
        -> Reply
    {
        try await send(messages, extra: ["tools": tools, "tool_choice": "auto", "temperature": temperature])
    }

    func send(_ messages: [[String: Any]], extra: [String: Any]) async throws -> Reply {
        var body = extra
        body["model"] = endpoint.model
        body["messages"] = messages
        var headers = [("Content-Type", "application/json")]
        if !endpoint.apiKey.isEmpty { headers.append(("Authorization", "Bearer \(endpoint.apiKey)")) }
        let response = try await http.send(
            .POST, endpoint.baseURL + "/chat/completions", headers: headers,
            body: try JSONSerialization.data(withJSONObject: body))
        guard response.status == 200 else {
            throw ProviderFailure(
                provider: http.provider, message: "HTTP \(response.status): \(ProviderHTTP.errorText(response.body))",
                status: response.status)
        }
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let choice = (object["choices"] as? [[String: Any]])?.first,
            let message = choice["message"] as? [String: Any]
        else {
            throw ProviderFailure(
                provider: http.provider,
                message: "the answer is not a Chat Completions response: \(ProviderHTTP.errorText(response.body))")
        }
        if let refusal = message["refusal"] as? String, !refusal.isEmpty {
            throw ProviderFailure(provider: http.provider, message: "the model refused: \(refusal)")
        }
        let calls = (message["tool_calls"] as? [[String: Any]] ?? []).compactMap { call -> ToolCall? in
            guard let function = call["function"] as? [String: Any], let name = function["name"] as? String else {
                return nil
            }
            return ToolCall(
                id: call["id"] as? String ?? UUID().uuidString, name: name,
                arguments: function["arguments"] as? String ?? "{}")
        }
        return Reply(content: message["content"] as? String, toolCalls: calls)
    }

    /// A tiny call that shows the endpoint answers and the key works (for `pixora providers check`).
    public func check() async throws {
        _ = try await complete([Message(role: "user", content: "Reply with the word ok.")], temperature: 0)
    }
}

/// ScriptWriter + ScenePlanner on a language model: the model writes the title, summary and each scene's
/// narration, visual description, key phrase and mood as JSON with a strict schema; Pixora stages it (durations that
/// hold the narration and fill the target, music groups by mood, transitions by rule) exactly like its own plans.
/// An answer that does not fit is sent back once with the problems; a second bad answer is an error.
public struct LanguageModelPlanner: ScenePlanner {
    public let client: ChatClient
    public var id: String { "llm.\(client.endpoint.model)" }
    public let version = 1
    let stager = RuleBasedPlanner()

    public init(client: ChatClient) { self.client = client }

    /// What was wrong with an answer, in words the model (and a person) can act on.
    struct Problems: Error, CustomStringConvertible {
        var list: [String]
        var description: String { list.joined(separator: "; ") }
    }

    public func plan(prompt: String, settings: Settings, script: String?) async throws -> Plan {
        let trimmed = prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw UsageError("the prompt is empty; describe the video you want") }
        let issues = settings.validate()
        guard issues.isEmpty else { throw InvalidDocument(document: "settings", issues: issues) }
        var messages = [
            ChatClient.Message(role: "system", content: Self.systemPrompt),
            ChatClient.Message(
                role: "user", content: Self.request(prompt: trimmed, settings: settings, script: script)),
        ]
        var attempt = 0
        while true {
            attempt += 1
            let answer = try await client.complete(
                messages, schemaName: "video_plan", schema: Self.schema, seed: settings.seed)
            do {
                return try build(answer, prompt: trimmed, settings: settings, script: script)
            } catch let problems as Problems {
                guard attempt < 2 else {
                    throw ProviderFailure(
                        provider: client.http.provider, message: "the model's plan was not usable twice: \(problems)")
                }
                messages.append(.init(role: "assistant", content: answer))
                messages.append(
                    .init(
                        role: "user",
                        content:
                            "That answer cannot be used: \(problems). Reply again with the whole corrected JSON object only."
                    ))
            }
        }
    }

    static let systemPrompt = """
        You are the script writer and scene planner of a video studio. Given a topic and settings, write a short \
        narrated video: a title (at most 80 characters), a one-sentence summary, and scenes in order. Each scene has \
        the narration spoken over it (plain sentences, no stage directions, no emoji), a concrete visual description \
        of one picture (subject, setting, light, composition; no text in the picture), a key phrase of two to four \
        words shown as typography, a mood, and the transition into the next scene: fade or dissolve while the \
        topic continues, a slide or wipe when it moves on, fadeblack for a strong change of mood or a pause, cut \
        for quick energetic sequences (the last scene's transition is ignored). Answer with JSON only, matching \
        the schema.
        """

    static func request(prompt: String, settings: Settings, script: String?) -> String {
        let scenes = RuleBasedPlanner.sceneCount(for: settings.durationSeconds)
        let words = Int(settings.durationSeconds * 2.3 * settings.speechRate)
        var text = """
            Topic: \(prompt)
            Length: \(settings.durationSeconds.formatted) seconds, about \(scenes) scene\(scenes == 1 ? "" : "s") and \(words) words of narration in all.
            Tone: \(settings.tone.rawValue). Visual style: \(settings.style.rawValue). Aspect ratio: \(settings.aspectRatio.rawValue).
            Moods to choose from: \(Mood.allowedValues).
            """
        if let script, !script.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            text +=
                "\nUse this narration word for word, split into scenes at sentence ends; write only the visuals, key phrases and moods:\n\(script)"
        }
        return text
    }

    /// The strict JSON schema of an answer.
    static var schema: [String: Any] {
        [
            "type": "object",
            "additionalProperties": false,
            "required": ["title", "summary", "scenes"],
            "properties": [
                "title": ["type": "string"],
                "summary": ["type": "string"],
                "scenes": [
                    "type": "array",
                    "items": [
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["narration", "visual", "keyPhrase", "mood", "transition"],
                        "properties": [
                            "narration": ["type": "string"],
                            "visual": ["type": "string"],
                            "keyPhrase": ["type": "string"],
                            "mood": ["type": "string", "enum": Mood.allCases.map(\.rawValue)],
                            "transition": ["type": "string", "enum": ChosenTransitions.offered.map(\.rawValue)],
                        ],
                    ],
                ],
            ],
        ]
    }

    /// Reads and checks an answer, then stages it into a plan.
    func build(_ answer: String, prompt: String, settings: Settings, script: String?) throws -> Plan {
        var text = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        // Some servers wrap JSON in a Markdown fence even when asked not to.
        if text.hasPrefix("```") {
            text = text.split(separator: "\n").dropFirst().joined(separator: "\n")
            if let end = text.range(of: "```", options: .backwards) { text = String(text[..<end.lowerBound]) }
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Problems(list: ["it is not a JSON object"])
        }
        var problems: [String] = []
        let title = (object["title"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if title.isEmpty { problems.append("title is missing or empty") }
        let summary = (object["summary"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard let list = object["scenes"] as? [[String: Any]] else {
            throw Problems(list: problems + ["scenes is missing or not an array of objects"])
        }
        if list.isEmpty { problems.append("scenes is empty") }
        if list.count > Plan.maximumScenes {
            problems.append("there are \(list.count) scenes; at most \(Plan.maximumScenes) are allowed")
        }
        var drafts: [RuleBasedPlanner.SceneDraft] = []
        var kinds: [TransitionKind] = []
        for (index, scene) in list.enumerated() {
            let path = "scenes[\(index)]"
            let narration = (scene["narration"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let visual = (scene["visual"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let keyPhrase = (scene["keyPhrase"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let moodText = scene["mood"] as? String ?? ""
            if narration.isEmpty { problems.append("\(path).narration is missing or empty") }
            if narration.count > 1200 {
                problems.append("\(path).narration is \(narration.count) characters; at most 1200")
            }
            if visual.isEmpty { problems.append("\(path).visual is missing or empty") }
            if visual.count > 500 { problems.append("\(path).visual is \(visual.count) characters; at most 500") }
            let mood = Mood.parse(moodText)
            if mood == nil { problems.append("\(path).mood '\(moodText)' is not one of \(Mood.allowedValues)") }
            // The transition is the model's choice when it gave a known one; the rules choose otherwise.
            let transitionText = scene["transition"] as? String ?? ""
            if let kind = TransitionKind.parse(transitionText), ChosenTransitions.offered.contains(kind) {
                kinds.append(kind)
            } else if !transitionText.isEmpty {
                problems.append(
                    "\(path).transition '\(transitionText)' is not one of \(ChosenTransitions.offered.map(\.rawValue).joined(separator: ", "))"
                )
            }
            if let mood {
                drafts.append(
                    .init(
                        narration: narration, visual: visual,
                        keyPhrase: String((keyPhrase.isEmpty ? title : keyPhrase).prefix(60)), mood: mood))
            }
        }
        guard problems.isEmpty else { throw Problems(list: problems) }
        let planner =
            kinds.count == drafts.count ? RuleBasedPlanner(transitionPlanner: ChosenTransitions(kinds: kinds)) : stager
        let scenes = planner.staged(drafts, settings: settings)
        let plan = Plan(
            title: String(title.prefix(120)), summary: summary.isEmpty ? title : String(summary.prefix(500)),
            script: scenes.map(\.narration).joined(separator: "\n\n"), prompt: prompt, settings: settings,
            scenes: scenes)
        let issues = plan.validate()
        guard issues.isEmpty else { throw Problems(list: issues.map(\.description)) }
        return plan
    }
}

/// The TransitionPlanner role on a language model: the kinds the model chose in its plan, with the lengths the
/// studio uses (the stager then shortens any that do not fit their scenes).
public struct ChosenTransitions: TransitionPlanner {
    public let id = "llm.transitions"
    public let version = 1
    public let kinds: [TransitionKind]

    /// The kinds offered to the model: one of each family.
    public static let offered: [TransitionKind] = [
        .cut, .fade, .dissolve, .fadeblack, .slideleft, .slideup, .wipeleft, .circleopen,
    ]

    public init(kinds: [TransitionKind]) { self.kinds = kinds }

    public func transitions(for scenes: [PlanScene], settings: Settings) -> [Transition] {
        scenes.indices.dropLast().map { index in
            let kind = index < kinds.count ? kinds[index] : .fade
            switch kind {
            case .cut: return .cut
            case .fadeblack, .dissolve: return Transition(kind: kind, duration: 1.0)
            default: return Transition(kind: kind, duration: 0.7)
            }
        }
    }
}
