import Foundation

/// Keeping a cue's word times consistent with the cue as edits move and shorten it.
extension Cue {
    /// The cue moved to start at `start`, its words by the same amount (times kept to the millisecond).
    public func moved(to start: Double) -> Cue {
        let delta = start - self.start
        var cue = self
        cue.start = Self.millis(start)
        cue.end = Self.millis(end + delta)
        cue.words = words?.map {
            CueWord(text: $0.text, start: Self.millis($0.start + delta), end: Self.millis($0.end + delta))
        }
        return cue
    }

    /// The cue ending at `limit` at the latest: a word still being spoken is cut there, words after it go.
    public func ending(atMost limit: Double) -> Cue {
        guard limit < end else { return self }
        var cue = self
        cue.end = limit
        cue.words = words?.compactMap { word in
            guard word.start < limit else { return nil }
            return CueWord(text: word.text, start: word.start, end: min(word.end, limit))
        }
        return cue
    }

    /// The words to highlight one by one: the timed words when they are the text's words, otherwise (no timings,
    /// or words dropped by an edit) the text's words spread over the cue in proportion to their length.
    public var spokenWords: [CueWord] {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        if let words, words.count == tokens.count, !words.isEmpty {
            return zip(tokens, words).map { CueWord(text: $0, start: $1.start, end: $1.end) }
        }
        let weights = tokens.map { Double($0.count) + 1 }
        let total = weights.reduce(0, +)
        guard total > 0 else { return [] }
        var time = start
        return zip(tokens, weights).map { token, weight in
            let length = (end - start) * weight / total
            defer { time += length }
            return CueWord(text: token, start: time, end: time + length)
        }
    }

    static func millis(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}

extension Cue {
    /// At most one timed word per character of a cue's text (which has at most 300).
    public static let maximumWords = 300

    /// Problems with the word times: each word inside the cue, not ending before it starts, in spoken order.
    func wordIssues(at path: String) -> [DocumentIssue] {
        guard let words else { return [] }
        if words.count > Self.maximumWords {
            return [.init(path, "has \(words.count) words; at most \(Self.maximumWords) are allowed")]
        }
        var issues: [DocumentIssue] = []
        // Times are kept to the millisecond, so a rounding step may put a word a hair outside its cue.
        let tolerance = 0.001
        var previousStart = -Double.infinity
        for (index, word) in words.enumerated() {
            let at = "\(path)[\(index)]"
            if word.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                issues.append(.init("\(at).text", "must not be empty"))
            } else if word.text.codePointCount > 300 {
                issues.append(.init("\(at).text", "is \(word.text.codePointCount) characters; at most 300 are allowed"))
            }
            if !word.start.isFinite || word.start < start - tolerance || word.start > end + tolerance {
                let span = "\(start.formatted)–\(end.formatted) s"
                issues.append(.init("\(at).start", "must lie within its cue (\(span)), got \(word.start.formatted)"))
            }
            if !word.end.isFinite || word.end < word.start || word.end > end + tolerance {
                issues.append(
                    .init(
                        "\(at).end",
                        "must be from the word's start to its cue's end (\(end.formatted) s), got \(word.end.formatted)"
                    ))
            }
            if word.start < previousStart {
                issues.append(.init("\(at).start", "must not be before the previous word's start"))
            }
            previousStart = word.start
        }
        return issues
    }
}
