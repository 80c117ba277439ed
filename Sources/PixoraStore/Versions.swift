import Foundation
import PixoraCore
import SQLKit

/// Where a version's render stands.
public enum VersionStatus: String, StoredEnum {
    case queued, rendering, ready, failed

    public static let table = "video_versions"
    public static let column = "status"
}

/// A saved edit of a video: the EditorState snapshot and its render.
public struct VideoVersion: Codable, Sendable, Equatable, StoredRow {
    public var id: String
    public var videoId: String
    public var number: Int
    public var editorState: EditorState
    public var status: VersionStatus
    public var videoKey: String?
    public var thumbnailKey: String?
    public var duration: Double?
    public var error: String?
    public var createdAt: Int64

    init(row: any SQLRow) throws {
        id = try row.value("id")
        videoId = try row.value("video_id")
        number = try row.value("number")
        editorState = try row.document("editor_state", table: "video_versions", as: EditorState.self)
        status = try row.stored(VersionStatus.self)
        videoKey = try row.value("video_key")
        thumbnailKey = try row.value("thumbnail_key")
        duration = try row.value("duration")
        error = try row.value("error")
        createdAt = try row.value("created_at")
    }

    init(id: String, videoId: String, number: Int, editorState: EditorState, status: VersionStatus, createdAt: Int64) {
        (self.id, self.videoId, self.number, self.editorState) = (id, videoId, number, editorState)
        (self.status, self.createdAt) = (status, createdAt)
    }
}

/// At most `maximum` versions per video. Saving a sixth removes the oldest version that is neither the one the
/// video currently shows nor still rendering.
public enum Versions {
    public static let maximum = 5

    public static func list(_ db: any SQLDatabase, video: String) async throws -> [VideoVersion] {
        try await db.raw("SELECT * FROM video_versions WHERE video_id = \(bind: video) ORDER BY number").rows(
            VideoVersion.self)
    }

    public static func find(_ db: any SQLDatabase, video: String, id: String) async throws -> VideoVersion? {
        try await db.raw("SELECT * FROM video_versions WHERE video_id = \(bind: video) AND id = \(bind: id)").firstRow(
            VideoVersion.self)
    }

    public static func find(_ db: any SQLDatabase, id: String) async throws -> VideoVersion? {
        try await db.raw("SELECT * FROM video_versions WHERE id = \(bind: id)").firstRow(VideoVersion.self)
    }

    /// Adds a version; returns it and the versions removed to stay within the limit (their files are the
    /// caller's to delete). Throws a conflict when every older version is busy or current.
    public static func add(
        _ db: any SQLDatabase, video: String, editorState: EditorState, status: VersionStatus, current: Int?
    ) async throws -> (VideoVersion, removed: [VideoVersion]) {
        var existing = try await list(db, video: video)
        var removed: [VideoVersion] = []
        while existing.count >= maximum {
            guard
                let victim = existing.first(where: {
                    $0.number != current && $0.status != .queued && $0.status != .rendering
                })
            else {
                throw StoreError.conflict(
                    "this video already has \(maximum) versions and none can be removed while they render")
            }
            try await db.raw("DELETE FROM video_versions WHERE id = \(bind: victim.id)").run()
            removed.append(victim)
            existing.removeAll { $0.id == victim.id }
        }
        let number =
            (try await db.raw("SELECT MAX(number) AS n FROM video_versions WHERE video_id = \(bind: video)").first()?
                .decode(column: "n", as: Int?.self) ?? nil ?? 0) + 1
        let version = VideoVersion(
            id: newID(), videoId: video, number: number, editorState: editorState, status: status,
            createdAt: Clock.nowMillis())
        try await db.raw(
            """
            INSERT INTO video_versions (id, video_id, number, editor_state, status, created_at)
            VALUES (\(bind: version.id), \(bind: video), \(bind: number), \(bind: try encodeDocument(editorState)), \(bind: status.rawValue), \(bind: version.createdAt))
            """
        ).run()
        return (version, removed)
    }

    public static func setStatus(_ db: any SQLDatabase, id: String, _ status: VersionStatus, error: String? = nil)
        async throws
    {
        try await db.raw(
            "UPDATE video_versions SET status = \(bind: status.rawValue), error = \(bind: error) WHERE id = \(bind: id)"
        ).run()
    }

    public static func setOutput(
        _ db: any SQLDatabase, id: String, videoKey: String, thumbnailKey: String?, duration: Double
    ) async throws {
        try await db.raw(
            """
            UPDATE video_versions SET status = 'ready', video_key = \(bind: videoKey), thumbnail_key = \(bind: thumbnailKey),
            duration = \(bind: duration), error = NULL WHERE id = \(bind: id)
            """
        ).run()
    }

    public static func setEditorState(_ db: any SQLDatabase, id: String, editorState: EditorState) async throws {
        let json = try encodeDocument(editorState)
        try await db.raw("UPDATE video_versions SET editor_state = \(bind: json) WHERE id = \(bind: id)").run()
    }
}
