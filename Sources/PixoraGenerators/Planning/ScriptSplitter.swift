import Foundation
import PixoraCore

/// Splits a user's own script into sentences and scenes.
enum ScriptSplitter {
    static func sentences(in script: String) -> [String] {
        let normalized = script.replacingOccurrences(of: "\r\n", with: "\n")
        var sentences: [String] = []
        var current = ""
        for character in normalized {
            if character == "\n" {
                if !current.trimmingCharacters(in: .whitespaces).isEmpty { current += " " }
                if normalized.contains("\n\n") == false { continue }
            }
            current.append(character == "\n" ? " " : character)
            if ".!?".contains(character) {
                sentences.append(current)
                current = ""
            }
        }
        sentences.append(current)
        return sentences.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.filter { !$0.isEmpty }
            .flatMap { chunks($0) }
    }

    /// A sentence of at most `limit` code points, cut at spaces (a word longer than that is cut too), so a script
    /// without full stops still makes scenes whose narration a plan accepts.
    static let limit = 300

    static func chunks(_ sentence: String) -> [String] {
        guard sentence.codePointCount > limit else { return [sentence] }
        var pieces: [String] = []
        var current = ""
        for word in sentence.split(separator: " ") {
            var word = Substring(word)
            while word.codePointCount > limit {
                if !current.isEmpty {
                    pieces.append(current)
                    current = ""
                }
                // Whole characters (combining marks stay with their letter), at most `limit` code points.
                var size = 0
                let head = word.prefix {
                    size += $0.unicodeScalars.count
                    return size <= limit
                }
                let cut = head.isEmpty ? word.prefix(1) : head
                pieces.append(String(cut))
                word = word.dropFirst(cut.count)
            }
            if current.codePointCount + word.codePointCount + 1 > limit, !current.isEmpty {
                pieces.append(current)
                current = ""
            }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// Groups sentences into `count` consecutive scenes of similar word counts.
    static func group(_ sentences: [String], into count: Int) -> [String] {
        guard count > 1 else { return [sentences.joined(separator: " ")] }
        let words = sentences.map { $0.split(separator: " ").count }
        let total = words.reduce(0, +)
        var groups: [[String]] = [[]]
        var used = 0
        for (index, sentence) in sentences.enumerated() {
            let remainingSentences = sentences.count - index
            let remainingGroups = count - groups.count
            let target = Double(total) * Double(groups.count) / Double(count)
            // Start a new scene when this one has its share, or when every later sentence is needed for a scene of its own.
            let characters = groups[groups.count - 1].reduce(0) { $0 + $1.codePointCount + 1 } + sentence.codePointCount
            // A scene never holds more narration than a plan allows, even if that makes one scene more.
            if !groups[groups.count - 1].isEmpty
                && (characters > PlanScene.maximumNarration
                    || remainingGroups > 0
                        && (Double(used) >= target - Double(words[index]) / 2 || remainingSentences <= remainingGroups))
            {
                groups.append([])
            }
            groups[groups.count - 1].append(sentence)
            used += words[index]
        }
        return groups.map { $0.joined(separator: " ") }
    }

    /// The longest distinct content words of a passage, in order of appearance: what a picture of it should show.
    static func salientWords(_ text: String, limit: Int = 4) -> [String] {
        var seen = Set<String>()
        let words = text.lowercased().split { !$0.isLetter && $0 != "-" }.map(String.init)
            .filter { $0.count > 3 && !TopicAnalysis.stopWords.contains($0) && seen.insert($0).inserted }
        let chosen = Set(words.sorted { $0.count > $1.count }.prefix(limit))
        return words.filter(chosen.contains)
    }
}
