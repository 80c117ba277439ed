import Foundation

/// How a text overlay enters or leaves.
public enum AnimationType: String, NamedChoice {
    case fade
    case slideUp = "slide-up"
    case slideLeft = "slide-left"
    case pop, typewriter
}

/// One entrance or exit: its kind and how long it takes, in seconds.
public struct AnimationStep: Codable, Sendable, Hashable {
    public static let durationRange: ClosedRange<Double> = 0.05...10

    public var type: AnimationType
    public var duration: Double

    public init(_ type: AnimationType, duration: Double) {
        self.type = type
        self.duration = duration
    }
}

/// A text overlay's entrance (`in`, from its start) and exit (`out`, ending at its end); both optional.
public struct OverlayAnimation: Codable, Sendable, Hashable {
    public var `in`: AnimationStep?
    public var out: AnimationStep?

    public init(in entrance: AnimationStep? = nil, out exit: AnimationStep? = nil) {
        self.in = entrance
        self.out = exit
    }

    public var isEmpty: Bool { self.in == nil && out == nil }

    /// Problems with paths under `path`; both steps together must fit the overlay's `span` seconds.
    public func issues(at path: String, span: Double) -> [DocumentIssue] {
        var issues: [DocumentIssue] = []
        for (name, step) in [("in", self.in), ("out", out)] {
            guard let step else { continue }
            if !step.duration.isFinite || !AnimationStep.durationRange.contains(step.duration) {
                issues.append(
                    .init(
                        "\(path).\(name).duration",
                        "must be between 0.05 and 10 seconds, got \(step.duration.formatted)"))
            }
        }
        let total = (self.in?.duration ?? 0) + (out?.duration ?? 0)
        if issues.isEmpty, span.isFinite, total > span + 0.001 {
            issues.append(
                .init(
                    self.in != nil ? "\(path).in.duration" : "\(path).out.duration",
                    "the animation lasts \(total.formatted) s but the overlay shows for \(span.formatted) s;"
                        + " in and out together must fit in it"))
        }
        return issues
    }

    /// The same animation shortened, in proportion, to fit an overlay now `span` seconds long; nil when nothing
    /// of it is left.
    public func fitted(to span: Double) -> OverlayAnimation? {
        let total = (self.in?.duration ?? 0) + (out?.duration ?? 0)
        guard total > span else { return self }
        let scale = max(span, 0) / total
        func shrink(_ step: AnimationStep?) -> AnimationStep? {
            guard var step else { return nil }
            step.duration = floor(step.duration * scale * 1000) / 1000
            return step.duration >= AnimationStep.durationRange.lowerBound ? step : nil
        }
        let fitted = OverlayAnimation(in: shrink(self.in), out: shrink(out))
        return fitted.isEmpty ? nil : fitted
    }
}
