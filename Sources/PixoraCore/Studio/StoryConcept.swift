import Foundation

/// One way to tell a topic, proposed by the studio's `idea` step: the person picks one of three or edits it, and
/// the storyboard is written from it.
public struct StoryConcept: Codable, Sendable, Hashable {
    public static let durationRange: ClosedRange<Int> = 5...120
    public static let titleLimit = 80
    public static let loglineLimit = 300
    public static let audienceLimit = 120

    public var title: String
    /// One or two sentences: what the video shows and why it is worth watching.
    public var logline: String
    /// Who it is made for, in words ("families with young children").
    public var audience: String
    public var tone: Tone
    /// Seconds, within `durationRange`.
    public var durationSeconds: Int

    public init(title: String, logline: String, audience: String, tone: Tone, durationSeconds: Int) {
        self.title = title
        self.logline = logline
        self.audience = audience
        self.tone = tone
        self.durationSeconds = durationSeconds
    }

    /// Field-level problems, empty when the concept can be planned from.
    public func validate() -> [DocumentIssue] {
        var issues: [DocumentIssue] = []
        let texts = [("title", title, Self.titleLimit), ("logline", logline, Self.loglineLimit)]
        for (path, text, limit) in texts + [("audience", audience, Self.audienceLimit)] {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                issues.append(.init(path, "must not be empty"))
            } else if trimmed.count > limit {
                issues.append(.init(path, "is \(trimmed.count) characters; at most \(limit) are allowed"))
            }
        }
        if !Self.durationRange.contains(durationSeconds) {
            issues.append(.init("durationSeconds", "must be between 5 and 120 seconds, got \(durationSeconds)"))
        }
        return issues
    }
}
