import Foundation
import SQLKit

/// A public link to one of a user's videos (migration 11).
public struct VideoShare: Sendable, Equatable, StoredRow {
    public var id: String
    public var videoId: String
    public var userId: String
    /// SHA-256 of the token, hex: what a presented token is looked up by.
    public var tokenHash: String
    /// The random value the link's token is made from (`ShareTokens`); the token itself is never stored.
    public var seed: String
    public var expiresAt: Int64
    public var views: Int
    public var createdAt: Int64

    init(row: any SQLRow) throws {
        id = try row.value("id")
        videoId = try row.value("video_id")
        userId = try row.value("user_id")
        tokenHash = try row.value("token_hash")
        seed = try row.value("seed")
        expiresAt = try row.value("expires_at")
        views = try row.value("views")
        createdAt = try row.value("created_at")
    }
}

/// A new share link: its token's hash and seed, made by the caller.
public struct NewShare: Sendable {
    public var tokenHash: String
    public var seed: String
    public var expiresAt: Int64

    public init(tokenHash: String, seed: String, expiresAt: Int64) {
        (self.tokenHash, self.seed, self.expiresAt) = (tokenHash, seed, expiresAt)
    }
}

/// The `video_shares` table. The owner's operations are scoped to the owner and the video; the public lookup goes
/// by the token's hash alone.
public enum Shares {
    /// Links one video may have at once, so a script cannot fill the table through one video.
    public static let maximumPerVideo = 20

    /// Adds a link to the owner's video; `nil` when the video already has `maximumPerVideo` links. A video that is
    /// not the owner's (or no longer exists) is `StoreError.notFound`.
    public static func create(
        in database: any Database, owner: String, video: String, _ new: NewShare, now: Int64
    ) async throws -> VideoShare? {
        try await database.transaction { db in
            let count =
                try await db.raw(
                    """
                    SELECT COUNT(*) AS n FROM video_shares WHERE video_id = \(bind: video) AND user_id = \(bind: owner)
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            guard count < maximumPerVideo else { return nil }
            // From the video's row, so a video deleted meanwhile makes no link (and no foreign-key failure).
            let share = try await db.raw(
                """
                INSERT INTO video_shares (id, video_id, user_id, token_hash, seed, expires_at, views, created_at)
                SELECT \(bind: newID()), id, user_id, \(bind: new.tokenHash), \(bind: new.seed),
                       \(bind: new.expiresAt), 0, \(bind: now)
                FROM videos WHERE id = \(bind: video) AND user_id = \(bind: owner)
                RETURNING *
                """
            ).firstRow(VideoShare.self)
            guard let share else { throw StoreError.notFound("video not found") }
            return share
        }
    }

    /// The video's links, newest first.
    public static func list(_ db: any SQLDatabase, owner: String, video: String) async throws -> [VideoShare] {
        try await db.raw(
            """
            SELECT * FROM video_shares WHERE video_id = \(bind: video) AND user_id = \(bind: owner)
            ORDER BY created_at DESC, id DESC
            """
        ).rows(VideoShare.self)
    }

    /// Deletes a link of the owner's video; false when there is none with this id.
    public static func revoke(_ db: any SQLDatabase, owner: String, video: String, id: String) async throws -> Bool {
        try await db.raw(
            """
            DELETE FROM video_shares WHERE id = \(bind: id) AND video_id = \(bind: video) AND user_id = \(bind: owner)
            RETURNING id
            """
        ).first() != nil
    }

    /// The link whose token hashes to `tokenHash`, with its video. A revoked link's row is gone, so a revoked token
    /// and one never issued take the same path (one indexed lookup that finds nothing) and cannot be told apart.
    public static func find(_ db: any SQLDatabase, tokenHash: String) async throws -> (VideoShare, Video)? {
        guard
            let share = try await db.raw("SELECT * FROM video_shares WHERE token_hash = \(bind: tokenHash)")
                .firstRow(VideoShare.self)
        else { return nil }
        guard let video = try await Videos.find(db, owner: share.userId, id: share.videoId) else { return nil }
        return (share, video)
    }

    /// Counts a view of a link that has not expired; true when it was counted.
    public static func countView(_ db: any SQLDatabase, id: String, now: Int64) async throws -> Bool {
        try await db.raw(
            """
            UPDATE video_shares SET views = views + 1 WHERE id = \(bind: id) AND expires_at > \(bind: now) RETURNING id
            """
        ).first() != nil
    }
}
