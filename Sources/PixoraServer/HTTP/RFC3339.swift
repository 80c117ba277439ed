import Foundation

/// RFC 3339 dates and date-times as query parameters carry them, read by hand: Foundation's ISO 8601 parsers
/// refuse parts RFC 3339 allows (lowercase `t` and `z`, more than three fractional digits).
enum RFC3339 {
    /// Milliseconds since 1970 of `YYYY-MM-DD` (midnight UTC) or a full date-time; nil when malformed or not a real
    /// day and time.
    static func milliseconds(_ text: String) -> Int64? {
        // Built per call: a Regex is not Sendable, and lists with a date range are rare.
        let pattern =
            /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2})))?$/
        guard let match = text.wholeMatch(of: pattern) else { return nil }
        let number = { (part: Substring?) in part.flatMap { Int($0) } ?? 0 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = DateComponents(
            calendar: calendar, timeZone: calendar.timeZone, year: number(match.1), month: number(match.2),
            day: number(match.3), hour: number(match.4), minute: number(match.5), second: number(match.6))
        guard (1...9999).contains(parts.year ?? 0), parts.isValidDate, (parts.second ?? 0) < 60,
            let date = parts.date
        else { return nil }
        var at = Int64((date.timeIntervalSince1970 * 1000).rounded())
        if let fraction = match.7 { at += Int64(String((fraction + "00").prefix(3)))! }
        if let sign = match.9 {
            let hours = number(match.10)
            let minutes = number(match.11)
            guard hours < 24, minutes < 60 else { return nil }
            // 14:00+02:00 is 12:00 UTC.
            at -= (sign == "+" ? 1 : -1) * Int64(hours * 60 + minutes) * 60_000
        }
        return at
    }
}
