import Foundation
import PixoraStore
import SQLKit

/// Deletes the files of videos whose retention ended and marks them `expired`, keeping their records
/// (`MediaExpiry.sweep`: safe to run twice or on many workers at once). Videos left over past one batch are still
/// due, so the next expiry check queues another run.
struct ExpireMediaJob: JobHandler {
    let workshop: VideoWorkshop
    var kind: JobKind { .expireMedia }

    func run(_ context: JobContext) async throws {
        let now = Clock.nowMillis()
        let cleaned = try await MediaExpiry.sweep(
            database: workshop.database, media: workshop.media, storage: workshop.mediaStorage, now: now)
        let others = try await MediaExpiry.sweepUploadsAndExports(
            database: workshop.database, storage: workshop.storage, now: now)
        let done = JobProgress(
            stage: .done, fraction: 1,
            message: "deleted the files of \(cleaned) expired videos and \(others) expired uploads and exports")
        try await context.complete(final: done) { _ in }
    }

    /// Nothing to undo: every step of a sweep stands on its own.
    func failed(_ job: Job, error: String, in db: any SQLDatabase) async throws {}
}
