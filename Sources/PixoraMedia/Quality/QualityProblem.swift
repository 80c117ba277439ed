/// One way a generated asset or a render falls short, with the words a person reads in the job's progress.
public struct QualityProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case wrongSize = "wrong size"
        case wrongLength = "wrong length"
        case wrongFrameRate = "wrong frame rate"
        case black = "black picture"
        case frozen = "frozen clip"
        case sceneJump = "scene jump"
        case silent = "silent"
        case clipped = "clipped"
        case loopClick = "click at the loop seam"
        case loudness = "wrong loudness"
        case truePeak = "true peak too high"
    }

    public var kind: Kind
    /// What was measured, in words: "frozen for 2.4 s from 1.1 s".
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "\(kind.rawValue): \(reason)" }
}

/// What a check measured and what it found wrong; `passed` when nothing.
public struct QualityResult<Measured: Sendable & Equatable>: Sendable, Equatable {
    public var measured: Measured
    public var problems: [QualityProblem]

    public init(measured: Measured, problems: [QualityProblem]) {
        self.measured = measured
        self.problems = problems
    }

    public var passed: Bool { problems.isEmpty }
    /// The first problem's short name ("frozen clip") for a progress line, nil when it passed.
    public var summary: String? { problems.first?.kind.rawValue }
    /// Every problem with its measurements, for a job's failure message.
    public var reasons: String { problems.map(\.description).joined(separator: "; ") }
}

/// A stretch of an asset, in seconds from its start.
public struct TimeStretch: Sendable, Equatable {
    public var start: Double
    public var end: Double
    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }
    public var length: Double { end - start }
}

extension Double {
    /// "2.4" — seconds or decibels as a progress line shows them.
    var tenths: String { String(format: "%.1f", self) }
}
