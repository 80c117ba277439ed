import Foundation
import PixoraCore
import SQLKit

/// What an upload of a project is for.
public enum ProjectFileRole: String, StoredEnum {
    case sample, character, music, voiceOver

    public static let table = "project_files"
    public static let column = "role"
}

/// One upload of a project, as stored: where its file is and what ffprobe found it to be.
public struct ProjectFile: Sendable, Equatable, StoredRow {
    public var role: ProjectFileRole
    /// `MediaFolder` key of the file as uploaded.
    public var mediaKey: String
    public var contentType: String
    public var sizeBytes: Int64
    public var duration: Double?
    /// The client's file name, cleaned, for display only.
    public var name: String?
    /// The normalized copy in the asset store, for uploads a plan uses (character, music, voice-over).
    public var asset: AssetRef?
    /// When the uploaded file is deleted (`PIXORA_RETENTION` from the upload); nil keeps it.
    public var expiresAt: Int64?
    /// When the cleanup deleted the file; the row, and what the analysis and plans took from it, stay.
    public var expiredAt: Int64?

    public init(
        role: ProjectFileRole, mediaKey: String, contentType: String, sizeBytes: Int64, duration: Double?,
        name: String?, asset: AssetRef?, expiresAt: Int64? = nil
    ) {
        (self.role, self.mediaKey, self.contentType, self.sizeBytes) = (role, mediaKey, contentType, sizeBytes)
        (self.duration, self.name, self.asset, self.expiresAt) = (duration, name, asset, expiresAt)
    }

    /// Whether the file is gone, or due to go, at `now`: its routes answer 410 from the moment it is due.
    public func isExpired(at now: Int64) -> Bool { expiredAt != nil || expiresAt.map { $0 <= now } == true }

    init(row: any SQLRow) throws {
        role = try row.stored(ProjectFileRole.self)
        mediaKey = try row.value("media_key")
        contentType = try row.value("content_type")
        sizeBytes = try row.value("size_bytes")
        duration = try row.value("duration")
        name = try row.value("name")
        let asset: String? = try row.value("asset")
        if let asset {
            guard let ref = AssetRef(asset) else {
                throw StoreError.corrupt(table: "project_files", column: "asset", problem: "not an asset reference")
            }
            self.asset = ref
        } else {
            self.asset = nil
        }
        expiresAt = try row.value("expires_at")
        expiredAt = try row.value("expired_at")
    }
}

public enum ProjectFiles {
    static func insert(_ db: any SQLDatabase, project: String, _ file: ProjectFile, at now: Int64) async throws {
        try await db.raw(
            """
            INSERT INTO project_files (project_id, role, media_key, content_type, size_bytes, duration, name, asset,
                                       created_at, expires_at)
            VALUES (\(bind: project), \(bind: file.role.rawValue), \(bind: file.mediaKey), \(bind: file.contentType),
                    \(bind: file.sizeBytes), \(bind: file.duration), \(bind: file.name), \(bind: file.asset?.fileName),
                    \(bind: now), \(bind: file.expiresAt))
            """
        ).run()
    }

    /// The uploads of a page of projects in one query, by project.
    public static func all(_ db: any SQLDatabase, projects: [String]) async throws -> [String: [ProjectFile]] {
        guard !projects.isEmpty else { return [:] }
        var query = SQLQueryString("SELECT * FROM project_files WHERE project_id IN (")
        query.appendBound(projects)
        query.appendInterpolation(unsafeRaw: ") ORDER BY created_at, role")
        var files: [String: [ProjectFile]] = [:]
        for row in try await db.raw(query).all() {
            files[try row.decode(column: "project_id", as: String.self), default: []].append(try ProjectFile(row: row))
        }
        return files
    }

    public static func all(_ db: any SQLDatabase, project: String) async throws -> [ProjectFile] {
        try await db.raw("SELECT * FROM project_files WHERE project_id = \(bind: project) ORDER BY created_at, role")
            .rows(ProjectFile.self)
    }

    /// Which of `assets` are uploads of the owner's projects: a plan sent by a client may name only those, so a
    /// content hash seen elsewhere cannot bring another user's picture or sound into a video.
    public static func owned(_ db: any SQLDatabase, owner: String, assets: [AssetRef]) async throws -> Set<AssetRef> {
        guard !assets.isEmpty else { return [] }
        var query = SQLQueryString(
            """
            SELECT DISTINCT f.asset FROM project_files f JOIN projects p ON p.id = f.project_id
            WHERE p.user_id = \(bind: owner) AND f.asset IN (
            """)
        query.appendBound(assets.map(\.fileName))
        query.appendInterpolation(unsafeRaw: ")")
        let rows = try await db.raw(query).all()
        return Set(try rows.compactMap { AssetRef(try $0.decode(column: "asset", as: String.self)) })
    }

    /// The uploads a plan may use, as its media.
    public static func media(_ files: [ProjectFile]) -> PlanMedia {
        PlanMedia(
            character: files.first { $0.role == .character }?.asset,
            music: files.first { $0.role == .music }?.asset,
            voiceOver: files.first { $0.role == .voiceOver }?.asset)
    }
}
