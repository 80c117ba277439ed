import Foundation
import PixoraCore

/// The director agent as the jobs see it: a language model that makes the whole video with tools (implemented by
/// `VideoDirector` on a chat model). The jobs depend on this seam, not on the providers.
public protocol VideoDirecting: Sendable {
    /// Makes the plan, its media and the timeline for `settings`, which are what was paid for: the agent may not
    /// make the video longer or larger. At most `maxSteps` model rounds; `observer` hears every step as it happens.
    func direct(prompt: String, settings: Settings, maxSteps: Int, observer: DirectorObserver) async throws
        -> AssembledVideo
}

/// Who listens to the director while it works.
public struct DirectorObserver: Sendable {
    /// The pipeline's events while media are made.
    public var progress: ProgressHandler?
    /// A new plan was made or revised (its scene count sizes the per-scene progress).
    public var planned: @Sendable (Plan) async -> Void
    /// One step: a thought or a tool call with its result.
    public var step: @Sendable (DirectorStep) async -> Void

    public init(
        progress: ProgressHandler? = nil, planned: @escaping @Sendable (Plan) async -> Void = { _ in },
        step: @escaping @Sendable (DirectorStep) async -> Void = { _ in }
    ) {
        self.progress = progress
        self.planned = planned
        self.step = step
    }
}

/// One thing the director did, as the progress stream and page show it. Every text is the model's or made from
/// its arguments, so clients must escape it.
public struct DirectorStep: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// What the model said alongside its tool calls (its reasoning summary).
        case thought
        /// A tool call and what came of it.
        case tool
    }

    /// The model round it belongs to, from 1.
    public var round: Int
    public var kind: Kind
    /// The tool's name (`tool` steps).
    public var tool: String?
    /// The call's arguments, shortened (`tool` steps).
    public var arguments: String?
    /// What the tool did or answered, or the thought itself; shortened.
    public var summary: String

    /// Longest text kept per field: the stream carries every step on every report.
    public static let maxText = 240

    public init(round: Int, kind: Kind, tool: String? = nil, arguments: String? = nil, summary: String) {
        self.round = round
        self.kind = kind
        self.tool = tool
        self.arguments = arguments.map(Self.shortened)
        self.summary = Self.shortened(summary)
    }

    /// One line of at most `maxText` characters, an ellipsis marking a cut.
    public static func shortened(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        guard line.count > maxText else { return line }
        return String(line.prefix(maxText - 1)) + "…"
    }
}
