import Foundation
import PixoraCore
import PixoraPipeline
import Synchronization

/// The whole progress picture of a job, stored with the job and streamed to clients: a reconnecting client gets
/// everything from one report.
public struct JobProgress: Codable, Sendable, Hashable {
    public var stage: GenerationStage
    /// 0…1 over the whole job.
    public var fraction: Double
    public var message: String
    /// Seconds left, estimated from the time taken so far; nil until there is something to go on.
    public var etaSeconds: Double?
    public var scenes: [SceneProgress]
    /// Things the user should know, e.g. that the embedded generator stood in for a failing provider.
    public var notices: [String]?
    /// What the director agent did so far, in order (agent mode only).
    public var agent: [DirectorStep]?

    public init(
        stage: GenerationStage, fraction: Double, message: String, etaSeconds: Double? = nil,
        scenes: [SceneProgress] = []
    ) {
        self.stage = stage
        self.fraction = fraction
        self.message = message
        self.etaSeconds = etaSeconds
        self.scenes = scenes
    }
}

/// Per-scene part statuses.
public struct SceneProgress: Codable, Sendable, Hashable {
    public var index: Int
    public var voice: PartStatus
    public var image: PartStatus
    public var clip: PartStatus
    public var music: PartStatus
    /// The scene's finished picture (`<key>.png`), shown while the rest is still being made.
    public var imageKey: String?

    public init(
        index: Int, voice: PartStatus = .pending, image: PartStatus = .pending, clip: PartStatus = .pending,
        music: PartStatus = .pending,
        imageKey: String? = nil
    ) {
        self.index = index
        self.imageKey = imageKey
        self.voice = voice
        self.image = image
        self.clip = clip
        self.music = music
    }
}

/// Folds pipeline events into a `JobProgress`, with an ETA from elapsed time.
final class ProgressTracker: Sendable {
    private let state: Mutex<JobProgress>
    private let started = Date()
    /// The stages' start and end times, from the same events.
    let stages: StageClock

    init(sceneCount: Int, stages: StageClock = StageClock()) {
        self.stages = stages
        state = Mutex(
            JobProgress(
                stage: .planning, fraction: 0, message: "starting",
                scenes: (0..<sceneCount).map { SceneProgress(index: $0) }))
    }

    func setSceneCount(_ count: Int) {
        state.withLock { $0.scenes = (0..<count).map { SceneProgress(index: $0) } }
    }

    /// Adds a director step; the list is bounded so every report stays small.
    func record(_ step: DirectorStep) -> JobProgress {
        state.withLock { progress in
            var steps = progress.agent ?? []
            if steps.count < Self.maxAgentSteps { steps.append(step) }
            progress.agent = steps
            return progress
        }
    }

    /// At most 50 rounds of a few calls each; a model calling many tools per round is cut off in the list only.
    static let maxAgentSteps = 200

    func apply(_ event: ProgressEvent) -> JobProgress {
        stages.observe(event)
        return state.withLock { progress in
            progress.stage = event.stage
            progress.fraction = max(progress.fraction, min(event.fraction, 1))
            progress.message = event.message
            if let notice = event.notice, !(progress.notices ?? []).contains(notice),
                (progress.notices ?? []).count < 50
            {
                progress.notices = (progress.notices ?? []) + [notice]
            }
            if let index = event.sceneIndex, let part = event.part, let status = event.status,
                progress.scenes.indices.contains(index)
            {
                switch part {
                case .voice: progress.scenes[index].voice = status
                case .image:
                    progress.scenes[index].image = status
                    if let asset = event.asset { progress.scenes[index].imageKey = asset }
                case .clip: progress.scenes[index].clip = status
                case .music: progress.scenes[index].music = status
                }
            }
            let elapsed = Date().timeIntervalSince(started)
            progress.etaSeconds =
                progress.fraction > 0.05 && progress.fraction < 1
                ? ((elapsed / progress.fraction) * (1 - progress.fraction)).rounded()
                : (progress.fraction >= 1 ? 0 : nil)
            return progress
        }
    }
}
