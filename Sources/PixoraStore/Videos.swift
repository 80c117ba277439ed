import Foundation
import PixoraCore
import SQLKit

/// Where a video stands.
public enum VideoStatus: String, StoredEnum {
    /// `expired`: the retention period ended and the files were deleted; the record stays.
    case queued, running, completed, failed, cancelled, expired
    /// Its generation was paused by the owner (`Videos.pause`); resuming queues it again.
    case paused

    public static let table = "videos"
    public static let column = "status"

    public var isFinished: Bool { self == .completed || self == .failed || self == .cancelled || self == .expired }
}

/// A video request and what became of it.
public struct Video: Codable, Sendable, Equatable, StoredRow {
    public var id: String
    public var userId: String
    public var title: String
    public var prompt: String
    /// Always nil in `Videos.list` pages, like the plan: list items show neither, so lists skip their decoding.
    public var settings: Settings?
    public var status: VideoStatus
    /// Once planned (always nil in `Videos.list` pages).
    public var plan: Plan?
    public var duration: Double?
    public var videoKey: String?
    public var thumbnailKey: String?
    public var creditsUsed: Int
    public var error: String?
    public var idempotencyKey: String?
    public var currentVersion: Int?
    /// When the files are (or were) deleted, in milliseconds; nil while unfinished or kept forever.
    public var expiresAt: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64
    /// Starred by its owner.
    public var favorite: Bool
    /// The owner's collections that hold it; nil where not read (only library lists and single reads read them).
    public var collectionIds: [String]?

    /// Reads a row column by column: lists decode many rows, and this is several times faster than `Decodable`.
    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        userId = try row.decode(column: "user_id", as: String.self)
        title = try row.decode(column: "title", as: String.self)
        prompt = try row.decode(column: "prompt", as: String.self)
        settings = try row.document("settings", table: "videos", as: Settings?.self)
        status = try row.stored(VideoStatus.self)
        plan = try row.document("plan", table: "videos", as: Plan?.self)
        duration = try row.decode(column: "duration", as: Double?.self)
        videoKey = try row.decode(column: "video_key", as: String?.self)
        thumbnailKey = try row.decode(column: "thumbnail_key", as: String?.self)
        creditsUsed = try row.decode(column: "credits_used", as: Int.self)
        error = try row.decode(column: "error", as: String?.self)
        idempotencyKey = try row.decode(column: "idempotency_key", as: String?.self)
        currentVersion = try row.decode(column: "current_version", as: Int?.self)
        expiresAt = try row.decode(column: "expires_at", as: Int64?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
        updatedAt = try row.decode(column: "updated_at", as: Int64.self)
        favorite = try row.decode(column: "favorited_at", as: Int64?.self) != nil
    }
}

/// A video to create, with the job that will make it.
public struct NewVideo: Sendable {
    public var title: String
    public var prompt: String
    public var settings: String
    public var plan: String?
    public var price: Int
    public var idempotencyKey: String?
    public var jobPayload: String
    public var maxAttempts: Int

    public init(
        title: String, prompt: String, settings: String, plan: String?, price: Int, idempotencyKey: String?,
        jobPayload: String, maxAttempts: Int
    ) {
        self.title = title
        self.prompt = prompt
        self.settings = settings
        self.plan = plan
        self.price = price
        self.idempotencyKey = idempotencyKey
        self.jobPayload = jobPayload
        self.maxAttempts = maxAttempts
    }
}

