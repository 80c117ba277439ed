import Foundation
import PixoraStore

extension APIError {
    /// 410 for anything that needs the files of a video whose retention ended.
    static func expired(at millis: Int64?) -> APIError {
        let when = millis.map { " on " + utcMinute($0) }
        return APIError(.gone, .expired, "This video expired\(when ?? ""); its files were deleted.")
    }

    /// Throws the 410 when the video expired.
    static func refuseExpired(_ video: Video) throws {
        if video.status == .expired { throw expired(at: video.expiresAt) }
    }

    /// `2026-12-10 14:00 UTC`: when something expired, as the messages of 410 answers say it.
    static func utcMinute(_ millis: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000)) + " UTC"
    }
}
