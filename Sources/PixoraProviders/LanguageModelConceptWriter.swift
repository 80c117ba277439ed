import Foundation
import Logging
import PixoraCore
import PixoraGenerators

/// The `idea` step on the configured language model: the model proposes the concepts as JSON with a strict schema;
/// Pixora checks every field (`StoryConcept.validate`, known tones, distinct titles). Any failure — the provider,
/// an unreadable or invalid answer — gives way to the embedded rules, so the step always has concepts to show.
public struct LanguageModelConceptWriter: ConceptWriter {
    public let client: ChatClient
    public var id: String { "llm.concepts.\(client.endpoint.model)" }
    public let version = 1
    let fallback = RuleBasedConceptWriter()
    let logger: Logger

    public init(client: ChatClient, logger: Logger = Logger(label: "pixora.concepts")) {
        self.client = client
        self.logger = logger
    }

    /// Why an answer cannot be used.
    struct Problems: Error, CustomStringConvertible {
        var list: [String]
        var description: String { list.joined(separator: "; ") }
    }

    public func concepts(topic: String, settings: Settings, count: Int) async throws -> [StoryConcept] {
        // A bad request is the caller's mistake, not the model's: it is refused, not answered by the rules.
        let trimmed = try ConceptLimits.checked(topic: topic, settings: settings, count: count)
        do {
            let answer = try await client.complete(
                [
                    .init(role: "system", content: Self.systemPrompt),
                    .init(role: "user", content: Self.request(topic: trimmed, settings: settings, count: count)),
                ], schemaName: "story_concepts", schema: Self.schema, seed: settings.seed)
            return try Self.read(answer, count: count)
        } catch  where shouldFallBack(error) {
            logger.warning(
                "concepts on \(id) failed; the embedded rules answer instead", metadata: ["error": "\(error)"])
            return try await fallback.concepts(topic: trimmed, settings: settings, count: count)
        }
    }

    static let systemPrompt = """
        You are the story editor of a video studio. Given a topic, propose distinct concepts for a short narrated \
        video, each a different angle on the topic (for example a how-to, a story, a list of facts, an explainer, \
        a history, myths against facts). Each concept has a title (at most 80 characters), a logline of one or two \
        sentences (at most 300 characters), the audience it is for, a tone and a length in whole seconds between \
        5 and 120. Give the concepts different tones and lengths. Answer with JSON only, matching the schema.
        """

    static func request(topic: String, settings: Settings, count: Int) -> String {
        """
        Topic: \(topic)
        Concepts: \(count).
        The person's current choice: tone \(settings.tone.rawValue), \(settings.durationSeconds.formatted) seconds, \
        \(settings.style.rawValue) visual style, \(settings.aspectRatio.rawValue).
        Tones to choose from: \(Tone.allowedValues).
        """
    }

    static var schema: [String: Any] {
        [
            "type": "object", "additionalProperties": false, "required": ["concepts"],
            "properties": [
                "concepts": [
                    "type": "array",
                    "items": [
                        "type": "object", "additionalProperties": false,
                        "required": ["title", "logline", "audience", "tone", "durationSeconds"],
                        "properties": [
                            "title": ["type": "string"], "logline": ["type": "string"],
                            "audience": ["type": "string"],
                            "tone": ["type": "string", "enum": Tone.allCases.map(\.rawValue)],
                            "durationSeconds": ["type": "integer"],
                        ],
                    ],
                ]
            ],
        ]
    }

    /// The first `count` concepts of an answer, or every problem found in it.
    static func read(_ answer: String, count: Int) throws -> [StoryConcept] {
        var text = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        // A Markdown fence around the JSON is tolerated: some servers add one whatever they are asked.
        if text.hasPrefix("```"), let open = text.firstIndex(of: "\n"),
            let close = text.range(of: "```", options: .backwards),
            open < close.lowerBound
        {
            text = String(text[open..<close.lowerBound])
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let list = object["concepts"] as? [[String: Any]]
        else { throw Problems(list: ["it is not a JSON object with a concepts array"]) }
        var problems: [String] = []
        if list.count < count { problems.append("there are \(list.count) concepts; \(count) were asked for") }
        var concepts: [StoryConcept] = []
        for (index, item) in list.prefix(count).enumerated() {
            let field = { (name: String) in (item[name] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) }
            let toneText = field("tone") ?? ""
            let tone = Tone.parse(toneText)
            if tone == nil {
                problems.append("concepts[\(index)].tone '\(toneText)' is not one of \(Tone.allowedValues)")
            }
            let seconds = (item["durationSeconds"] as? NSNumber).flatMap { Int(exactly: $0.doubleValue) }
            if seconds == nil { problems.append("concepts[\(index)].durationSeconds is not a whole number") }
            let concept = StoryConcept(
                title: field("title") ?? "", logline: field("logline") ?? "", audience: field("audience") ?? "",
                tone: tone ?? .informative, durationSeconds: seconds ?? StoryConcept.durationRange.lowerBound)
            problems += concept.validate().map { "concepts[\(index)].\($0)" }
            concepts.append(concept)
        }
        if Set(concepts.map { $0.title.lowercased() }).count < concepts.count {
            problems.append("two concepts have the same title")
        }
        guard problems.isEmpty else { throw Problems(list: problems) }
        return concepts
    }
}
