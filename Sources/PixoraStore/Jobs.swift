import Foundation
import SQLKit

/// Where a job stands.
public enum JobState: String, StoredEnum {
    case queued, running, succeeded, failed, cancelled
    /// Stopped by its owner (`Videos.pause`): held, no lease, claimed by no worker until resumed.
    case paused

    public static let table = "jobs"
    public static let column = "state"
}

/// The kinds of background job: a video's, or a project's sample analysis.
public enum JobKind: String, StoredEnum {
    case generateVideo = "generate_video"
    case regenerateScene = "regenerate_scene"
    case renderVersion = "render_version"
    case analyzeSample = "analyze_sample"
    case studioStep = "studio_step"
    /// Deletes the files of videos whose retention ended; one at a time (migration 9).
    case expireMedia = "expire_media"
    /// Writes a zip of everything a user has (`account_exports`, migration 14).
    case exportAccount = "export_account"
    /// One attempt of one webhook delivery (`WebhookDeliveries`, migration 15).
    case deliverWebhook = "deliver_webhook"
    /// Mails one notification to its owner (`Notifications.post`, migration 12).
    case notificationMail = "notification_mail"
    /// Grants the monthly allowances that are due; one at a time (migration 17).
    case grantAllowances = "grant_allowances"
    /// One segment of a render, encoded by whichever worker takes it (the render's own worker takes what is left).
    case renderSegment = "render_segment"

    public static let table = "jobs"
    public static let column = "kind"
}

/// A unit of background work with its lease and progress.
public struct Job: Codable, Sendable, Equatable, StoredRow {
    public var id: String
    public var kind: JobKind
    public var userId: String?
    public var videoId: String?
    /// The project of a sample's analysis job.
    public var projectId: String?
    /// Kind-specific JSON, decoded by the job's handler (the store cannot see its types).
    public var payload: String
    public var state: JobState
    public var attempts: Int
    public var maxAttempts: Int
    public var runAt: Int64
    public var leaseOwner: String?
    public var leaseExpiresAt: Int64?
    /// The latest progress report as JSON, decoded where its type lives (PixoraJobs).
    public var progress: String?
    public var error: String?
    public var createdAt: Int64
    public var updatedAt: Int64

    init(row: any SQLRow) throws {
        id = try row.value("id")
        kind = try row.stored(JobKind.self)
        userId = try row.value("user_id")
        videoId = try row.value("video_id")
        projectId = try row.value("project_id")
        payload = try row.value("payload")
        state = try row.stored(JobState.self)
        attempts = try row.value("attempts")
        maxAttempts = try row.value("max_attempts")
        runAt = try row.value("run_at")
        leaseOwner = try row.value("lease_owner")
        leaseExpiresAt = try row.value("lease_expires_at")
        progress = try row.value("progress")
        error = try row.value("error")
        createdAt = try row.value("created_at")
        updatedAt = try row.value("updated_at")
    }

    init(
        id: String, kind: JobKind, userId: String?, videoId: String?, payload: String, state: JobState, attempts: Int,
        maxAttempts: Int, runAt: Int64, createdAt: Int64, projectId: String? = nil
    ) {
        self.projectId = projectId
        (self.id, self.kind, self.userId, self.videoId, self.payload, self.state) = (
            id, kind, userId, videoId, payload, state
        )
        (self.attempts, self.maxAttempts, self.runAt, self.createdAt, updatedAt) = (
            attempts, maxAttempts, runAt, createdAt, createdAt
        )
    }
}

/// What happened to a job that failed one attempt.
public enum JobFailure: Sendable, Equatable {
    /// Queued again; it runs after the backoff.
    case retrying(at: Int64)
    /// Out of attempts: failed for good, with its error kept.
    case failed
    /// The lease was lost (another worker has the job, or it was cancelled): nothing written.
    case leaseLost
}

/// The database-backed job queue. Workers claim a job with a lease they renew; a job whose lease expires (its
/// worker died) is claimed again by another worker, until its attempts run out.
public enum Jobs {
    public static func enqueue(
        _ db: any SQLDatabase, kind: JobKind, user: String?, video: String?, project: String? = nil, payload: String,
        maxAttempts: Int, runAt: Int64? = nil
    ) async throws -> Job {
        try await JobAdmission.current?.admit(db, user: user, kind: kind)
        // Accounts without a subscription row are on the default plan, whose priority the admission carries.
        let fallback = JobAdmission.current.flatMap { $0.user == user ? $0.defaultPriority : nil } ?? 0
        let now = Clock.nowMillis()
        let job = Job(
            id: newID(), kind: kind, userId: user, videoId: video, payload: payload, state: .queued, attempts: 0,
            maxAttempts: maxAttempts, runAt: runAt ?? now, createdAt: now, projectId: project)
        try await db.raw(
            """
            INSERT INTO jobs (id, kind, user_id, video_id, project_id, payload, state, attempts, max_attempts, run_at, created_at, updated_at, priority)
            VALUES (\(bind: job.id), \(bind: kind.rawValue), \(bind: user), \(bind: video), \(bind: project), \(bind: payload), 'queued', 0, \(bind: maxAttempts),
                    \(bind: job.runAt), \(bind: now), \(bind: now),
                    (SELECT COALESCE(MAX(queue_priority), \(bind: fallback)) FROM subscriptions WHERE user_id = \(bind: user)))
            """
        ).run()
        return job
    }

