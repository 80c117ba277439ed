import Foundation
import SQLKit

/// What deleting a user's rows left on disk to delete, once the transaction has committed.
public struct ClearedFiles: Sendable, Equatable {
    public var videos: [String] = []
    public var projects: [String] = []
    /// `MediaFolder` keys of export zips (and, when the account goes, its avatar).
    public var keys: [String] = []
}

/// "Your data": clearing a user's content and erasing an account. The caller cancels the user's running work
/// first (refunds need the job handlers, which this module cannot see); these then delete the rows.
public enum AccountData {
    /// Locks every job of the user before the videos and projects, the order a worker finishing a job takes
    /// them in, so clearing never deadlocks with a worker. Call first in the transaction.
    public static func lockJobs(_ db: any SQLDatabase, user: String) async throws {
        try await db.raw(
            """
            UPDATE jobs SET updated_at = updated_at WHERE user_id = \(bind: user)
            OR video_id IN (SELECT id FROM videos WHERE user_id = \(bind: user))
            OR project_id IN (SELECT id FROM projects WHERE user_id = \(bind: user))
            """
        ).run()
    }

    /// The user's videos that are still being worked on (unfinished, or with a queued, running or paused job).
    public static func busyVideos(_ db: any SQLDatabase, user: String) async throws -> [Video] {
        let ids = try await db.raw(
            """
            SELECT id FROM videos v WHERE v.user_id = \(bind: user) AND (v.status IN ('queued', 'running', 'paused')
            OR EXISTS (SELECT 1 FROM jobs j WHERE j.video_id = v.id AND j.state IN ('queued', 'running', 'paused')))
            """
        ).all().map { try $0.decode(column: "id", as: String.self) }
        var videos: [Video] = []
        for id in ids { if let video = try await Videos.find(db, owner: user, id: id) { videos.append(video) } }
        return videos
    }

    /// The user's project ids.
    public static func projects(_ db: any SQLDatabase, user: String) async throws -> [String] {
        try await db.raw("SELECT id FROM projects WHERE user_id = \(bind: user) ORDER BY created_at").all().map {
            try $0.decode(column: "id", as: String.self)
        }
    }

    /// Deletes every video, project, job and export of the user (scenes, revisions, versions, uploads, plans and
    /// messages go with their rows); the account, its balance and ledger stay. Call inside a transaction, after
    /// the user's running work was cancelled and refunded.
    public static func clear(_ db: any SQLDatabase, user: String) async throws -> ClearedFiles {
        var files = ClearedFiles()
        files.videos = try await db.raw("SELECT id FROM videos WHERE user_id = \(bind: user)").all().map {
            try $0.decode(column: "id", as: String.self)
        }
        files.projects = try await projects(db, user: user)
        files.keys = try await db.raw(
            "SELECT file_key FROM account_exports WHERE user_id = \(bind: user) AND file_key IS NOT NULL"
        ).all().map { try $0.decode(column: "file_key", as: String.self) }
        try await db.raw(
            """
            DELETE FROM jobs WHERE user_id = \(bind: user)
            OR video_id IN (SELECT id FROM videos WHERE user_id = \(bind: user))
            OR project_id IN (SELECT id FROM projects WHERE user_id = \(bind: user))
            """
        ).run()
        try await db.raw("DELETE FROM videos WHERE user_id = \(bind: user)").run()
        try await db.raw("DELETE FROM projects WHERE user_id = \(bind: user)").run()
        try await db.raw("DELETE FROM account_exports WHERE user_id = \(bind: user)").run()
        return files
    }

    /// Erases the account after `clear`: its ledger moves to a new tombstone account that holds the same balance
    /// and no personal data (so balance = ledger sum still holds for what remains), then the user's row goes, and
    /// with it refresh tokens, password resets and every other row that references it. The email is free again.
    /// Returns the tombstone's id. Call inside a transaction.
    public static func erase(_ db: any SQLDatabase, user: String) async throws -> String {
        guard let account = try await Users.find(db, id: user) else { throw StoreError.notFound("no such account") }
        let tombstone = newID()
        let now = Clock.nowMillis()
        // A password hash no password matches, and an address under the reserved `.invalid` domain.
        try await db.raw(
            """
            INSERT INTO users (id, email, password_hash, name, role, credits, created_at, updated_at)
            VALUES (\(bind: tombstone), \(bind: "deleted-\(tombstone)@deleted.invalid"), '!', '', 'user',
                    \(bind: account.credits), \(bind: now), \(bind: now))
            """
        ).run()
        try await db.raw(
            "UPDATE credit_transactions SET user_id = \(bind: tombstone) WHERE user_id = \(bind: user)"
        ).run()
        try await db.raw("DELETE FROM refresh_tokens WHERE user_id = \(bind: user)").run()
        try await db.raw("DELETE FROM users WHERE id = \(bind: user)").run()
        return tombstone
    }
}

extension AccountData {
    /// The user's video ids, oldest first.
    public static func videoIDs(_ db: any SQLDatabase, user: String) async throws -> [String] {
        try await db.raw("SELECT id FROM videos WHERE user_id = \(bind: user) ORDER BY created_at, id").all().map {
            try $0.decode(column: "id", as: String.self)
        }
    }

    /// Every row of the user's ledger, oldest first.
    public static func ledger(_ db: any SQLDatabase, user: String) async throws -> [CreditTransaction] {
        try await db.raw(
            "SELECT * FROM credit_transactions WHERE user_id = \(bind: user) ORDER BY created_at, id"
        ).rows(CreditTransaction.self)
    }
}
