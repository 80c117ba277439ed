import Foundation
import PixoraCore
import SQLKit

extension Videos {
    /// Creates every variant of a project's plan version, charging each, in one transaction: all or nothing.
    /// With an idempotency key each variant gets `<key>#<n>`, so a replay finds the same videos and charges
    /// nothing; returns the videos and whether they were created now.
    public static func createVariants(
        in database: any Database, owner: String, project: String, planNumber: Int, _ variants: [NewVideo],
        jobKind: JobKind
    ) async throws -> (videos: [Video], created: Bool) {
        let keys = variants.map(\.idempotencyKey)
        if let first = keys.first, first != nil {
            let existing = try await database.read { db in try await replayed(db, owner: owner, keys: keys) }
            if let existing { return (existing, false) }
        }
        do {
            return try await database.transaction { db -> ([Video], Bool) in
                if let existing = try await replayed(db, owner: owner, keys: keys) { return (existing, false) }
                var videos: [Video] = []
                for new in variants {
                    videos.append(
                        try await insert(db, owner: owner, new, jobKind: jobKind, project: project, plan: planNumber))
                }
                return (videos, true)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // Two requests with one key at once: the loser's insert hits the unique index and rolls back.
            if keys.first != nil,
                let existing = try await database.read({ db in try await replayed(db, owner: owner, keys: keys) })
            {
                return (existing, false)
            }
            throw error
        }
    }

    /// Inserts the video, charges its price and queues its job: call inside a transaction.
    static func insert(
        _ db: any SQLDatabase, owner: String, _ new: NewVideo, jobKind: JobKind, project: String? = nil,
        plan planNumber: Int? = nil
    ) async throws -> Video {
        let id = newID()
        let now = Clock.nowMillis()
        try await db.raw(
            """
            INSERT INTO videos (id, user_id, title, prompt, settings, status, plan, credits_used, idempotency_key,
                                project_id, plan_number, created_at, updated_at, aspect)
            VALUES (\(bind: id), \(bind: owner), \(bind: new.title), \(bind: new.prompt), \(bind: new.settings), 'queued',
                    \(bind: new.plan), \(bind: new.price), \(bind: new.idempotencyKey), \(bind: project),
                    \(bind: planNumber), \(bind: now), \(bind: now), \(bind: new.aspect))
            """
        ).run()
        if new.price > 0 {
            try await CreditLedger.apply(
                db, user: owner, delta: -new.price, reason: .videoCharge, reference: id, key: "video:\(id):charge")
        }
        _ = try await Jobs.enqueue(
            db, kind: jobKind, user: owner, video: id, payload: new.jobPayload, maxAttempts: new.maxAttempts)
        guard let video = try await find(db, owner: owner, id: id) else { throw StoreError.notFound("video vanished") }
        return video
    }

    /// The videos a request with these keys made, when one was already applied: all of its variants were made in
    /// one transaction, so any key found means that request's whole set (a replay asking for more variants
    /// than the first request gets the first request's videos, as a replayed POST /videos gets its video).
    static func replayed(_ db: any SQLDatabase, owner: String, keys: [String?]) async throws -> [Video]? {
        var found: [Video] = []
        for key in keys {
            guard let key else { return nil }
            if let video = try await find(db, owner: owner, idempotencyKey: key) { found.append(video) }
        }
        return found.isEmpty ? nil : found
    }

    /// The videos made from a project, newest first, as list items.
    public static func list(_ db: any SQLDatabase, owner: String, project: String) async throws -> [Video] {
        try await db.raw(
            """
            SELECT id, user_id, title, prompt, NULL AS settings, status, NULL AS plan, duration, video_key,
            thumbnail_key, credits_used, error, idempotency_key, current_version, expires_at, created_at, updated_at,
            favorited_at
            FROM videos WHERE user_id = \(bind: owner) AND project_id = \(bind: project)
            ORDER BY created_at DESC, id DESC
            """
        ).rows(Video.self)
    }
}
