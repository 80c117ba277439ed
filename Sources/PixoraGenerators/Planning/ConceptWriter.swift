import Foundation
import PixoraCore

/// Proposes ways to tell a topic (the studio's `idea` step): title, logline, audience, tone and length each.
public protocol ConceptWriter: Generator {
    /// `count` concepts (1...`ConceptLimits.maximumCount`) with distinct titles, each valid (`StoryConcept.validate`).
    func concepts(topic: String, settings: Settings, count: Int) async throws -> [StoryConcept]
}

/// What every concept writer accepts, so the embedded and the language model writers refuse the same requests.
public enum ConceptLimits {
    public static let maximumCount = 6
    public static let maximumTopicLength = 4000

    /// The topic trimmed, or a usage error naming what is wrong with the request.
    public static func checked(topic: String, settings: Settings, count: Int) throws -> String {
        let trimmed = topic.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw UsageError("the topic is empty; say what the video is about") }
        guard trimmed.count <= maximumTopicLength else {
            throw UsageError("the topic is \(trimmed.count) characters; at most \(maximumTopicLength) are allowed")
        }
        guard (1...maximumCount).contains(count) else {
            throw UsageError("between 1 and \(maximumCount) concepts can be asked for, got \(count)")
        }
        let issues = settings.validate()
        guard issues.isEmpty else { throw InvalidDocument(document: "settings", issues: issues) }
        return trimmed
    }
}
