import Foundation
import SQLKit

/// What a pause or resume found: the transition made, or why none was.
public enum PauseOutcome: Sendable, Equatable {
    /// The video and its generation job changed state (or a pause found it paused already).
    case done
    /// The video is not generating (finished, or never started a generation job): nothing to pause or resume.
    case notGenerating(VideoStatus)
    /// Resume of a video that is not paused.
    case notPaused(VideoStatus)
}

/// Pausing and resuming a video's generation. The price was charged up front and stays charged while paused; a
/// cancel from paused refunds it once like any cancel (`finishUnsuccessfully`). Assets already made stay in the
/// content-addressed store, so the resumed job finds them and generates only what is missing.
extension Videos {
    /// Stops the video's generation job: a queued one is held, a running one loses its lease (its worker notices at
    /// the next heartbeat and stops; the attempt it used is given back, since a pause is not a failure). Takes the
    /// job row before the video row, the order a finishing worker takes them. Call inside a transaction.
    public static func pause(_ db: any SQLDatabase, owner: String, id: String) async throws -> PauseOutcome? {
        guard let video = try await find(db, owner: owner, id: id) else { return nil }
        guard [.queued, .running, .paused].contains(video.status) else { return .notGenerating(video.status) }
        let now = Clock.nowMillis()
        let jobs = try await Jobs.hold(db, .video(id), kind: .generateVideo, at: now)
        if jobs == 0 {
            // Nothing was written. A pause that raced this one paused it already; otherwise the job finished
            // meanwhile, and the video's fresh status says how.
            let fresh = try await find(db, id: id)?.status ?? video.status
            return fresh == .paused ? .done : .notGenerating(fresh)
        }
        try await db.raw(
            "UPDATE videos SET status = 'paused', updated_at = \(bind: now) WHERE id = \(bind: id)"
        ).run()
        return .done
    }

    /// Queues the paused generation job again, due now; the video is `queued` until a worker takes it.
    /// Call inside a transaction.
    public static func resume(_ db: any SQLDatabase, owner: String, id: String) async throws -> PauseOutcome? {
        guard let video = try await find(db, owner: owner, id: id) else { return nil }
        guard video.status == .paused else { return .notPaused(video.status) }
        let now = Clock.nowMillis()
        let jobs = try await Jobs.release(db, .video(id), at: now)
        // A resume that raced this one took the job first; nothing was written.
        guard jobs > 0 else { return .notPaused(try await find(db, id: id)?.status ?? video.status) }
        try await db.raw("UPDATE videos SET status = 'queued', updated_at = \(bind: now) WHERE id = \(bind: id)").run()
        return .done
    }

    /// Marks the video `running` as its worker starts, unless it was paused (or finished) meanwhile: the worker
    /// stops at its next heartbeat and must not show the video as generating.
    public static func markRunning(_ db: any SQLDatabase, id: String) async throws {
        try await db.raw(
            """
            UPDATE videos SET status = 'running', error = NULL, updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id) AND status IN ('queued', 'running')
            """
        ).run()
    }
}
