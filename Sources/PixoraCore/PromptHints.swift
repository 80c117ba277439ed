import Foundation

/// Settings a prompt states in words ("a 30-second vertical video…"), used where flags do not say.
public struct PromptHints: Sendable, Equatable {
    public var durationSeconds: Double?
    public var aspectRatio: AspectRatio?
    public var tone: Tone?
    /// The prompt without the format words: what the video is about.
    public var topic: String

    public init(prompt: String) {
        let text = prompt.lowercased()
        durationSeconds = Self.duration(in: text)
        aspectRatio = Self.aspect(in: text)
        tone = Self.tone(in: text)
        topic = Self.topic(of: prompt)
    }

    private static let numberWords: [String: Double] = [
        "one": 1, "two": 2, "three": 3, "five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30,
        "forty": 40, "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90, "a": 1, "half a": 0.5,
    ]

    // Compiled once: compiling costs far more than matching, and the server reads hints on every request.
    // Whole words only: "the 1990s" or "the 80s" is a decade, not a duration, so bare "s"/"m" units do not count
    // and a number may not be the tail of a longer one.
    private static let durationPattern = try? NSRegularExpression(
        pattern:
            #"(?<![\d.])(\d{1,3}(?:\.\d+)?|half a|forty-five|one|two|three|five|ten|fifteen|twenty|thirty|forty|fifty|sixty|ninety|\ba)[\s-]*(seconds?|secs?|minutes?|mins?)\b"#
    )
    private static let framingPattern = try? NSRegularExpression(
        pattern:
            #"^(please\s+)?(make|create|generate|produce)?\s*(me\s+)?(an?\s+)?([\w:\-\.]+\s+){0,5}?(video|clip|short|reel|film|animation|explainer|story)\s+(about|on|of|explaining|showing|that explains|that shows|for|to explain)\s+"#,
        options: [.caseInsensitive])

    static func duration(in text: String) -> Double? {
        guard let regex = durationPattern,
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let numberRange = Range(match.range(at: 1), in: text), let unitRange = Range(match.range(at: 2), in: text)
        else { return nil }
        let numberText = String(text[numberRange])
        guard let number = Double(numberText) ?? numberWords[numberText] else { return nil }
        let unit = text[unitRange]
        // "a video" must not read as "a minute": only accept the word "a" directly before a minute unit.
        if numberText == "a" && !unit.hasPrefix("m") { return nil }
        return unit.hasPrefix("m") ? number * 60 : number
    }

    static func aspect(in text: String) -> AspectRatio? {
        let rules: [(AspectRatio, [String])] = [
            (.vertical, ["vertical", "portrait", "9:16", "tiktok", "reel", "shorts", "story format", "stories"]),
            (.square, ["square", "1:1", "instagram post"]),
            (.landscape, ["landscape", "widescreen", "horizontal", "16:9", "youtube video"]),
        ]
        return rules.first { _, words in words.contains { text.contains($0) } }?.0
    }

    static func tone(in text: String) -> Tone? {
        let rules: [(Tone, [String])] = [
            (.playful, ["funny", "playful", "fun ", "kids", "silly", "humorous"]),
            (.dramatic, ["dramatic", "epic", "intense", "thrilling", "cinematic trailer"]),
            (.inspiring, ["inspiring", "motivational", "inspirational", "uplifting"]),
            (.calm, ["calm", "relaxing", "peaceful", "soothing", "meditat"]),
            (.informative, ["explain", "educational", "informative", "tutorial", "how to"]),
        ]
        return rules.first { _, words in words.contains { text.contains($0) } }?.0
    }

    /// Strips "a 30-second vertical video about" and similar framing from the prompt.
    static func topic(of prompt: String) -> String {
        var topic = prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        if let regex = framingPattern,
            let match = regex.firstMatch(in: topic, range: NSRange(topic.startIndex..., in: topic)),
            let range = Range(match.range, in: topic)
        {
            topic.removeSubrange(range)
        }
        topic = topic.trimmingCharacters(in: CharacterSet(charactersIn: " .!?\n\t\"'"))
        return topic.isEmpty ? prompt.trimmingCharacters(in: .whitespacesAndNewlines) : topic
    }
}
