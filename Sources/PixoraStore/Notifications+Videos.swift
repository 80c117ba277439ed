import Foundation
import PixoraCore
import SQLKit

/// The notifications a video's life posts: ready, failed (with its refund), about to expire.
extension Notifications {
    /// How long before a video's files go its owner is warned.
    public static let expiryWarning: Int64 = 86_400_000

    /// Posts `video_ready` for a video that just completed. Call in the transaction that completes its job.
    public static func videoReady(_ db: any SQLDatabase, video id: String) async throws {
        guard let video = try await Videos.find(db, id: id) else { return }
        try await post(
            db, userId: video.userId, kind: .videoReady, title: "Your video is ready",
            body: "“\(video.title)” is ready to watch, edit and download.", link: "/videos/\(id)",
            eventKey: "video_ready:\(id)")
    }

    /// Warns the owners of completed videos whose files go within `expiryWarning` of `now`, once per video; many
    /// workers may run it at once (the event key decides). Returns how many warnings this call posted.
    @discardableResult
    public static func warnExpiring(_ db: any SQLDatabase, now: Int64, limit: Int = 200) async throws -> Int {
        let rows = try await db.raw(
            """
            SELECT id, expires_at FROM videos
            WHERE video_key IS NOT NULL AND status = 'completed'
            AND expires_at > \(bind: now) AND expires_at <= \(bind: now + expiryWarning)
            AND NOT EXISTS (SELECT 1 FROM notifications WHERE event_key = 'video_expiring:' || videos.id)
            ORDER BY expires_at LIMIT \(bind: limit)
            """
        ).all()
        var posted = 0
        for row in rows {
            let id = try row.decode(column: "id", as: String.self)
            let expiresAt = try row.decode(column: "expires_at", as: Int64.self)
            guard let video = try await Videos.find(db, id: id) else { continue }
            let when = expiryText(expiresAt)
            if try await post(
                db, userId: video.userId, kind: .videoExpiring, title: "Your video expires soon",
                body: "“\(video.title)” and its files will be deleted on \(when). Download it before then.",
                link: "/videos/\(id)", eventKey: "video_expiring:\(id)") != nil
            {
                posted += 1
            }
        }
        return posted
    }

    /// `2026-12-10 14:00 UTC`.
    static func expiryText(_ millis: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}

extension Videos {
    /// `video_failed`, saying what was refunded. Called where the failure and the refund are recorded.
    static func postFailure(_ db: any SQLDatabase, video: Video, error: String?) async throws {
        let refund =
            video.creditsUsed > 0
            ? "The \(video.creditsUsed) credits it cost were refunded." : "Nothing was charged."
        var reason = error.map { ": " + TextSanitizer.singleLine(String($0.prefix(300))) } ?? ""
        if !(reason.last.map { ".!?".contains($0) } ?? false) { reason += "." }
        try await Notifications.post(
            db, userId: video.userId, kind: .videoFailed, title: "Your video could not be made",
            body: "“\(video.title)” failed\(reason) \(refund)", link: "/videos/\(video.id)",
            eventKey: "video_failed:\(video.id)")
    }
}
