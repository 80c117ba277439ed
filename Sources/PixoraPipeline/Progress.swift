import PixoraCore

/// The stages of making a video, in order; `analysis` is a sample's analysis job, which has only that stage.
public enum GenerationStage: String, Codable, Sendable, CaseIterable {
    case analysis, planning, voice, visuals, music, rendering, done

    /// Share of the whole job finished when this stage starts, and its weight.
    var span: (start: Double, weight: Double) {
        switch self {
        case .analysis: (0, 1)
        case .planning: (0, 0.02)
        case .voice: (0.02, 0.08)
        case .visuals: (0.10, 0.45)
        case .music: (0.55, 0.05)
        case .rendering: (0.60, 0.40)
        case .done: (1, 0)
        }
    }
}

/// One per-scene asset.
public enum ScenePart: String, Codable, Sendable, CaseIterable {
    case voice, image, clip, music
}

/// Where one scene part stands.
public enum PartStatus: String, Codable, Sendable {
    case pending, working, done, reused, failed
}

/// A progress report: the stage, an overall fraction, and optionally one scene part's status.
public struct ProgressEvent: Codable, Sendable, Equatable {
    public var stage: GenerationStage
    /// 0…1 over the whole job.
    public var fraction: Double
    public var sceneIndex: Int?
    public var part: ScenePart?
    public var status: PartStatus?
    /// The asset a finished part made (`<key>.png` for a picture).
    public var asset: String?
    /// Something the user should know, kept for the rest of the job (a fallback stood in for a provider).
    public var notice: String?
    public var message: String

    public init(
        stage: GenerationStage, fraction: Double, sceneIndex: Int? = nil, part: ScenePart? = nil,
        status: PartStatus? = nil,
        asset: String? = nil, notice: String? = nil, message: String
    ) {
        self.notice = notice
        self.stage = stage
        self.fraction = fraction
        self.sceneIndex = sceneIndex
        self.part = part
        self.status = status
        self.asset = asset
        self.message = message
    }

    /// The overall fraction when `done` of a stage's `total` pieces are finished.
    public static func fraction(_ stage: GenerationStage, done: Double, of total: Double) -> Double {
        let span = stage.span
        return span.start + span.weight * (total > 0 ? min(done / total, 1) : 1)
    }
}

public typealias ProgressHandler = @Sendable (ProgressEvent) -> Void