    /// Takes the first job that is ready (queued and due, in `JobPriority.order`; or else running with an expired
    /// lease and attempts left) and leases it to `owner`. One statement each, so no explicit transaction:
    /// PostgreSQL skips rows other workers are claiming (`FOR UPDATE SKIP LOCKED`); SQLite runs one writer at a
    /// time.
    public static func claim(in database: any Database, owner: String, lease: TimeInterval) async throws -> Job? {
        let lock = database.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.read { db in
            let now = Clock.nowMillis()
            let expires = now + Int64(lease * 1000)
            if let job = try await db.raw(
                """
                UPDATE jobs SET state = 'running', lease_owner = \(bind: owner), lease_expires_at = \(bind: expires),
                    attempts = attempts + 1, updated_at = \(bind: now)
                WHERE id = (\(JobPriority.nextQueued(now: now, engine: database.engine)))
                RETURNING *
                """
            ).firstRow(Job.self) {
                return job
            }
            return try await db.raw(
                """
                UPDATE jobs SET lease_owner = \(bind: owner), lease_expires_at = \(bind: expires),
                    attempts = attempts + 1, updated_at = \(bind: now)
                WHERE id = (
                    SELECT id FROM jobs WHERE state = 'running' AND lease_expires_at < \(bind: now) AND attempts < max_attempts
                    ORDER BY lease_expires_at LIMIT 1\(unsafeRaw: lock))
                RETURNING *
                """
            ).firstRow(Job.self)
        }
    }

    /// Leases one given job to `owner`: a queued one, or one whose worker stopped renewing its lease (attempts
    /// left). False when another worker holds it or it has finished. The row lock makes a racing `claim` and `take`
    /// give the job to one of them (PostgreSQL re-checks the condition after the lock; SQLite has one writer).
    public static func take(in database: any Database, id: String, owner: String, lease: TimeInterval) async throws
        -> Bool
    {
        try await database.read { db in
            let now = Clock.nowMillis()
            return try await db.raw(
                """
                UPDATE jobs SET state = 'running', lease_owner = \(bind: owner),
                    lease_expires_at = \(bind: now + Int64(lease * 1000)), attempts = attempts + 1,
                    updated_at = \(bind: now)
                WHERE id = \(bind: id) AND (state = 'queued' OR (state = 'running' AND lease_expires_at < \(bind: now)
                    AND attempts < max_attempts))
                RETURNING id
                """
            ).first() != nil
        }
    }

    /// Whether nobody will work on the job any more: it succeeded, failed for good, was cancelled or is gone, or its
    /// worker stopped renewing the lease with no attempt left (what the reaper will fail).
    public static func isSettled(in database: any Database, id: String) async throws -> Bool {
        try await database.read { db in
            guard let job = try await find(db, id: id) else { return true }
            if [.succeeded, .failed, .cancelled].contains(job.state) { return true }
            return job.state == .running && (job.leaseExpiresAt ?? .max) < Clock.nowMillis()
                && job.attempts >= job.maxAttempts
        }
    }

    /// Deletes jobs whatever their state: a worker still running one loses its lease at its next heartbeat and
    /// stops (for helper jobs whose requester no longer needs them).
    public static func delete(in database: any Database, ids: [String]) async throws {
        try await database.transaction { db in
            for id in ids { try await db.raw("DELETE FROM jobs WHERE id = \(bind: id)").run() }
        }
    }

    /// Running jobs whose lease expired with no attempts left: their workers died every time. Marks them failed
    /// and returns them, so the caller can fail their videos. Call inside a transaction.
    public static func reapExhausted(_ db: any SQLDatabase) async throws -> [Job] {
        let now = Clock.nowMillis()
        return try await db.raw(
            """
            UPDATE jobs SET state = 'failed', error = 'the worker stopped responding on every attempt', lease_owner = NULL,
                lease_expires_at = NULL, updated_at = \(bind: now)
            WHERE state = 'running' AND lease_expires_at < \(bind: now) AND attempts >= max_attempts
            RETURNING *
            """
        ).rows(Job.self)
    }

    /// Extends the lease. False when the job is no longer this worker's (lease taken over, cancelled, finished).
    public static func heartbeat(in database: any Database, id: String, owner: String, lease: TimeInterval) async throws
        -> Bool
    {
        try await database.read { db in
            let now = Clock.nowMillis()
            return try await db.raw(
                """
                UPDATE jobs SET lease_expires_at = \(bind: now + Int64(lease * 1000)), updated_at = \(bind: now)
                WHERE id = \(bind: id) AND lease_owner = \(bind: owner) AND state = 'running' RETURNING id
                """
            ).first() != nil
        }
    }

