import Foundation
import PixoraCore

/// The offline plan chat: plain English turned into plan operations by rules. A message may hold several
/// requests joined by "and", commas, "then" or full stops; each is read against the plan as the requests before it
/// left it. Words for a scene (“rewrite scene 2: …”, “add a scene about …”) run to the end of the message unless
/// they are in quotes. Deterministic.
public struct RuleBasedPlanChat: PlanChatting {
    public static let maximumLength = 2000
    public static let examples =
        "I understand for example: “make it 30 seconds”, “shorter”, “use 4 scenes”, “faster”, “slower pacing”, "
        + "“more dramatic”, “calmer”, “pastel look”, “no voice”, “add narration”, “use my music”, "
        + "“generate music instead”, “rewrite scene 2: …”, “add a scene about … after scene 1”, "
        + "“remove the last scene”, “move scene 3 to the start”, “more like shot 3 of the sample”."

    public init() {}

    public func respond(to message: String, plan: Plan, context: RemixContext) -> ChatOutcome {
        let text = TextSanitizer.singleLine(message).trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            return ChatOutcome(
                operations: [], plan: nil, reply: "Say what to change. " + Self.examples, answeredBy: "rules")
        }
        guard text.count <= Self.maximumLength else {
            return ChatOutcome(
                operations: [], plan: nil,
                reply:
                    "That message is \(text.count) characters; at most \(Self.maximumLength) are read. "
                    + "Nothing changed.",
                answeredBy: "rules")
        }
        var run = PlanChatRun(plan: plan, context: context)
        for clause in PlanChatClauses(text).clauses {
            let reader = PlanChatReader(clause: clause, plan: run.plan, context: context)
            for step in reader.operations() {
                switch step {
                case .operation(let operation): run.apply(operation)
                case .refusal(let message): run.refuse(message)
                }
            }
        }
        let preview = String(text.prefix(80)) + (text.count > 80 ? "…" : "")
        return run.outcome(
            answeredBy: "rules",
            otherwise: "I could not turn “\(preview)” into a change to the plan, so nothing changed. " + Self.examples)
    }
}

/// A message cut into requests. Quoted words are set aside first so their commas and "and"s do not cut; words
/// for a scene that are not quoted run to the end of the message.
struct PlanChatClauses {
    var clauses: [PlanChatClause] = []

    static let quoted = Pattern(#"[\"“”«»]([^\"“”«»]{1,1200})[\"“”«»]"#)
    static let clauseBreak = Pattern(
        #"\s*(?:;|,|[.!?](?:\s|$)|\bthen\b|\balso\b|\band\b(?=\s+(?:make|use|add|remove|delete|drop|"#
            + #"turn|set|move|put|rewrite|change|give|cut|speed|slow|no|without|generate|more|less|fewer|"#
            + #"calmer|faster|slower|shorter|longer|switch)))\s*"#
    )
    /// Where words for a scene begin: everything after it belongs to that request.
    static let wordsFollow = Pattern(
        #"\b(?:rewrite|rephrase|replace|change)\b[^:]{0,60}?\bscene\b[^:]{0,30}?(?::|\bto say\b|"#
            + #"\bsaying\b)|\badd\s+(?:a|an|another|one more)?\s*(?:new\s+|extra\s+)?scene\b|"#
            + #"\bscene\s+\w+\s+(?:should\s+)?shows?\b|\bin\s+scene\s+\w+,?\s+show\b"#
    )

    init(_ text: String) {
        var quotes: [String] = []
        let masked = Self.quoted.replace(in: text) { inner in
            quotes.append(inner)
            return "\u{1}\(quotes.count - 1)\u{1}"
        }
        var head = masked
        var tail: String?
        if let range = Self.wordsFollow.regex.firstMatch(in: masked, range: NSRange(masked.startIndex..., in: masked))
            .flatMap({ Range($0.range, in: masked) }), !masked[range.upperBound...].contains("\u{1}")
        {
            head = String(masked[..<range.lowerBound])
            tail = String(masked[range.lowerBound...])
        }
        let parts = Self.clauseBreak.split(head) + (tail.map { [$0] } ?? [])
        clauses = parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map {
            PlanChatClause(text: $0, quotes: quotes)
        }
    }
}

/// One request of a message, in the person's spelling, with the quoted words it refers to.
struct PlanChatClause {
    var text: String
    var quotes: [String]

    /// The text with its quote markers replaced by the quoted words.
    func restored(_ part: String) -> String {
        Pattern.cached(#"\x{01}(\d+)\x{01}"#).replace(in: part) { index in
            Int(index).flatMap { quotes.indices.contains($0) ? quotes[$0] : nil } ?? ""
        }
    }
}