/// The `videos` table. Every query is scoped to the owner: another user's id reads as missing.
public enum Videos {
    /// Charges the price, creates the video and queues its job, all in one transaction. With an idempotency key
    /// already used by this user, returns that video and charges nothing (`created` is false).
    public static func create(in database: any Database, owner: String, _ new: NewVideo, jobKind: JobKind) async throws
        -> (video: Video, created: Bool)
    {
        if let key = new.idempotencyKey,
            let existing = try await database.read({ db in try await find(db, owner: owner, idempotencyKey: key) })
        {
            return (existing, false)
        }
        do {
            return try await database.transaction { db -> (Video, Bool) in
                if let key = new.idempotencyKey, let existing = try await find(db, owner: owner, idempotencyKey: key) {
                    return (existing, false)
                }
                let video = try await insert(db, owner: owner, new, jobKind: jobKind)
                return (video, true)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // Two requests with one idempotency key at once: the loser's insert hits the unique index and rolls back.
            if let key = new.idempotencyKey,
                let existing = try await database.read({ db in try await find(db, owner: owner, idempotencyKey: key) })
            {
                return (existing, false)
            }
            throw error
        }
    }

    public static func find(_ db: any SQLDatabase, owner: String, id: String) async throws -> Video? {
        try await db.raw("SELECT * FROM videos WHERE id = \(bind: id) AND user_id = \(bind: owner)").firstRow(
            Video.self)
    }

    /// For workers, which act for whoever owns the video.
    public static func find(_ db: any SQLDatabase, id: String) async throws -> Video? {
        try await db.raw("SELECT * FROM videos WHERE id = \(bind: id)").firstRow(Video.self)
    }

    static func find(_ db: any SQLDatabase, owner: String, idempotencyKey: String) async throws -> Video? {
        try await db.raw(
            "SELECT * FROM videos WHERE user_id = \(bind: owner) AND idempotency_key = \(bind: idempotencyKey)"
        ).firstRow(Video.self)
    }

    /// Newest first; optionally only one status and titles or prompts containing `search` (see `list(filter:)`).
    public static func list(
        _ db: any SQLDatabase, owner: String, status: VideoStatus?, search: String?, limit: Int,
        after cursor: PageCursor?,
        oldestFirst: Bool = false
    ) async throws -> Page<Video> {
        let filter = LibraryFilter(search: search, status: status?.rawValue, sort: oldestFirst ? .oldest : .newest)
        let page = try await list(
            db, owner: owner, filter: filter, limit: limit,
            after: cursor.map { LibraryCursor(key: .created($0.createdAt), id: $0.id) })
        guard case .created(let at)? = page.next?.key, let id = page.next?.id else {
            return Page(items: page.items, next: nil)
        }
        return Page(items: page.items, next: PageCursor(createdAt: at, id: id))
    }

    /// A number that changes whenever any of the user's videos is created, changed or deleted, by any process
    /// (SQLite only: migration 6); `nil` for an unknown user. Read it before the list it vouches for.
    static func listStamp(_ db: any SQLDatabase, owner: String) async throws -> Int64? {
        try await db.raw("SELECT videos_version FROM users WHERE id = \(bind: owner)").first()?.decode(
            column: "videos_version", as: Int64.self)
    }

    public static func rename(_ db: any SQLDatabase, owner: String, id: String, title: String) async throws -> Video? {
        try await db.raw(
            "UPDATE videos SET title = \(bind: title), updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id) AND user_id = \(bind: owner)"
        ).run()
        return try await find(db, owner: owner, id: id)
    }

    public static func delete(_ db: any SQLDatabase, owner: String, id: String) async throws -> Bool {
        try await db.raw("DELETE FROM videos WHERE id = \(bind: id) AND user_id = \(bind: owner) RETURNING id").first()
            != nil
    }

    public static func setStatus(_ db: any SQLDatabase, id: String, _ status: VideoStatus, error: String? = nil)
        async throws
    {
        try await db.raw(
            "UPDATE videos SET status = \(bind: status.rawValue), error = \(bind: error), updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id)"
        ).run()
    }

    public static func setPlan(_ db: any SQLDatabase, id: String, plan: String, title: String) async throws {
        try await db.raw(
            "UPDATE videos SET plan = \(bind: plan), title = \(bind: title), updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id)"
        ).run()
    }

    /// Points the video at a finished render (its first or a restored version).
    public static func setOutput(
        _ db: any SQLDatabase, id: String, videoKey: String, thumbnailKey: String?, duration: Double, version: Int
    ) async throws {
        try await db.raw(
            """
            UPDATE videos SET video_key = \(bind: videoKey), thumbnail_key = \(bind: thumbnailKey), duration = \(bind: duration),
            current_version = \(bind: version), updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id)
            """
        ).run()
    }

    /// Marks the video failed (or cancelled) and refunds its charge, once. Call inside a transaction.
    public static func finishUnsuccessfully(_ db: any SQLDatabase, id: String, status: VideoStatus, error: String?)
        async throws
    {
        guard let video = try await find(db, id: id), !video.status.isFinished else { return }
        try await setStatus(db, id: id, status, error: error)
        if video.creditsUsed > 0 {
            try await CreditLedger.apply(
                db, user: video.userId, delta: video.creditsUsed, reason: .videoRefund, reference: id,
                key: "video:\(id):refund")
        }
        if status == .failed { try await postFailure(db, video: video, error: error) }
    }
}
