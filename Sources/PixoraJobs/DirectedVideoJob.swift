import Foundation
import PixoraCore
import PixoraPipeline
import PixoraStore

/// How a `generate_video` job makes its video.
public enum GenerationMode: String, Codable, Sendable, CaseIterable {
    /// The planner, then every asset, then the render.
    case pipeline
    /// The director agent: a language model writes, plans, generates and edits with tools; then the render.
    case agent
}

extension GenerateVideoJob {
    /// Agent mode. The director gets the settings that were paid for and the step limit; each of its steps is
    /// stored in the job's progress as it happens, so the event stream and a reloaded progress page show them.
    /// Running out of steps, or the model failing after the provider's retries, fails the job (one attempt: a new
    /// attempt would pay for every model call again), and the failure refunds the video.
    func directed(_ context: JobContext, video: Video, steps: Int) async throws {
        guard let director = workshop.director else {
            throw UsageError("agent mode needs a language model, and this worker has none configured")
        }
        guard let settings = video.settings else { throw UsageError("the video has no settings") }
        let tracker = ProgressTracker(sceneCount: 0)
        tracker.stages.mark(.plan)
        let writer = StepWriter(context: context)
        writer.send(
            tracker.apply(ProgressEvent(stage: .planning, fraction: 0, message: "the director is at work")),
            force: true)
        let observer = DirectorObserver(
            progress: { event in writer.send(tracker.apply(event), force: false) },
            planned: { plan in
                tracker.stages.mark(.plan)
                tracker.setSceneCount(plan.scenes.count)
            },
            step: { step in writer.send(tracker.record(step), force: true) })
        let made: AssembledVideo
        do {
            made = try await director.direct(
                prompt: video.prompt, settings: settings, maxSteps: steps, observer: observer)
            await writer.close()
        } catch {
            await writer.close()
            throw error
        }
        try await finish(context, video: video, made: made, tracker: tracker, newPlan: true)
    }
}

/// Stores progress reports in the order they were made: a director step is always written (there are few, and a
/// page reloaded after a failure must still show the last one); media events are throttled as usual.
final class StepWriter: Sendable {
    private let continuation: AsyncStream<(JobProgress, Bool)>.Continuation
    private let task: Task<Void, Never>

    init(context: JobContext) {
        let (stream, continuation) = AsyncStream.makeStream(of: (JobProgress, Bool).self)
        self.continuation = continuation
        task = Task {
            for await (progress, force) in stream {
                if force {
                    guard let json = try? String(decoding: JSONEncoder().encode(progress), as: UTF8.self) else {
                        continue
                    }
                    try? await Jobs.reportProgress(
                        in: context.database, id: context.job.id, owner: context.worker, progress: json)
                } else {
                    await context.report(progress)
                }
            }
        }
    }

    func send(_ progress: JobProgress, force: Bool) { continuation.yield((progress, force)) }

    /// Waits until everything sent is stored.
    func close() async {
        continuation.finish()
        await task.value
    }
}
