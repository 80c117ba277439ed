import Foundation
import SQLKit

/// Where a version's render stands.
public enum VersionStatus: String, Codable, Sendable {
    case queued, rendering, ready, failed
}

/// A saved edit of a video: the EditorState snapshot and its render.
public struct VideoVersion: Codable, Sendable, Equatable {
    public var id: String
    public var videoId: String
    public var number: Int
    /// The EditorState as JSON.
    public var editorState: String
    public var status: String
    public var videoKey: String?
    public var thumbnailKey: String?
    public var duration: Double?
    public var error: String?
    public var createdAt: Int64
}

/// At most `maximum` versions per video. Saving a sixth removes the oldest version that is neither the one the
/// video currently shows nor still rendering.
public enum Versions {
    public static let maximum = 5

    public static func list(_ db: any SQLDatabase, video: String) async throws -> [VideoVersion] {
        try await db.raw("SELECT * FROM video_versions WHERE video_id = \(bind: video) ORDER BY number").all(as: VideoVersion.self)
    }

    public static func find(_ db: any SQLDatabase, video: String, id: String) async throws -> VideoVersion? {
        try await db.raw("SELECT * FROM video_versions WHERE video_id = \(bind: video) AND id = \(bind: id)").first(as: VideoVersion.self)
    }

    public static func find(_ db: any SQLDatabase, id: String) async throws -> VideoVersion? {
        try await db.raw("SELECT * FROM video_versions WHERE id = \(bind: id)").first(as: VideoVersion.self)
    }

    /// Adds a version; returns it and the versions removed to stay within the limit (their files are the
    /// caller's to delete). Throws a conflict when every older version is busy or current.
    public static func add(_ db: any SQLDatabase, video: String, editorState: String, status: VersionStatus, current: Int?) async throws -> (VideoVersion, removed: [VideoVersion]) {
        var existing = try await list(db, video: video)
        var removed: [VideoVersion] = []
        while existing.count >= maximum {
            guard let victim = existing.first(where: { $0.number != current && $0.status != VersionStatus.queued.rawValue && $0.status != VersionStatus.rendering.rawValue })
            else { throw StoreError.conflict("this video already has \(maximum) versions and none can be removed while they render") }
            try await db.raw("DELETE FROM video_versions WHERE id = \(bind: victim.id)").run()
            removed.append(victim)
            existing.removeAll { $0.id == victim.id }
        }
        let number = (try await db.raw("SELECT MAX(number) AS n FROM video_versions WHERE video_id = \(bind: video)").first()?.decode(column: "n", as: Int?.self) ?? nil ?? 0) + 1
        let version = VideoVersion(
            id: newID(), videoId: video, number: number, editorState: editorState, status: status.rawValue, videoKey: nil,
            thumbnailKey: nil, duration: nil, error: nil, createdAt: Clock.nowMillis())
        try await db.raw("""
            INSERT INTO video_versions (id, video_id, number, editor_state, status, created_at)
            VALUES (\(bind: version.id), \(bind: video), \(bind: number), \(bind: editorState), \(bind: status.rawValue), \(bind: version.createdAt))
            """).run()
        return (version, removed)
    }

    public static func setStatus(_ db: any SQLDatabase, id: String, _ status: VersionStatus, error: String? = nil) async throws {
        try await db.raw("UPDATE video_versions SET status = \(bind: status.rawValue), error = \(bind: error) WHERE id = \(bind: id)").run()
    }

    public static func setOutput(_ db: any SQLDatabase, id: String, videoKey: String, thumbnailKey: String?, duration: Double) async throws {
        try await db.raw("""
            UPDATE video_versions SET status = 'ready', video_key = \(bind: videoKey), thumbnail_key = \(bind: thumbnailKey),
            duration = \(bind: duration), error = NULL WHERE id = \(bind: id)
            """).run()
    }

    public static func setEditorState(_ db: any SQLDatabase, id: String, editorState: String) async throws {
        try await db.raw("UPDATE video_versions SET editor_state = \(bind: editorState) WHERE id = \(bind: id)").run()
    }
}
