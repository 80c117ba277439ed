import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import Synchronization

/// Runs and prices the steps of a guided studio project. Every asset is content-addressed like a generated
/// video's, so a rerun makes (and charges for) only what its changed inputs changed.
public struct StudioPipeline: Sendable {
    public let video: VideoPipeline
    public let studio: StudioGenerators
    public var pricing: StudioPricing

    public init(video: VideoPipeline, studio: StudioGenerators = .embedded, pricing: StudioPricing = .standard) {
        self.video = video
        self.studio = studio
        self.pricing = pricing
    }

    var store: AssetStore { video.store }

    /// What running `step` with `request` will cost now; throws a usage error when the request cannot run.
    public func estimate(_ step: StudioStep, _ request: StudioRequest, workflow: StudioWorkflow) throws
        -> StudioEstimate
    {
        let issues = request.issues(for: step)
        guard issues.isEmpty else { throw InvalidDocument(document: "request", issues: issues) }
        switch step {
        case .idea:
            return StudioEstimate(
                step: step, lines: [EstimateLine(item: "three concepts", credits: ideaPrice, cached: false)],
                caveats: [])
        case .storyboard: return try estimateStoryboard(request, workflow)
        case .hero: return try estimateHero(request, workflow)
        case .frames: return try estimateFrames(request, workflow)
        case .clips: return try estimateClips(request, workflow)
        case .audio: return try estimateAudio(request, workflow)
        case .edit:
            _ = try editedState(request, workflow)
            return StudioEstimate(
                step: step, lines: [EstimateLine(item: "timeline", credits: 0, cached: false)], caveats: [])
        case .export: return try estimateExport(request, workflow)
        }
    }

    /// Runs `step`: returns the workflow's outputs with that step's part replaced, and what the run really cost
    /// (items found in the store cost nothing; a clip made by a cheaper fallback costs that model's price). Export
    /// writes its files into `scratch` (`export.<format>`, `export.jpg`); the caller keeps them.
    public func run(
        _ step: StudioStep, _ request: StudioRequest, workflow: StudioWorkflow, scratch: URL,
        progress: ProgressHandler? = nil
    ) async throws -> StudioRun {
        // Each step may run on a different worker from the steps it builds on.
        try await store.fetch(workflow.outputs.assets.union(workflow.outputs.voiceTimings))
        var outputs = workflow.outputs
        let spent = SpendTally()
        switch step {
        case .idea: outputs.idea = try await runIdea(request, workflow, spent: spent)
        case .storyboard: outputs.storyboard = try await runStoryboard(request, workflow, spent, progress: progress)
        case .hero: outputs.hero = try await runHero(request, workflow, spent, progress: progress)
        case .frames: outputs.frames = try await runFrames(request, workflow, spent, progress: progress)
        case .clips: outputs.clips = try await runClips(request, workflow, spent, progress: progress)
        case .audio: outputs.audio = try await runAudio(request, workflow, spent, progress: progress)
        case .edit: outputs.edit = try editedState(request, workflow)
        case .export:
            outputs.export = try await runExport(request, workflow, scratch: scratch, progress: progress)
            spent.add(pricing.export(outputs.export?.quality ?? workflow.settings.quality))
        }
        return StudioRun(outputs: outputs, credits: spent.total)
    }

    /// The idea step is free with the rules; a language model's call costs a credit.
    var ideaPrice: Int { studio.concepts.id == RuleBasedConceptWriter().id ? 0 : 1 }

    /// The outputs with the person's pick applied (`choice` among concepts or hero candidates, or an edited
    /// concept); other steps take no selection.
    public func select(_ step: StudioStep, _ selection: StudioSelection, workflow: StudioWorkflow) throws
        -> StudioOutputs
    {
        var outputs = workflow.outputs
        switch step {
        case .idea:
            guard var idea = outputs.idea else { throw UsageError("The idea step has no concepts yet.") }
            if let choice = selection.choice {
                guard idea.concepts.indices.contains(choice) else {
                    throw UsageError("choice must be 0 to \(idea.concepts.count - 1), got \(choice)")
                }
                idea.chosen = choice
                idea.concept = idea.concepts[choice]
            }
            if let concept = selection.concept {
                let issues = concept.validate()
                guard issues.isEmpty else { throw InvalidDocument(document: "concept", issues: issues) }
                idea.concept = concept
            }
            outputs.idea = idea
        case .hero:
            guard var hero = outputs.hero else { throw UsageError("The hero step has no candidates yet.") }
            if let choice = selection.choice {
                guard hero.candidates.indices.contains(choice) else {
                    throw UsageError("choice must be 0 to \(hero.candidates.count - 1), got \(choice)")
                }
                hero.chosen = choice
            }
            if selection.concept != nil { throw UsageError("concept: only the idea step takes an edited concept") }
            outputs.hero = hero
        default:
            if selection.choice != nil || selection.concept != nil {
                throw UsageError("The \(step.rawValue) step has nothing to choose from; approve it without a choice.")
            }
        }
        return outputs
    }

    // MARK: Shared

    /// The approved output of an earlier step, which this one needs.
    func require<T>(_ value: T?, _ step: StudioStep) throws -> T {
        guard let value else { throw UsageError("The \(step.rawValue) step has no output yet.") }
        return value
    }

    /// The project's settings as the approved concept shaped them.
    func settings(_ workflow: StudioWorkflow) -> Settings {
        var settings = workflow.settings
        if let concept = workflow.outputs.idea?.concept {
            settings.durationSeconds = Double(concept.durationSeconds)
            settings.tone = concept.tone
        }
        return settings
    }

    func report(_ progress: ProgressHandler?, _ stage: GenerationStage, done: Int, of total: Int, _ message: String) {
        progress?(
            ProgressEvent(
                stage: stage, fraction: Double(done) / Double(max(total, 1)), message: message))
    }

    func key<Inputs: Encodable>(_ generator: any Generator, _ inputs: Inputs, ext: String) throws -> AssetRef {
        try video.key(generator, inputs, ext: ext)
    }
}

/// A finished run: the outputs, and the credits it really used (at most what its estimate charged).
public struct StudioRun: Sendable {
    public var outputs: StudioOutputs
    public var credits: Int
}

/// Credits a run incurs as it goes, from its concurrent parts.
final class SpendTally: Sendable {
    private let value = Mutex(0)

    func add(_ credits: Int) { value.withLock { $0 += credits } }
    var total: Int { value.withLock { $0 } }
}

/// What the person picked when approving: a concept or hero candidate by index, or an edited concept.
public struct StudioSelection: Codable, Sendable, Hashable {
    public var choice: Int?
    public var concept: StoryConcept?

    public init(choice: Int? = nil, concept: StoryConcept? = nil) {
        self.choice = choice
        self.concept = concept
    }
}
