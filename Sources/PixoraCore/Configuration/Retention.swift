import Foundation

/// How long a finished video keeps its files (`PIXORA_RETENTION`).
public enum Retention: Sendable, Hashable {
    case forever
    case seconds(Int64)

    /// `7d`, `36h`, `90m`, `60s` (a whole number above 0 and a unit) or `forever`; nil for anything else.
    public init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        if text == "forever" {
            self = .forever
            return
        }
        let units: [Character: Int64] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()), count > 0,
            count <= 36_500 * 86_400 / unit
        else { return nil }
        self = .seconds(count * unit)
    }

    /// When a video finished at `millis` (milliseconds since 1970) expires; nil when it never does.
    public func expiry(after millis: Int64) -> Int64? {
        switch self {
        case .forever: nil
        case .seconds(let seconds): millis + seconds * 1000
        }
    }
}
