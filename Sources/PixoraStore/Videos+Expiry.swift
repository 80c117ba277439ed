import Foundation
import SQLKit

/// Retention: a completed video's files are deleted once `expires_at` passes; the record stays, `expired`.
extension Videos {
    /// Marks a video completed, to be cleaned up at `expiresAt` (nil keeps it forever).
    public static func complete(_ db: any SQLDatabase, id: String, expiresAt: Int64?) async throws {
        try await db.raw(
            """
            UPDATE videos SET status = 'completed', error = NULL, expires_at = \(bind: expiresAt),
            updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id)
            """
        ).run()
    }

    /// Videos whose files are due for deletion: completed and past their expiry, or expired by a cleanup that
    /// stopped before deleting the files (their keys are still set).
    public static func dueForExpiry(_ db: any SQLDatabase, now: Int64, limit: Int) async throws -> [String] {
        try await db.raw(
            """
            SELECT id FROM videos WHERE video_key IS NOT NULL AND expires_at <= \(bind: now)
            AND status IN ('completed', 'expired') ORDER BY expires_at LIMIT \(bind: limit)
            """
        ).all().map { try $0.decode(column: "id", as: String.self) }
    }

    /// Marks a due video `expired`, unless a job still works on it (an edit rendering a version keeps its files
    /// until it is done). One conditional statement, so a video is expired by at most one caller. True when the
    /// video is expired now (by this call or an earlier one).
    public static func expire(_ db: any SQLDatabase, id: String, now: Int64) async throws -> Bool {
        try await db.raw(
            """
            UPDATE videos SET status = 'expired', updated_at = \(bind: now)
            WHERE id = \(bind: id) AND status = 'completed' AND expires_at <= \(bind: now)
            AND NOT EXISTS (SELECT 1 FROM jobs WHERE jobs.video_id = videos.id AND jobs.state IN ('queued', 'running'))
            """
        ).run()
        return try await db.raw("SELECT status FROM videos WHERE id = \(bind: id)").first()?.decode(
            column: "status", as: String.self) == VideoStatus.expired.rawValue
    }

    /// Records that an expired video's files are gone (its keys cleared). True for exactly one caller.
    public static func forgetFiles(_ db: any SQLDatabase, id: String) async throws -> Bool {
        try await db.raw(
            """
            UPDATE videos SET video_key = NULL, thumbnail_key = NULL, updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id) AND status = 'expired' AND video_key IS NOT NULL RETURNING id
            """
        ).first() != nil
    }
}

extension Jobs {
    /// Queues the cleanup job unless one is already queued or running (a unique partial index, migration 9),
    /// so every worker may call this without piling up duplicates. True when a job was queued.
    @discardableResult
    public static func enqueueExpiry(_ db: any SQLDatabase, maxAttempts: Int) async throws -> Bool {
        let now = Clock.nowMillis()
        return try await db.raw(
            """
            INSERT INTO jobs (id, kind, payload, state, attempts, max_attempts, run_at, created_at, updated_at)
            VALUES (\(bind: newID()), \(bind: JobKind.expireMedia.rawValue), '{}', 'queued', 0, \(bind: maxAttempts),
                    \(bind: now), \(bind: now), \(bind: now))
            ON CONFLICT DO NOTHING RETURNING id
            """
        ).first() != nil
    }
}

/// The cleanup's work, apart from the queue so it can be run and tested on its own.
public enum MediaExpiry {
    /// Expires the due videos (at most `limit`) and deletes their folders; returns how many videos this call
    /// recorded as cleaned. Concurrent calls split the work: each video's files are recorded as gone once.
    /// With `storage` (a bucket), the videos' objects are deleted there too.
    public static func sweep(
        database: any Database, media: MediaFolder, storage: (any MediaStorage)? = nil, now: Int64, limit: Int = 200
    ) async throws -> Int {
        let due = try await database.read { db in try await Videos.dueForExpiry(db, now: now, limit: limit) }
        var cleaned = 0
        for id in due {
            try Task.checkCancellation()
            guard try await database.transaction({ db in try await Videos.expire(db, id: id, now: now) }) else {
                continue
            }
            // Files first, then the record: a sweep that dies in between leaves the keys set, so the next one
            // finds the video due again and finishes.
            media.removeVideo(id)
            try await storage?.removeVideo(id)
            if try await database.transaction({ db in try await Videos.forgetFiles(db, id: id) }) { cleaned += 1 }
        }
        return cleaned
    }
}
