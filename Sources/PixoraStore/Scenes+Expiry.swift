import Foundation
import SQLKit

extension Scenes {
    /// When every video of `user` that uses the asset (its key as stored) has expired: the latest expiry (0 when
    /// unknown). Nil while a live video still uses it, since assets are shared by content.
    public static func expiredOnly(_ db: any SQLDatabase, asset: String, user: String) async throws -> Int64? {
        guard
            let row = try await db.raw(
                """
                SELECT COUNT(*) AS videos, COALESCE(MAX(v.expires_at), 0) AS expired_at,
                SUM(CASE WHEN v.status = 'expired' THEN 0 ELSE 1 END) AS live
                FROM scene_assets a JOIN scene_revisions r ON r.id = a.revision_id
                JOIN scenes s ON s.id = r.scene_id JOIN videos v ON v.id = s.video_id
                WHERE a.asset_key = \(bind: asset) AND v.user_id = \(bind: user)
                """
            ).first()
        else { return nil }
        let videos = try row.decode(column: "videos", as: Int64.self)
        let live = try row.decode(column: "live", as: Int64?.self) ?? 0
        guard videos > 0, live == 0 else { return nil }
        return try row.decode(column: "expired_at", as: Int64.self)
    }
}
