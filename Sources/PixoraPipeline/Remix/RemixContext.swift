import PixoraCore
import PixoraMedia

/// What a remix plan is edited against besides the plan itself: the sample's analysis (for "more like shot 3"),
/// the user's topic, and what the project has uploaded (so "use my music" can fail clearly without an upload).
public struct RemixContext: Sendable, Hashable {
    public var analysis: SampleAnalysis
    public var topic: String
    /// Everything the project uploaded, whether or not the plan uses it now.
    public var uploads: PlanMedia

    public init(analysis: SampleAnalysis, topic: String, uploads: PlanMedia = PlanMedia()) {
        self.analysis = analysis
        self.topic = topic
        self.uploads = uploads
    }
}

/// The limits of a remix video: a phone-sized clip of at most a minute, in scenes a video model can make.
public enum RemixLimits {
    public static let shortestVideo = Settings.durationRange.lowerBound
    public static let longestVideo = 60.0
    public static let shortestScene = Plan.sceneDurationRange.lowerBound
    public static let longestScene = 15.0
    /// Transitions are kept short so that a scene's visible part plus half of each overlap stays within 15 s.
    public static let longestOverlap = 1.5
    /// The longest visible part of a scene: the 15 s cap less the overlaps it may carry.
    public static let longestVisible = longestScene - longestOverlap
    public static let mostScenes = Plan.maximumScenes
}
