import Foundation

/// What kind of video a prompt asks for; picks the narrative template.
enum ContentKind: String, Sendable {
    case process, howTo, list, story, history, promo, explainer
}

/// The topic of a prompt broken into the parts the templates need.
struct TopicAnalysis: Sendable, Equatable {
    var kind: ContentKind
    /// "how bees make honey": the prompt's topic, cased for the middle of a sentence (`TopicWording`).
    var topic: String
    /// The topic's first clause in at most nine words: what sentences name ("a lighthouse keeper's night").
    var gist: String
    /// Clauses after the gist that read as sentences of their own ("From the first storm clouds to the sea.").
    var details: [String]
    /// "bees"
    var subject: String
    /// "make honey" (empty when the topic has no verb)
    var action: String
    /// Whether the subject takes plural verbs ("bees make", "the moon makes").
    var isPlural: Bool
    /// Content words for pictures: "bees", "honey".
    var keywords: [String]
    /// Number stated in list prompts ("5 tips…").
    var listCount: Int?

    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "about", "how", "why", "what", "is",
        "are",
        "do", "does", "make", "makes", "from", "into", "at", "by", "their", "its", "it", "this", "that", "these",
        "those",
        "your", "you", "our", "we", "they", "be", "can", "will", "video", "short", "clip", "some", "every", "all", "my",
        "top", "best", "ways", "tips", "things", "reasons", "facts", "story", "history", "introducing", "s", "just",
        "really", "very", "more", "most", "work", "works", "get", "gets", "was", "were", "has", "have", "had", "when",
        "where", "who", "which", "then", "than", "there", "here", "as", "so", "but", "not", "no", "yes", "one", "each",
    ]

    private static let verbs: Set<String> = [
        "make", "makes", "work", "works", "do", "does", "is", "are", "grow", "grows", "fly", "flies", "build", "builds",
        "turn", "turns", "become", "becomes", "help", "helps", "get", "gets", "can", "could", "will", "change",
        "changes",
        "create", "creates", "use", "uses", "find", "finds", "move", "moves", "form", "forms", "survive", "survives",
        "travel", "travels", "sleep", "sleeps", "learn", "learns", "communicate", "communicates", "produce", "produces",
        "shape", "shapes", "keep", "keeps", "stay", "stays", "see", "sees", "eat", "eats", "live", "lives", "was",
        "were",
    ]

    /// `framing` is what the prompt said before the topic ("a calm story of"): it can name the kind of video.
    init(topic rawTopic: String, framing: String = "") {
        // "… for kids" names the audience (the tone reads it), not the topic; "explained simply" the style.
        let cleaned = TopicWording.cleaned(rawTopic)
        let topic = cleaned.isEmpty ? rawTopic.trimmingCharacters(in: .whitespacesAndNewlines) : cleaned
        self.topic = topic
        (gist, details) = TopicWording.split(topic)
        let lower = topic.lowercased()
        let words = lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "-" }).map(
            String.init)
        let gistWords = gist.lowercased()
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "-" }).map(String.init)

        // The kind is what the gist asks for: "… carrying silk, spices and ideas" is not a list of ideas.
        let kindText = gist.lowercased()
        if kindText.hasPrefix("how to ") {
            kind = .howTo
        } else if kindText.range(of: #"^(the\s+)?(top\s+)?\d+\s+"#, options: .regularExpression) != nil
            || kindText.range(
                of: #"\b(tips|ways|reasons|facts|things|habits|mistakes|ideas)\b"#, options: .regularExpression) != nil
        {
            kind = .list
        } else if (kindText + " " + framing.lowercased()).range(
            of: #"\b(story|tale|journey|adventure|once upon)\b"#, options: .regularExpression) != nil
        {
            kind = .story
        } else if kindText.range(
            of: #"\b(history|origin|origins|evolution|rise of|invention)\b"#, options: .regularExpression) != nil
        {
            kind = .history
        } else if kindText.range(
            of: #"\b(introducing|launch|promo|advert|ad for|product|app|brand|sale|shop|startup)\b"#,
            options: .regularExpression) != nil
        {
            kind = .promo
        } else if kindText.hasPrefix("how ") || kindText.hasPrefix("why ") {
            kind = .process
        } else {
            kind = .explainer
        }

        listCount = words.lazy.compactMap { Int($0) }.first.flatMap { (2...12).contains($0) ? $0 : nil }

        // Subject: the words after the question word up to the first verb; action: the rest.
        var body = gistWords
        if let first = body.first, ["how", "why", "what", "when", "where"].contains(first) { body.removeFirst() }
        if body.first == "to" { body.removeFirst() }
        if kind == .list, let index = body.firstIndex(where: { Int($0) != nil }) { body.removeFirst(index + 1) }
        if let ofIndex = body.firstIndex(of: "of"), kind == .history || kind == .story || kind == .list {
            body = Array(body[(ofIndex + 1)...])
        }
        if ["for", "to", "about", "on"].contains(body.first ?? "") { body.removeFirst() }
        if kind == .promo, ["introducing", "meet", "launching", "presenting"].contains(body.first ?? "") {
            body.removeFirst()
        }
        if kind == .list, let joiner = body.firstIndex(where: { ["for", "about", "on", "to", "of"].contains($0) }),
            joiner + 1 < body.count
        {
            // "tips for better sleep": the list is about what follows the joiner.
            subject = body[(joiner + 1)...].joined(separator: " ")
            action = ""
        } else if kind == .howTo {
            subject = "you"
            action = body.joined(separator: " ")
        } else if kind == .process, body.count >= 2, !body.contains(where: { Self.verbs.contains($0) }) {
            // "how volcanoes erupt", "how the heart pumps blood": an unknown verb most likely follows the first
            // noun (after an article).
            let nounAt = ["the", "a", "an"].contains(body[0]) && body.count > 2 ? 1 : 0
            subject = body[...nounAt].joined(separator: " ")
            action = body[(nounAt + 1)...].joined(separator: " ")
        } else if let verbIndex = body.firstIndex(where: { Self.verbs.contains($0) }), verbIndex > 0 {
            subject = body[..<verbIndex].joined(separator: " ")
            action = body[verbIndex...].joined(separator: " ")
        } else {
            subject = body.joined(separator: " ")
            action = ""
        }
        if subject.isEmpty { subject = gist.lowercased() }
        // Names keep the capitals the prompt gave them ("how Rome fell": "Rome").
        var cased: [String: String] = [:]
        for word in gist.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" && $0 != "-" }) {
            cased[word.lowercased()] = String(word)
        }
        func recased(_ text: String) -> String {
            text.split(separator: " ").map { cased[String($0)] ?? String($0) }.joined(separator: " ")
        }
        subject = recased(subject)
        action = recased(action)
        let head = subject.split(separator: " ").last.map(String.init) ?? subject
        isPlural =
            subject == "you"
            || (head.hasSuffix("s") && !head.hasSuffix("ss") && !head.hasSuffix("us") && !head.hasSuffix("is"))

        var seen = Set<String>()
        keywords = words.filter { word in
            word.count > 2 && Int(word) == nil && !Self.stopWords.contains(word) && !Self.verbs.contains(word)
                && seen.insert(word).inserted
        }
        if keywords.isEmpty { keywords = words.filter { $0.count > 2 }.prefix(3).map { $0 } }
    }
}

extension String {
    /// First letter upper-cased.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }

    /// Every word capitalised except short joiners: a headline.
    var headline: String {
        let small: Set<String> = ["a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "at", "by"]
        return split(separator: " ").enumerated().map { index, word in
            index > 0 && small.contains(word.lowercased())
                ? word.lowercased() : word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
    }
}
