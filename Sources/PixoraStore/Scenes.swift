import Foundation
import PixoraCore
import SQLKit

/// Why a revision was made.
public enum RevisionReason: String, StoredEnum {
    case initial, visual, audio, both

    public static let table = "scene_revisions"
    public static let column = "reason"
}

/// Where a revision stands.
public enum RevisionStatus: String, StoredEnum {
    case queued, ready, failed

    public static let table = "scene_revisions"
    public static let column = "status"
}

/// What an asset of a revision is.
public enum AssetKind: String, StoredEnum {
    case image, clip, voice, timings, music

    public static let table = "scene_assets"
    public static let column = "kind"
}

/// A scene of a video; its content lives in revisions.
public struct Scene: Codable, Sendable, Equatable {
    public var id: String
    public var videoId: String
    public var position: Int
    public var currentRevision: Int
    public var createdAt: Int64
}

/// One version of a scene: the plan scene it was made from and its status.
public struct SceneRevision: Codable, Sendable, Equatable, StoredRow {
    public var id: String
    public var sceneId: String
    public var number: Int
    public var reason: RevisionReason
    public var planScene: PlanScene
    public var status: RevisionStatus
    public var createdAt: Int64

    init(row: any SQLRow) throws {
        id = try row.value("id")
        sceneId = try row.value("scene_id")
        number = try row.value("number")
        reason = try row.stored(RevisionReason.self)
        planScene = try row.document("plan_scene", table: "scene_revisions", as: PlanScene.self)
        status = try row.stored(RevisionStatus.self)
        createdAt = try row.value("created_at")
    }

    init(id: String, sceneId: String, number: Int, reason: RevisionReason, planScene: PlanScene, createdAt: Int64) {
        (self.id, self.sceneId, self.number, self.reason) = (id, sceneId, number, reason)
        (self.planScene, status, self.createdAt) = (planScene, .queued, createdAt)
    }
}

/// An asset made for a revision.
public struct SceneAsset: Codable, Sendable, Equatable, StoredRow {
    public var id: String
    public var revisionId: String
    public var kind: AssetKind
    /// `<sha256>.<ext>` in the asset store.
    public var assetKey: String
    /// What made it: a generator's id and version, or a provider and model (`fal.ai:fal-ai/flux-pro/v1.1-ultra`).
    public var generator: String
    /// The provider's price of making it, in US dollars; nil for embedded generators.
    public var costUsd: Double?
    public var createdAt: Int64

    init(row: any SQLRow) throws {
        id = try row.value("id")
        revisionId = try row.value("revision_id")
        kind = try row.stored(AssetKind.self)
        assetKey = try row.value("asset_key")
        generator = try row.value("generator")
        costUsd = try row.value("cost_usd")
        createdAt = try row.value("created_at")
    }
}

/// An asset to record with a revision.
public struct NewSceneAsset: Sendable, Equatable {
    public var kind: AssetKind
    public var key: String
    public var generator: String
    public var costUsd: Double?

    public init(kind: AssetKind, key: String, generator: String, costUsd: Double? = nil) {
        self.kind = kind
        self.key = key
        self.generator = generator
        self.costUsd = costUsd
    }
}

/// Scenes, their revisions (at most `maximumRevisions` per scene) and their assets.
public enum Scenes {
    /// Whether `user` may read an asset: one recorded for one of their videos, or a picture a running job of
    /// theirs reported as finished (shown while the video is still being made). The key is a validated
    /// `<hex>.<ext>`, so it cannot carry LIKE wildcards.
    public static func canRead(_ db: any SQLDatabase, asset: AssetRef, user: String) async throws -> Bool {
        if try await db.raw(
            """
            SELECT a.id FROM scene_assets a JOIN scene_revisions r ON r.id = a.revision_id
            JOIN scenes s ON s.id = r.scene_id JOIN videos v ON v.id = s.video_id
            WHERE a.asset_key = \(bind: asset.description) AND v.user_id = \(bind: user) LIMIT 1
            """
        ).first() != nil {
            return true
        }
        guard asset.ext == "png" else { return false }
        return try await db.raw(
            """
            SELECT id FROM jobs WHERE user_id = \(bind: user)
            AND progress LIKE \(bind: "%\"imageKey\":\"\(asset.description)\"%") LIMIT 1
            """
        ).first() != nil
    }

    public static let maximumRevisions = 5

    public static func list(_ db: any SQLDatabase, video: String) async throws -> [Scene] {
        try await db.raw("SELECT * FROM scenes WHERE video_id = \(bind: video) ORDER BY position").all(as: Scene.self)
    }

    public static func find(_ db: any SQLDatabase, video: String, id: String) async throws -> Scene? {
        try await db.raw("SELECT * FROM scenes WHERE video_id = \(bind: video) AND id = \(bind: id)").first(
            as: Scene.self)
    }

    public static func revisions(_ db: any SQLDatabase, scene: String) async throws -> [SceneRevision] {
        try await db.raw("SELECT * FROM scene_revisions WHERE scene_id = \(bind: scene) ORDER BY number").rows(
            SceneRevision.self)
    }

