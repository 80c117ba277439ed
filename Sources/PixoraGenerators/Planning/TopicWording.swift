import Foundation

/// A prompt's topic made fit to stand inside a template sentence: its own capital letters (sentence case or Title
/// Case) lowered unless they mark a name, framing and qualifiers that describe the video rather than the topic
/// ("explain…", "…, explained simply") dropped, and split into a short gist and the detail clauses after it.
enum TopicWording {
    /// Words that open a prompt in sentence case but never start a name.
    static let commonOpeners: Set<String> = TopicAnalysis.stopWords.union([
        "explain", "explaining", "show", "showing", "tell", "describe", "discover", "learn", "inside", "life",
        "everything", "an", "some", "many", "few", "our", "my", "his", "her", "when", "where", "who",
    ])

    private static let leadingFraming = try? NSRegularExpression(
        pattern: #"^(please\s+)?(explain|describe|show( me)?|tell( me)?( about)?|teach( me)?)\s+"#,
        options: [.caseInsensitive])
    private static let trailingQualifier = try? NSRegularExpression(
        pattern:
            #"[\s,;:\-–—]*\b(explained( simply| clearly| briefly)?|simply explained|in (simple|plain) (terms|english|words)|step[ -]by[ -]step|in a nutshell|in (under )?(a|one) minute|in \d+ (seconds?|minutes?)|for (kids|children|beginners|everyone|students))$"#,
        options: [.caseInsensitive])

    /// The topic without framing, qualifiers, quotation marks and end punctuation, cased for the middle of a
    /// sentence.
    static func cleaned(_ raw: String) -> String {
        var text = raw.replacingOccurrences(of: #"[\"“”«»]"#, with: "", options: .regularExpression)
        text = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: " .!?…,;:'‘’"))
        for regex in [leadingFraming, trailingQualifier].compactMap({ $0 }) {
            // A qualifier may follow another ("…, step by step, explained simply").
            for _ in 0..<3 {
                let range = NSRange(text.startIndex..., in: text)
                let stripped = regex.stringByReplacingMatches(in: text, range: range, withTemplate: "")
                let trimmed = stripped.trimmingCharacters(in: CharacterSet(charactersIn: " .!?…,;:"))
                if trimmed == text || trimmed.isEmpty { break }
                text = trimmed
            }
        }
        return midSentence(text)
    }

    /// Lowers capitals that only mark the start of the prompt or its Title Case; keeps "I", acronyms ("NASA"),
    /// inner capitals ("iPhone") and, in sentence case, names (a capital word after the first, or a first word
    /// followed by another capital word: "New York").
    static func midSentence(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard !words.isEmpty else { return text }
        let lettered = words.filter { $0.contains(where: \.isLetter) }
        let capitalized = lettered.filter { $0.first?.isUppercase == true }
        let titleCase = lettered.count >= 3 && Double(capitalized.count) >= Double(lettered.count) * 0.7
        for index in words.indices {
            let word = words[index]
            guard word.first?.isUppercase == true, !keepsCapital(word) else { continue }
            if titleCase {
                words[index] = lowered(word)
            } else if index == 0 {
                let nextCapital = words.count > 1 && words[1].first?.isUppercase == true
                let common = commonOpeners.contains(bare(word).lowercased())
                if common || !nextCapital { words[index] = lowered(word) }
            }
        }
        return words.joined(separator: " ")
    }

    /// "I", "I'm", acronyms and words with a capital after the first letter keep their case.
    static func keepsCapital(_ word: String) -> Bool {
        let letters = bare(word)
        if letters == "I" || letters.hasPrefix("I'") || letters.hasPrefix("I’") { return true }
        let rest = letters.dropFirst()
        return rest.contains(where: \.isUppercase)
    }

    static func bare(_ word: String) -> String {
        word.trimmingCharacters(
            in: CharacterSet.letters.union(.decimalDigits).union(CharacterSet(charactersIn: "'’-"))
                .inverted)
    }

    static func lowered(_ word: String) -> String { word.prefix(1).lowercased() + word.dropFirst() }

    /// Words where a long topic can be cut: what follows is a detail, not the thing itself.
    static let joiners: Set<String> = [
        "from", "to", "with", "while", "and", "that", "which", "where", "when", "over", "at", "in", "on", "into",
        "during", "after", "before", "because", "across", "through", "under", "as", "but", "or", "by", "for",
    ]
    /// Detail clauses that can stand as a sentence of their own ("From the first storm clouds to a quiet sunrise.").
    static let standaloneOpeners: Set<String> = [
        "from", "with", "over", "across", "through", "during", "after", "before", "in", "on", "at", "under", "beyond",
        "inside", "along", "around", "between",
    ]
    static let longestGist = 9
    static let longestWord = 24

    /// The topic's first clause, at most `longestGist` words, cut where a detail starts; and the detail clauses
    /// that can be spoken as sentences of their own.
    static func split(_ topic: String) -> (gist: String, details: [String]) {
        // No spoken word is longer than `longestWord` letters; a longer run (digits, a pasted hash) would make
        // one sentence outlast every scene.
        let clauses = topic.components(separatedBy: CharacterSet(charactersIn: ",;:()—–"))
            .map { $0.split(separator: " ").map { $0.prefix(longestWord) }.joined(separator: " ") }
            .filter { !$0.isEmpty }
        guard let first = clauses.first else { return (topic, []) }
        var words = first.split(separator: " ").map(String.init)
        var rest: [String] = []
        if words.count > longestGist {
            // Cut before the last joiner that leaves at least three words; otherwise after `longestGist` words.
            let cut = (3...longestGist).reversed().first { joiners.contains(words[$0].lowercased()) } ?? longestGist
            rest = Array(words[cut...])
            words = Array(words[..<cut])
            while let last = words.last, words.count > 1, TopicAnalysis.stopWords.contains(last.lowercased()) {
                rest.insert(words.removeLast(), at: 0)
            }
        }
        let remainder = (rest.isEmpty ? [] : [rest.joined(separator: " ")]) + clauses.dropFirst()
        let details = remainder.filter { clause in
            let clauseWords = clause.split(separator: " ")
            guard clauseWords.count >= 3, clauseWords.count <= 16,
                let opener = clauseWords.first.map({ $0.lowercased() })
            else { return false }
            return standaloneOpeners.contains(opener)
        }
        return (words.joined(separator: " "), details.map { $0.capitalizedFirst + "." })
    }
}
