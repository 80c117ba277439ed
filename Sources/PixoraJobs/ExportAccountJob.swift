import Foundation
import PixoraCore
import PixoraStore
import SQLKit

/// Makes a user's data export: the zip is written to a scratch file and stored (renamed into the folder, or
/// uploaded to the bucket) only when complete, then recorded with its expiry in the transaction that completes the job.
struct ExportAccountJob: JobHandler {
    let workshop: VideoWorkshop
    var kind: JobKind { .exportAccount }

    func run(_ context: JobContext) async throws {
        let payload = try context.job.payload(as: ExportAccountPayload.self)
        guard let user = context.job.userId,
            try await workshop.database.read({ db in try await AccountExports.find(db, id: payload.exportId) })
                != nil
        else { throw UsageError("the export of this job no longer exists") }
        try await workshop.database.read { db in try await AccountExports.markRunning(db, id: payload.exportId) }
        await context.report(Self.progress(0, "collecting your videos and projects"))
        let scratch = try workshop.media.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("export.zip")
        let archive = AccountArchive(
            database: workshop.database, storage: workshop.storage, scratch: scratch)
        try await archive.write(user: user, to: file) { fraction in
            await context.report(Self.progress(fraction * 0.99, "writing the archive"))
        }
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value ?? 0
        let key = MediaFolder.accountExportKey(export: payload.exportId)
        try await workshop.storage.store(file, as: key, contentType: "application/zip")
        let done = Self.progress(1, "ready: \(size) bytes")
        var recorded = false
        do {
            try await context.complete(final: done) { db in
                recorded = try await AccountExports.complete(
                    db, id: payload.exportId, fileKey: key, size: size,
                    expiresAt: Clock.nowMillis() + AccountExports.lifetime)
                if recorded {
                    try await Notifications.post(
                        db, userId: user, kind: .exportReady, title: "Your data export is ready",
                        body: "A zip of your videos, projects and account (\(Self.size(size))) is ready to download"
                            + " for 24 hours.",
                        link: "/profile", eventKey: "export_ready:\(payload.exportId)")
                }
            }
        } catch {
            // Every attempt writes the same key: a worker that lost its lease must not remove the zip that the
            // worker which took the job over has stored and recorded.
            let recordedElsewhere = try? await workshop.database.read { db in
                try await AccountExports.find(db, id: payload.exportId)?.fileKey == key
            }
            if recordedElsewhere != true { try? await workshop.storage.remove(key) }
            throw error
        }
        // The owner cleared their data (or left) while the zip was written: it must not outlive the request.
        if !recorded { try? await workshop.storage.remove(key) }
    }

    func failed(_ job: Job, error: String, in db: any SQLDatabase) async throws {
        let payload = try job.payload(as: ExportAccountPayload.self)
        try await AccountExports.fail(db, id: payload.exportId, error: error)
    }

    static func size(_ bytes: Int64) -> String {
        bytes < 1_000_000 ? "\(max(bytes / 1000, 1)) KB" : String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }

    static func progress(_ fraction: Double, _ message: String) -> JobProgress {
        JobProgress(stage: fraction >= 1 ? .done : .rendering, fraction: min(max(fraction, 0), 1), message: message)
    }
}
