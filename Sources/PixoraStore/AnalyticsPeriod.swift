import Foundation

/// Whole UTC days, `first` to `last` included, as days since 1970-01-01. A UTC day is exactly 86,400,000 ms of
/// the timestamp columns (Unix time has no leap seconds), so both engines group rows by day with the same
/// integer division, `created_at / 86400000`, instead of each engine's own date functions.
public struct AnalyticsPeriod: Sendable, Equatable {
    public static let dayMillis: Int64 = 86_400_000
    /// The longest period a report covers.
    public static let maximumDays = 366
    /// The period when none is asked for: the last 30 days, today included.
    public static let defaultDays = 30

    public var first: Int
    public var last: Int

    public init(first: Int, last: Int) {
        self.first = first
        self.last = last
    }

    public var days: Int { last - first + 1 }
    /// The first millisecond of the period.
    public var start: Int64 { Int64(first) * Self.dayMillis }
    /// The first millisecond after the period.
    public var end: Int64 { Int64(last + 1) * Self.dayMillis }

    /// The day holding `millis`.
    public static func day(millis: Int64) -> Int {
        Int(millis >= 0 ? millis / dayMillis : (millis - dayMillis + 1) / dayMillis)
    }

    /// The day a `YYYY-MM-DD` text names, or nil when it is not a real calendar date in that form.
    public static func day(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.utf8.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return civilDays(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DD` of a day.
    public static func text(_ day: Int) -> String {
        // Howard Hinnant's civil_from_days.
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        let year = String(y)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + (m < 10 ? "0" : "") + String(m)
            + "-" + (d < 10 ? "0" : "") + String(d)
    }

    static func civilDays(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// What is wrong with a requested period.
    public struct Problem: Error, Equatable, Sendable {
        /// The query parameter at fault: `from` or `to`.
        public var field: String
        public var message: String
        /// True when the text is not a date at all; false when the dates are fine but the period is not.
        public var malformed: Bool
    }

    /// The period `from`…`to` (`YYYY-MM-DD`, UTC, both included). Left out (not empty: that is no date), `to` is
    /// `today` and `from` is `defaultDays` − 1 days before `to`.
    public static func resolve(from: String?, to: String?, today: Int) throws(Problem) -> AnalyticsPeriod {
        func parse(_ text: String?, _ field: String) throws(Problem) -> Int? {
            guard let text else { return nil }
            guard let day = day(text) else {
                throw Problem(
                    field: field, message: "must be a date written YYYY-MM-DD, got '\(text.prefix(40))'",
                    malformed: true)
            }
            return day
        }
        let last = try parse(to, "to") ?? today
        let first = try parse(from, "from") ?? (last - defaultDays + 1)
        guard first <= last else {
            throw Problem(field: "from", message: "must not be after to (\(text(last)))", malformed: false)
        }
        guard last - first + 1 <= maximumDays else {
            throw Problem(
                field: "from", message: "the period is \(last - first + 1) days; at most \(maximumDays) are allowed",
                malformed: false)
        }
        return AnalyticsPeriod(first: first, last: last)
    }
}
