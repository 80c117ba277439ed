import Foundation
import PixoraCore

/// The embedded concept writer: distinct angles on the topic (the one the topic asks for, then a story, a list or
/// an explainer…), each with its own title, logline, audience, tone and length. The first concept keeps the
/// settings' tone and length; the others differ from it and from each other. Deterministic for the same topic,
/// settings and count; another seed picks other angles and wordings.
public struct RuleBasedConceptWriter: ConceptWriter {
    public let id = "embedded.rule-concepts"
    public let version = 1

    public init() {}

    public func concepts(topic: String, settings: Settings, count: Int) async throws -> [StoryConcept] {
        let trimmed = try ConceptLimits.checked(topic: topic, settings: settings, count: count)
        let hints = PromptHints(prompt: trimmed)
        let analysis = TopicAnalysis(topic: hints.topic)
        var random = SeededRandom(seed: settings.seed, label: "concepts|\(trimmed.lowercased())")
        let angles = Self.angles(for: analysis.kind, count: count, random: &random)
        let personal = analysis.subject == "you" && !analysis.action.isEmpty
        let filler = TemplateFiller(analysis: analysis)
        let audience = Self.statedAudience(in: trimmed)
        let listCount = analysis.listCount ?? random.pick([3, 5, 7])
        var tones: [Tone] = []
        var lengths: [Int] = []
        var titles: Set<String> = []
        return angles.enumerated().map { index, angle in
            let tone = index == 0 ? settings.tone : Self.unused(angle.tones + Tone.allCases, taken: tones)
            tones.append(tone)
            let wanted = Int(settings.durationSeconds.rounded())
            let length = index == 0 ? wanted : Self.unused([angle.length, 15, 30, 45, 60, 90, 120], taken: lengths)
            lengths.append(length)
            let fill = { (template: String) in
                filler.fill(
                    template.replacingOccurrences(of: "{Action}", with: analysis.action.headline), number: listCount)
            }
            // Templates of one angle never repeat, but a title may still match another angle's; the next wording
            // of the same angle then stands in.
            let options = angle.titles(personal: personal)
            let first = Int(random.next() % UInt64(options.count))
            let title =
                (0..<options.count).lazy.map { fill(options[(first + $0) % options.count]) }
                .first { !titles.contains($0) } ?? "\(fill(options[first])) (\(index + 1))"
            titles.insert(title)
            return StoryConcept(
                title: String(title.prefix(StoryConcept.titleLimit)),
                logline: String(
                    fill(random.pick(angle.loglines(personal: personal))).prefix(StoryConcept.loglineLimit)),
                audience: audience ?? random.pick(angle.audiences), tone: tone, durationSeconds: length)
        }
    }

    /// The topic's own angle first, then others from the broadly useful ones, in a seeded order.
    static func angles(for kind: ContentKind, count: Int, random: inout SeededRandom) -> [ConceptAngle] {
        let natural = ConceptAngle.natural(for: kind)
        var others = ConceptAngle.fallbacks.filter { $0 != natural }
        var chosen = [natural]
        while chosen.count < count, !others.isEmpty {
            // Prefer the first three fallbacks (story, list, explainer) but let the seed choose among them.
            let index = Int(random.next() % UInt64(min(3, others.count)))
            chosen.append(others.remove(at: index))
        }
        return chosen
    }

    /// The first candidate not taken yet (the first one when all are).
    static func unused<T: Equatable>(_ candidates: [T], taken: [T]) -> T {
        candidates.first { !taken.contains($0) } ?? candidates[0]
    }

    /// "… for kids" names the audience of every concept.
    static func statedAudience(in topic: String) -> String? {
        let audiences = [
            ("kids", "Children and their families"), ("children", "Children and their families"),
            ("beginners", "Beginners"), ("students", "Students"), ("everyone", "Everyone"),
        ]
        let lower = topic.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: " .!?"))
        return audiences.first { lower.hasSuffix(" for \($0.0)") }?.1
    }
}
