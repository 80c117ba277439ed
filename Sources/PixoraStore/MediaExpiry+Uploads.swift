import Foundation
import SQLKit

extension ProjectFiles {
    /// Uploads whose retention ended and whose files are still there.
    public static func dueForExpiry(_ db: any SQLDatabase, now: Int64, limit: Int) async throws
        -> [(project: String, file: ProjectFile)]
    {
        try await db.raw(
            """
            SELECT * FROM project_files WHERE expired_at IS NULL AND expires_at <= \(bind: now)
            ORDER BY expires_at LIMIT \(bind: limit)
            """
        ).all().map { (try $0.decode(column: "project_id", as: String.self), try ProjectFile(row: $0)) }
    }

    /// Records that an upload's file is gone. True for exactly one caller.
    public static func forgetFile(_ db: any SQLDatabase, project: String, role: ProjectFileRole, now: Int64)
        async throws -> Bool
    {
        try await db.raw(
            """
            UPDATE project_files SET expired_at = \(bind: now)
            WHERE project_id = \(bind: project) AND role = \(bind: role.rawValue) AND expired_at IS NULL RETURNING role
            """
        ).first() != nil
    }
}

extension MediaExpiry {
    /// Deletes the files of uploads and exports whose time ended (the files first, then the record, so a sweep
    /// that dies in between leaves them due); returns how many this call recorded as cleaned.
    public static func sweepUploadsAndExports(
        database: any Database, storage: any MediaStorage, now: Int64, limit: Int = 200
    ) async throws -> Int {
        var cleaned = 0
        let uploads = try await database.read { db in try await ProjectFiles.dueForExpiry(db, now: now, limit: limit) }
        for (project, file) in uploads {
            try Task.checkCancellation()
            try await storage.remove(file.mediaKey)
            if try await database.transaction({ db in
                try await ProjectFiles.forgetFile(db, project: project, role: file.role, now: now)
            }) {
                cleaned += 1
            }
        }
        let exports = try await database.read { db in
            try await AccountExports.dueForExpiry(db, now: now, limit: limit)
        }
        for export in exports {
            try Task.checkCancellation()
            if let key = export.fileKey { try await storage.remove(key) }
            if try await database.transaction({ db in try await AccountExports.forgetFile(db, id: export.id) }) {
                cleaned += 1
            }
        }
        return cleaned
    }

    /// Whether an upload or an export is due, so a worker queues the cleanup.
    public static func uploadsOrExportsDue(_ db: any SQLDatabase, now: Int64) async throws -> Bool {
        if try await !ProjectFiles.dueForExpiry(db, now: now, limit: 1).isEmpty { return true }
        return try await !AccountExports.dueForExpiry(db, now: now, limit: 1).isEmpty
    }
}