    public static func revisions(_ db: any SQLDatabase, video: String) async throws -> [SceneRevision] {
        try await db.raw(
            """
            SELECT r.* FROM scene_revisions r JOIN scenes s ON s.id = r.scene_id
            WHERE s.video_id = \(bind: video) ORDER BY s.position, r.number
            """
        ).rows(SceneRevision.self)
    }

    public static func assets(_ db: any SQLDatabase, video: String) async throws -> [SceneAsset] {
        try await db.raw(
            """
            SELECT a.* FROM scene_assets a JOIN scene_revisions r ON r.id = a.revision_id JOIN scenes s ON s.id = r.scene_id
            WHERE s.video_id = \(bind: video) ORDER BY s.position, r.number, a.kind
            """
        ).rows(SceneAsset.self)
    }

    /// Creates the scenes of a freshly planned video, each with revision 1. Replaces any earlier attempt's rows,
    /// so a retried job starts clean.
    public static func createInitial(_ db: any SQLDatabase, video: String, planScenes: [PlanScene]) async throws
        -> [Scene]
    {
        try await db.raw("DELETE FROM scenes WHERE video_id = \(bind: video)").run()
        let now = Clock.nowMillis()
        for (position, planScene) in planScenes.enumerated() {
            let scene = newID()
            try await db.raw(
                "INSERT INTO scenes (id, video_id, position, current_revision, created_at) VALUES (\(bind: scene), \(bind: video), \(bind: position), 1, \(bind: now))"
            ).run()
            try await db.raw(
                """
                INSERT INTO scene_revisions (id, scene_id, number, reason, plan_scene, status, created_at)
                VALUES (\(bind: newID()), \(bind: scene), 1, 'initial', \(bind: try encodeDocument(planScene)), 'queued', \(bind: now))
                """
            ).run()
        }
        return try await list(db, video: video)
    }

    /// Adds a revision (status queued) and drops the oldest ones beyond the limit. Returns the new revision and
    /// how many were dropped.
    public static func addRevision(_ db: any SQLDatabase, scene: String, reason: RevisionReason, planScene: PlanScene)
        async throws -> (SceneRevision, pruned: Int)
    {
        let last = try await db.raw("SELECT MAX(number) AS n FROM scene_revisions WHERE scene_id = \(bind: scene)")
            .first()?.decode(column: "n", as: Int?.self)
        let revision = SceneRevision(
            id: newID(), sceneId: scene, number: ((last ?? nil) ?? 0) + 1, reason: reason, planScene: planScene,
            createdAt: Clock.nowMillis())
        try await db.raw(
            """
            INSERT INTO scene_revisions (id, scene_id, number, reason, plan_scene, status, created_at)
            VALUES (\(bind: revision.id), \(bind: scene), \(bind: revision.number), \(bind: reason.rawValue), \(bind: try encodeDocument(planScene)), 'queued', \(bind: revision.createdAt))
            """
        ).run()
        let pruned = try await db.raw(
            """
            DELETE FROM scene_revisions WHERE scene_id = \(bind: scene) AND number <= \(bind: revision.number - maximumRevisions) RETURNING id
            """
        ).all().count
        return (revision, pruned)
    }

    public static func revision(_ db: any SQLDatabase, id: String) async throws -> SceneRevision? {
        try await db.raw("SELECT * FROM scene_revisions WHERE id = \(bind: id)").firstRow(SceneRevision.self)
    }

    public static func revision(_ db: any SQLDatabase, scene: String, number: Int) async throws -> SceneRevision? {
        try await db.raw("SELECT * FROM scene_revisions WHERE scene_id = \(bind: scene) AND number = \(bind: number)")
            .firstRow(SceneRevision.self)
    }

    /// Marks a revision ready with its assets and makes it the scene's current one.
    public static func completeRevision(
        _ db: any SQLDatabase, revision: SceneRevision, planScene: PlanScene, assets: [NewSceneAsset]
    ) async throws {
        let now = Clock.nowMillis()
        try await db.raw("DELETE FROM scene_assets WHERE revision_id = \(bind: revision.id)").run()
        for asset in assets {
            try await db.raw(
                """
                INSERT INTO scene_assets (id, revision_id, kind, asset_key, generator, cost_usd, created_at)
                VALUES (\(bind: newID()), \(bind: revision.id), \(bind: asset.kind.rawValue), \(bind: asset.key), \(bind: asset.generator), \(bind: asset.costUsd), \(bind: now))
                """
            ).run()
        }
        try await db.raw(
            "UPDATE scene_revisions SET status = 'ready', plan_scene = \(bind: try encodeDocument(planScene)) WHERE id = \(bind: revision.id)"
        ).run()
        try await db.raw(
            "UPDATE scenes SET current_revision = \(bind: revision.number) WHERE id = \(bind: revision.sceneId)"
        ).run()
    }

    public static func failRevision(_ db: any SQLDatabase, revision: String) async throws {
        try await db.raw(
            "UPDATE scene_revisions SET status = 'failed' WHERE id = \(bind: revision) AND status = 'queued'"
        ).run()
    }
}