    /// Stores a progress report (only while this worker holds the lease).
    public static func reportProgress(in database: any Database, id: String, owner: String, progress: String)
        async throws
    {
        try await database.read { db in
            try await db.raw(
                """
                UPDATE jobs SET progress = \(bind: progress), updated_at = \(bind: Clock.nowMillis())
                WHERE id = \(bind: id) AND lease_owner = \(bind: owner) AND state = 'running'
                """
            ).run()
        }
    }

    /// Marks the job succeeded if this worker still holds it. Call inside the transaction that records its results,
    /// so results are written exactly when the job is.
    public static func complete(_ db: any SQLDatabase, id: String, owner: String, progress: String? = nil) async throws
        -> Bool
    {
        try await db.raw(
            """
            UPDATE jobs SET state = 'succeeded', lease_owner = NULL, lease_expires_at = NULL, error = NULL,
                progress = COALESCE(\(bind: progress), progress), updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id) AND lease_owner = \(bind: owner) AND state = 'running' RETURNING id
            """
        ).first() != nil
    }

    /// Records a failed attempt: queued again after an exponential backoff (`base` × 2^(attempt−1), at most
    /// `maxBackoff`), or failed for good when out of attempts or `retryable` is false. Call inside a transaction.
    public static func fail(
        _ db: any SQLDatabase, id: String, owner: String, error: String, retryable: Bool, base: TimeInterval,
        maxBackoff: TimeInterval
    ) async throws -> JobFailure {
        guard
            let job = try await db.raw(
                "SELECT * FROM jobs WHERE id = \(bind: id) AND lease_owner = \(bind: owner) AND state = 'running'"
            ).firstRow(Job.self)
        else { return .leaseLost }
        let now = Clock.nowMillis()
        if retryable && job.attempts < job.maxAttempts {
            let delay = min(base * pow(2, Double(max(job.attempts - 1, 0))), maxBackoff)
            let at = now + Int64(delay * 1000)
            try await db.raw(
                """
                UPDATE jobs SET state = 'queued', run_at = \(bind: at), lease_owner = NULL, lease_expires_at = NULL,
                    error = \(bind: error), updated_at = \(bind: now) WHERE id = \(bind: id)
                """
            ).run()
            return .retrying(at: at)
        }
        try await db.raw(
            """
            UPDATE jobs SET state = 'failed', lease_owner = NULL, lease_expires_at = NULL, error = \(bind: error), updated_at = \(bind: now)
            WHERE id = \(bind: id)
            """
        ).run()
        return .failed
    }

    /// Cancels every unfinished job of a video; returns how many. Call inside a transaction.
    @discardableResult
    public static func cancel(_ db: any SQLDatabase, video: String) async throws -> Int {
        try await cancel(db, .video(video), at: Clock.nowMillis())
    }

    public static func find(_ db: any SQLDatabase, id: String) async throws -> Job? {
        try await db.raw("SELECT * FROM jobs WHERE id = \(bind: id)").firstRow(Job.self)
    }

    /// The newest job of a video.
    public static func latest(_ db: any SQLDatabase, video: String) async throws -> Job? {
        try await db.raw("SELECT * FROM jobs WHERE video_id = \(bind: video) ORDER BY created_at DESC, id DESC LIMIT 1")
            .firstRow(Job.self)
    }

    /// Locks a project's job rows (an update that changes nothing), so a transaction that goes on to the project
    /// takes the rows in the order a worker finishing one of its jobs does: job, then project.
    public static func touch(_ db: any SQLDatabase, project: String) async throws {
        try await db.raw("UPDATE jobs SET updated_at = updated_at WHERE project_id = \(bind: project)").run()
    }

    /// The newest job of a project (a sample's analysis or a studio step).
    public static func latest(_ db: any SQLDatabase, project: String) async throws -> Job? {
        try await db.raw(
            "SELECT * FROM jobs WHERE project_id = \(bind: project) ORDER BY created_at DESC, id DESC LIMIT 1"
        ).firstRow(Job.self)
    }

    public static func unfinished(_ db: any SQLDatabase, video: String) async throws -> [Job] {
        try await db.raw(
            "SELECT * FROM jobs WHERE video_id = \(bind: video) AND state IN ('queued', 'running', 'paused') ORDER BY created_at"
        ).rows(Job.self)
    }

    /// Counts by state, for metrics and readiness.
    public static func counts(_ db: any SQLDatabase) async throws -> [JobState: Int] {
        var counts: [JobState: Int] = [:]
        for row in try await db.raw("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state").all() {
            counts[try row.stored(JobState.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }
}
