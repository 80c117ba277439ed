/// What a sound effect is made from.
public struct SoundEffectRequest: Codable, Sendable, Hashable {
    /// What the user typed, e.g. "gentle rain on a window".
    public var description: String
    /// Seconds, 0.5 … 30.
    public var duration: Double
    public var seed: UInt64

    public static let durations: ClosedRange<Double> = 0.5...30

    public init(description: String, duration: Double, seed: UInt64) {
        self.description = description
        self.duration = duration
        self.seed = seed
    }
}
