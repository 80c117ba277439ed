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

    /// Completed videos with files whose `expires_at` is within `expiryWarning` of `now` and whose owner was not
    /// warned yet, soonest first.
    public static func expiringUnwarned(_ db: any SQLDatabase, now: Int64, limit: Int) async throws -> [String] {
        try await db.raw(
            """
            SELECT id FROM videos
            WHERE video_key IS NOT NULL AND status = 'completed'
            AND expires_at > \(bind: now) AND expires_at <= \(bind: now + expiryWarning)
            AND NOT EXISTS (SELECT 1 FROM notifications WHERE event_key = 'video_expiring:' || videos.id)
            ORDER BY expires_at LIMIT \(bind: limit)
            """
        ).all().map { try $0.decode(column: "id", as: String.self) }
    }

    /// Warns the owners of those videos, once per video; many workers may run it at once (the event key decides).
    /// Returns how many warnings this call posted.
    @discardableResult
    public static func warnExpiring(_ db: any SQLDatabase, now: Int64, limit: Int = 200) async throws -> Int {
        var posted = 0
        for id in try await expiringUnwarned(db, now: now, limit: limit) {
            guard let video = try await Videos.find(db, id: id), let expiresAt = video.expiresAt else { continue }
            if try await post(
                db, userId: video.userId, kind: .videoExpiring, title: "Your video expires soon",
                body:
                    "“\(video.title)” and its files will be deleted on \(expiryText(expiresAt)). Download it before then.",
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
