import Foundation
import PixoraCore
import PixoraPipeline
import PixoraStore
import SQLKit
import Synchronization

/// Runs one step of a guided studio project. The step was charged when it was queued; the outputs are recorded
/// in the transaction that completes the job, and a run that fails for good is refunded once and marked failed.
struct StudioStepJob: JobHandler {
    let workshop: VideoWorkshop
    var kind: JobKind { .studioStep }

    func run(_ context: JobContext) async throws {
        let payload = try context.job.payload(as: StudioStepPayload.self)
        guard let id = context.job.projectId,
            let project = try await workshop.database.read({ db in try await Projects.find(db, id: id) }),
            let workflow = project.workflow
        else { throw UsageError("the project of this job no longer exists") }
        let studio = StudioPipeline(video: workshop.pipeline, studio: workshop.studio)
        let scratch = try workshop.media.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (stream, continuation) = AsyncStream.makeStream(of: JobProgress.self, bufferingPolicy: .bufferingNewest(1))
        let writer = Task { for await progress in stream { await context.report(progress) } }
        let result: StudioRun
        // Notices (a clip a model failed to make well, remade on the next) stay in every report after theirs.
        let notices = Mutex<[String]>([])
        do {
            result = try await studio.run(payload.step, payload.request, workflow: workflow, scratch: scratch) {
                event in
                var progress = JobProgress(
                    stage: event.stage, fraction: min(max(event.fraction, 0), 0.99), message: event.message)
                progress.notices = notices.withLock { kept in
                    if let notice = event.notice, !kept.contains(notice), kept.count < 50 { kept.append(notice) }
                    return kept.isEmpty ? nil : kept
                }
                continuation.yield(progress)
            }
        } catch {
            continuation.finish()
            await writer.value
            throw error
        }
        continuation.finish()
        await writer.value
        var outputs = result.outputs

        var placed: [String] = []
        if var export = outputs.export, payload.step == .export {
            // Named per attempt: a worker that lost its lease must not remove the file the winner placed.
            let take = context.job.attempts
            let fileKey = MediaFolder.exportKey(
                project: id, run: payload.run, attempt: take, ext: export.format.rawValue)
            let thumbnailKey = MediaFolder.exportKey(project: id, run: payload.run, attempt: take, ext: "jpg")
            do {
                try await workshop.storage.store(
                    scratch.appendingPathComponent(export.file), as: fileKey, contentType: export.format.mimeType)
                placed.append(fileKey)
                if FileManager.default.fileExists(atPath: scratch.appendingPathComponent(export.thumbnail).path) {
                    try await workshop.storage.store(
                        scratch.appendingPathComponent(export.thumbnail), as: thumbnailKey, contentType: "image/jpeg")
                    placed.append(thumbnailKey)
                }
            } catch {
                await discard(placed)
                throw error
            }
            export.file = fileKey
            export.thumbnail = placed.count > 1 ? thumbnailKey : ""
            outputs.export = export
        }
        var final = JobProgress(stage: .done, fraction: 1, message: "\(payload.step.title): ready for review")
        final.notices = notices.withLock { $0.isEmpty ? nil : $0 }
        do {
            try await context.complete(final: final) { db in
                try await StudioProjects.complete(
                    db, id: id, owner: context.job.userId ?? project.userId, payload: payload, outputs: outputs,
                    spent: result.credits)
                try await WebhookEvents.step(db, project: id, payload: payload)
            }
        } catch {
            await discard(placed)
            throw error
        }
        // The previous export is replaced, not kept beside it.
        if payload.step == .export, let previous = workflow.outputs.export {
            await discard([previous.file, previous.thumbnail].filter { !$0.isEmpty && !placed.contains($0) })
        }
    }

    /// Removes stored objects no row will point at: an attempt that cannot record what it stored leaves nothing
    /// behind (the next attempt stores under its own keys), and a replaced export goes.
    private func discard(_ keys: [String]) async {
        for key in keys { try? await workshop.storage.remove(key) }
    }

    func failed(_ job: Job, error: String, in db: any SQLDatabase) async throws {
        guard let project = job.projectId, let owner = job.userId,
            let payload = try? job.payload(as: StudioStepPayload.self)
        else { return }
        try await StudioProjects.fail(db, id: project, owner: owner, payload: payload, error: error)
    }
}
