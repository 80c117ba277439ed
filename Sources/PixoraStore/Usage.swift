import Foundation
import SQLKit

/// A user's activity, for the profile page's statistics.
public struct UsageSummary: Sendable, Equatable {
    public struct Day: Sendable, Equatable {
        /// `YYYY-MM-DD` in UTC.
        public var date: String
        /// Credits charged that day, net of that day's refunds (never below 0).
        public var spent: Int
        /// Credits received that day from grants and adjustments.
        public var granted: Int
    }

    public var days: [Day]
    public var videosByStatus: [String: Int]
    public var totalVideos: Int
    /// Seconds of finished video.
    public var totalSeconds: Double
    /// Credits charged in the period, net of refunds.
    public var creditsSpent: Int
}

public enum Usage {
    /// The last `days` days (today included), oldest first, and every video's status.
    public static func summary(_ db: any SQLDatabase, user: String, days: Int, now: Date = Date()) async throws
        -> UsageSummary
    {
        let calendar = {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            return calendar
        }()
        let today = calendar.startOfDay(for: now)
        let first = calendar.date(byAdding: .day, value: -(days - 1), to: today)!
        let since = Int64(first.timeIntervalSince1970 * 1000)
        let rows = try await db.raw(
            """
            SELECT delta, reason, created_at FROM credit_transactions WHERE user_id = \(bind: user) AND created_at >= \(bind: since)
            """
        ).all()
        var spent = Array(repeating: 0, count: days)
        var granted = Array(repeating: 0, count: days)
        for row in rows {
            let delta = try row.decode(column: "delta", as: Int.self)
            let reason = try row.stored(CreditReason.self)
            let created = try row.decode(column: "created_at", as: Int64.self)
            let day = Int((created - since) / 86_400_000)
            guard (0..<days).contains(day) else { continue }
            switch reason {
            case .videoCharge, .sceneCharge, .videoRefund, .sceneRefund, .studioCharge, .studioRefund:
                spent[day] -= delta
            case .signupGrant, .adminGrant: if delta > 0 { granted[day] += delta } else { spent[day] -= delta }
            case .creditPurchase: granted[day] += delta
            case .planAllowance: granted[day] += delta
            }
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let list = (0..<days).map { index in
            UsageSummary.Day(
                date: formatter.string(from: calendar.date(byAdding: .day, value: index, to: first)!),
                spent: max(spent[index], 0), granted: granted[index])
        }
        var byStatus = Dictionary(uniqueKeysWithValues: VideoStatus.allCases.map { ($0.rawValue, 0) })
        var total = 0
        var seconds = 0.0
        for row in try await db.raw(
            """
            SELECT status, COUNT(*) AS videos, COALESCE(SUM(duration), 0) AS seconds FROM videos WHERE user_id = \(bind: user) GROUP BY status
            """
        ).all() {
            let count = try row.decode(column: "videos", as: Int.self)
            byStatus[try row.stored(VideoStatus.self).rawValue] = count
            total += count
            seconds += try row.decode(column: "seconds", as: Double.self)
        }
        return UsageSummary(
            days: list, videosByStatus: byStatus, totalVideos: total, totalSeconds: (seconds * 10).rounded() / 10,
            creditsSpent: max(spent.reduce(0, +), 0))
    }
}
