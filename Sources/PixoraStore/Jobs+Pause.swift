import Foundation
import SQLKit

/// The work a job belongs to, for the moves that act on all of its jobs: a video's generation or a studio
/// project's step.
enum JobWork: Sendable {
    case video(String)
    case project(String)

    var column: String {
        switch self {
        case .video: "video_id"
        case .project: "project_id"
        }
    }

    var id: String {
        switch self {
        case .video(let id), .project(let id): id
        }
    }
}

/// The job side of a pause, a resume and a cancel (`Videos+Pause`, `StudioProjects+Pause`): held jobs are
/// `paused`, which no claim reads.
extension Jobs {
    /// Holds the queued or running jobs of `kind` for `work`: lease cleared, and a running job's attempt given
    /// back, since a pause is not a failure (its worker stops at its next heartbeat). How many were held.
    static func hold(_ db: any SQLDatabase, _ work: JobWork, kind: JobKind, at now: Int64) async throws -> Int {
        try await db.raw(
            """
            UPDATE jobs SET state = 'paused', lease_owner = NULL, lease_expires_at = NULL,
                attempts = CASE WHEN state = 'running' AND attempts > 0 THEN attempts - 1 ELSE attempts END,
                updated_at = \(bind: now)
            WHERE \(unsafeRaw: work.column) = \(bind: work.id) AND kind = \(bind: kind.rawValue)
                AND state IN ('queued', 'running') RETURNING id
            """
        ).all().count
    }

    /// Queues the paused jobs of `work` again, due now. How many were released.
    static func release(_ db: any SQLDatabase, _ work: JobWork, at now: Int64) async throws -> Int {
        try await db.raw(
            """
            UPDATE jobs SET state = 'queued', run_at = \(bind: now), updated_at = \(bind: now)
            WHERE \(unsafeRaw: work.column) = \(bind: work.id) AND state = 'paused' RETURNING id
            """
        ).all().count
    }

    /// Cancels the unfinished jobs of `work` (of `kind` only, when given): a running worker stops at its next
    /// heartbeat. How many were cancelled.
    @discardableResult
    static func cancel(_ db: any SQLDatabase, _ work: JobWork, kind: JobKind? = nil, at now: Int64) async throws
        -> Int
    {
        let ofKind: SQLQueryString = kind.map { "AND kind = \(bind: $0.rawValue)" } ?? ""
        return try await db.raw(
            """
            UPDATE jobs SET state = 'cancelled', lease_owner = NULL, lease_expires_at = NULL, updated_at = \(bind: now)
            WHERE \(unsafeRaw: work.column) = \(bind: work.id) \(ofKind) AND state IN ('queued', 'running', 'paused')
            RETURNING id
            """
        ).all().count
    }
}
