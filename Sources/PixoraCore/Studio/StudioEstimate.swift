/// What running a step will charge, item by item, and what the chosen models cannot do, said before any charge.
public struct StudioEstimate: Codable, Sendable, Hashable {
    public var step: StudioStep
    public var credits: Int
    public var lines: [EstimateLine]
    /// Sentences naming what will not be honoured (an end frame a model cannot use, a length it rounds to).
    public var caveats: [String]

    public init(step: StudioStep, lines: [EstimateLine], caveats: [String]) {
        self.step = step
        self.lines = lines
        self.caveats = caveats
        credits = lines.reduce(0) { $0 + $1.credits }
    }
}

/// One priced item; an item already made (same inputs, found in the asset store) costs nothing.
public struct EstimateLine: Codable, Sendable, Hashable {
    public var item: String
    public var sceneId: String?
    public var model: String?
    public var credits: Int
    public var cached: Bool

    public init(item: String, sceneId: String? = nil, model: String? = nil, credits: Int, cached: Bool) {
        self.item = item
        self.sceneId = sceneId
        self.model = model
        self.credits = cached ? 0 : credits
        self.cached = cached
    }
}

/// The studio's unit prices, in credits. Clips are priced by their model (`VideoModel.creditsPerSecond`).
public struct StudioPricing: Sendable, Hashable {
    public var plan = 1
    public var voicePerScene = 1
    public var image = 1
    public var effect = 1
    public var musicTrack = 1

    public init() {}

    public static let standard = StudioPricing()

    public func export(_ quality: Quality) -> Int {
        switch quality {
        case .p480: 1
        case .p720: 2
        case .p1080: 4
        }
    }
}
