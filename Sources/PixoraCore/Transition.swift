/// How one clip hands over to the next; the raw values are ffmpeg `xfade` names, except `cut`.
public enum TransitionKind: String, NamedChoice {
    case cut, fade, dissolve, fadeblack, fadewhite
    case slideleft, slideright, slideup, slidedown
    case wipeleft, wiperight, wipeup, wipedown
    case circleopen, radial, smoothleft
}

/// A transition at a cut: its kind and how long the two clips overlap.
public struct Transition: Codable, Sendable, Hashable {
    public static let maximumDuration = 3.0

    public var kind: TransitionKind
    /// Seconds the outgoing and incoming clips overlap; 0 for a cut.
    public var duration: Double

    public init(kind: TransitionKind, duration: Double) {
        self.kind = kind
        self.duration = kind == .cut ? 0 : duration
    }

    public static let cut = Transition(kind: .cut, duration: 0)

    /// A duration outside 0…3 s is refused whatever the kind (a cut's is then stored as 0), so no document
    /// carries a length the timeline would have to ignore or echo back.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(TransitionKind.self, forKey: .kind)
        let duration = try container.decode(Double.self, forKey: .duration)
        guard duration.isFinite, (0...Self.maximumDuration).contains(duration) else {
            throw DecodingError.dataCorruptedError(
                forKey: .duration, in: container,
                debugDescription: "must be 0 to \(Self.maximumDuration.formatted()) seconds, got \(duration)")
        }
        self.init(kind: kind, duration: duration)
    }

    /// The longest a transition may be between two clips or scenes of these lengths: half the shorter one, at
    /// most `maximumDuration`.
    public static func longest(between first: Double, and second: Double) -> Double {
        min(min(first, second) / 2, maximumDuration)
    }

    /// Overlap actually used on the timeline (a cut overlaps nothing).
    public var overlap: Double { kind == .cut ? 0 : duration }
}
