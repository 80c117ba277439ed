/// A video model the `clips` step can route a scene to, with what it can make and what it costs.
public struct VideoModel: Codable, Sendable, Hashable, Identifiable {
    /// "embedded.morph", "fal.kling-2.1-pro", "fal.veo-3.1-flf", "fal.hailuo-02", "openai.sora-2".
    public var id: String
    public var name: String
    /// "embedded", "fal" or "openai".
    public var provider: String
    /// The lengths (seconds) the model can make; empty means any length in `VideoModel.anyLength`.
    public var clipLengths: [Double]
    public var aspectRatios: [AspectRatio]
    public var startFrame: Bool
    public var endFrame: Bool
    public var creditsPerSecond: Int
    public var offline: Bool
    /// Configured on this server (the embedded model always is).
    public var available: Bool

    /// The lengths a model with no fixed `clipLengths` can make.
    public static let anyLength: ClosedRange<Double> = 1...30

    public init(
        id: String, name: String, provider: String, clipLengths: [Double], aspectRatios: [AspectRatio],
        startFrame: Bool, endFrame: Bool, creditsPerSecond: Int, offline: Bool, available: Bool
    ) {
        self.id = id
        self.name = name
        self.provider = provider
        self.clipLengths = clipLengths
        self.aspectRatios = aspectRatios
        self.startFrame = startFrame
        self.endFrame = endFrame
        self.creditsPerSecond = creditsPerSecond
        self.offline = offline
        self.available = available
    }

    /// The length the model makes for a scene of `duration` seconds: the shortest supported length that holds the
    /// scene, else the longest it has.
    public func clipLength(for duration: Double) -> Double {
        guard !clipLengths.isEmpty else {
            return min(max(duration, Self.anyLength.lowerBound), Self.anyLength.upperBound)
        }
        let sorted = clipLengths.sorted()
        return sorted.first { $0 >= duration - Self.lengthTolerance } ?? sorted[sorted.count - 1]
    }

    /// Whether a clip of `duration` seconds can be made without slowing a shorter clip down to fill it.
    public func holds(duration: Double) -> Bool {
        clipLength(for: duration) >= duration - Self.lengthTolerance
            && (clipLengths.isEmpty ? duration <= Self.anyLength.upperBound + Self.lengthTolerance : true)
    }

    /// Half a frame at 24 fps: lengths closer than this are the same length.
    static let lengthTolerance = 0.02
}
