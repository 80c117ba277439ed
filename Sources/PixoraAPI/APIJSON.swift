import Foundation

/// How the API's bodies are written and read: the generated types carry `Date`s, which the contract sends as
/// ISO 8601 UTC with milliseconds (`2025-01-31T12:00:00.000Z`), and keys sorted so answers are byte-stable.
public enum APIJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.milliseconds.iso8601)
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard
                let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
                    ?? (try? Date(text, strategy: .iso8601))
            else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date: \(text)")
            }
            return date
        }
        return decoder
    }
}

extension Date {
    /// The store keeps milliseconds since 1970; the API's dates are made from them and written back exactly.
    public init(milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    public var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
}

extension Int64 {
    /// Milliseconds since 1970 as ISO 8601.
    /// (Formatted by hand: lists format hundreds of dates per request, and a formatter per call is slow.)
    public var iso8601: String {
        var seconds = time_t(self >= 0 ? self / 1000 : (self - 999) / 1000)
        let millis = Int(self - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
            + "T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }
}
