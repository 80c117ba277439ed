import Foundation

/// A month of an account's plan, from one anniversary of its anchor (the account's creation) to the next, in UTC.
/// Anniversaries add whole months to the anchor, so an account made on 31 January renews on 28 (or 29) February and
/// on 31 March, never drifting to the 28th.
public struct BillingPeriod: Sendable, Hashable {
    /// Months since the anchor: 0 is the first month.
    public let index: Int
    public let start: Int64
    public let end: Int64

    /// The period that contains `now` (milliseconds since 1970); the first one when `now` is before the anchor.
    public init(anchor: Int64, containing now: Int64) {
        var index = max(0, Self.months(from: anchor, to: now))
        // `months` counts calendar months; step back when the day-of-month clamp put the anniversary past now.
        while index > 0, Self.anniversary(anchor, index) > now { index -= 1 }
        while Self.anniversary(anchor, index + 1) <= now { index += 1 }
        self.index = index
        start = Self.anniversary(anchor, index)
        end = Self.anniversary(anchor, index + 1)
    }

    /// The grant key of the period: its first day, such as `month:2026-12-03`.
    public var key: String {
        let day = Date(timeIntervalSince1970: Double(start) / 1000).formatted(
            Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day())
        return "month:\(day)"
    }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func anniversary(_ anchor: Int64, _ months: Int) -> Int64 {
        let start = Date(timeIntervalSince1970: Double(anchor) / 1000)
        let date = calendar.date(byAdding: .month, value: months, to: start) ?? start
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func months(from anchor: Int64, to now: Int64) -> Int {
        let from = Date(timeIntervalSince1970: Double(anchor) / 1000)
        let to = Date(timeIntervalSince1970: Double(now) / 1000)
        return calendar.dateComponents([.month], from: from, to: to).month ?? 0
    }
}
