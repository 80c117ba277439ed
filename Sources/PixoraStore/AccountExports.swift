import Foundation
import SQLKit

/// Where a user's data export stands.
public enum ExportStatus: String, StoredEnum {
    case queued, running, ready, failed, expired

    public static let table = "account_exports"
    public static let column = "status"
}

/// One export of a user's data: a zip made by an `export_account` job, kept until `expiresAt`.
public struct AccountExport: Sendable, Equatable, StoredRow {
    public var id: String
    public var userId: String
    public var status: ExportStatus
    /// The `export_account` job that makes it.
    public var jobId: String?
    /// `MediaFolder` key of the zip while it exists.
    public var fileKey: String?
    public var sizeBytes: Int64?
    public var error: String?
    public var expiresAt: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64

    init(row: any SQLRow) throws {
        id = try row.value("id")
        userId = try row.value("user_id")
        status = try row.stored(ExportStatus.self)
        jobId = try row.value("job_id")
        fileKey = try row.value("file_key")
        sizeBytes = try row.value("size_bytes")
        error = try row.value("error")
        expiresAt = try row.value("expires_at")
        createdAt = try row.value("created_at")
        updatedAt = try row.value("updated_at")
    }

    /// The status a reader sees at `now`: a ready export past its expiry is expired even before the cleanup ran.
    public func status(at now: Int64) -> ExportStatus {
        status == .ready && (expiresAt.map { $0 <= now } ?? false) ? .expired : status
    }
}

/// Payload of an `export_account` job.
public struct ExportAccountPayload: Codable, Sendable, Equatable {
    public var exportId: String
    public init(exportId: String) { self.exportId = exportId }
}

/// The `account_exports` table: every read is scoped to the owner, except the worker's.
public enum AccountExports {
    /// How long a finished export's zip is kept.
    public static let lifetime: Int64 = 24 * 3600 * 1000

    /// Queues an export, or returns the one already queued or running (one at a time per user, a unique partial
    /// index). `started` is false when the running one is returned.
    public static func start(in database: any Database, owner: String, maxAttempts: Int) async throws
        -> (export: AccountExport, started: Bool)
    {
        do {
            return try await database.transaction { db in
                if let running = try await inFlight(db, owner: owner) { return (running, false) }
                let id = newID()
                let now = Clock.nowMillis()
                let payload = try encodeDocument(ExportAccountPayload(exportId: id))
                let job = try await Jobs.enqueue(
                    db, kind: .exportAccount, user: owner, video: nil, payload: payload, maxAttempts: maxAttempts)
                try await db.raw(
                    """
                    INSERT INTO account_exports (id, user_id, status, job_id, created_at, updated_at)
                    VALUES (\(bind: id), \(bind: owner), 'queued', \(bind: job.id), \(bind: now), \(bind: now))
                    """
                ).run()
                guard let export = try await find(db, owner: owner, id: id) else {
                    throw StoreError.notFound("export vanished")
                }
                return (export, true)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // Two requests at once: the loser hits the unique index and gets the winner's export.
            if let running = try await database.read({ db in try await inFlight(db, owner: owner) }) {
                return (running, false)
            }
            throw error
        }
    }

    static func inFlight(_ db: any SQLDatabase, owner: String) async throws -> AccountExport? {
        try await db.raw(
            """
            SELECT * FROM account_exports WHERE user_id = \(bind: owner) AND status IN ('queued', 'running')
            ORDER BY created_at DESC LIMIT 1
            """
        ).firstRow(AccountExport.self)
    }

    /// The owner's newest export.
    public static func latest(_ db: any SQLDatabase, owner: String) async throws -> AccountExport? {
        try await db.raw(
            "SELECT * FROM account_exports WHERE user_id = \(bind: owner) ORDER BY created_at DESC, id DESC LIMIT 1"
        ).firstRow(AccountExport.self)
    }

    public static func find(_ db: any SQLDatabase, owner: String, id: String) async throws -> AccountExport? {
        try await db.raw("SELECT * FROM account_exports WHERE id = \(bind: id) AND user_id = \(bind: owner)")
            .firstRow(AccountExport.self)
    }

    public static func find(_ db: any SQLDatabase, id: String) async throws -> AccountExport? {
        try await db.raw("SELECT * FROM account_exports WHERE id = \(bind: id)").firstRow(AccountExport.self)
    }

    /// The job that makes the export, for its progress.
    public static func job(_ db: any SQLDatabase, _ export: AccountExport) async throws -> Job? {
        guard let id = export.jobId else { return nil }
        return try await Jobs.find(db, id: id)
    }

    public static func markRunning(_ db: any SQLDatabase, id: String) async throws {
        try await db.raw(
            """
            UPDATE account_exports SET status = 'running', updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id) AND status IN ('queued', 'running')
            """
        ).run()
    }

    /// Records the finished zip. False when the export is no longer waiting for it (its owner cleared their data).
    public static func complete(_ db: any SQLDatabase, id: String, fileKey: String, size: Int64, expiresAt: Int64)
        async throws -> Bool
    {
        try await db.raw(
            """
            UPDATE account_exports SET status = 'ready', file_key = \(bind: fileKey), size_bytes = \(bind: size),
                expires_at = \(bind: expiresAt), error = NULL, updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id) AND status IN ('queued', 'running') RETURNING id
            """
        ).first() != nil
    }

    public static func fail(_ db: any SQLDatabase, id: String, error: String) async throws {
        try await db.raw(
            """
            UPDATE account_exports SET status = 'failed', error = \(bind: error), updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id) AND status IN ('queued', 'running')
            """
        ).run()
    }

    /// Exports whose zip is due for deletion.
    public static func dueForExpiry(_ db: any SQLDatabase, now: Int64, limit: Int) async throws -> [AccountExport] {
        try await db.raw(
            """
            SELECT * FROM account_exports WHERE file_key IS NOT NULL AND expires_at <= \(bind: now)
            ORDER BY expires_at LIMIT \(bind: limit)
            """
        ).rows(AccountExport.self)
    }

    /// Records that an export's zip is gone. True for exactly one caller.
    public static func forgetFile(_ db: any SQLDatabase, id: String) async throws -> Bool {
        try await db.raw(
            """
            UPDATE account_exports SET status = 'expired', file_key = NULL, updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id) AND file_key IS NOT NULL RETURNING id
            """
        ).first() != nil
    }
}
