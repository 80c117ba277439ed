import Foundation
import Synchronization

/// Counts attempts per key in a sliding window (in this process). Used for sign-in: per address and per email.
public final class RateLimiter: Sendable {
    public let limit: Int
    public let window: TimeInterval
    private let attempts = Mutex<[String: [Date]]>([:])

    public init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Records an attempt for `key`; returns nil when allowed, or the seconds until the next one is.
    public func attempt(_ key: String, now: Date = Date()) -> Int? {
        attempts.withLock { attempts in
            var times = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
            if times.count >= limit {
                attempts[key] = times
                return max(Int((window - now.timeIntervalSince(times[0])).rounded(.up)), 1)
            }
            times.append(now)
            attempts[key] = times
            if attempts.count > 100_000 {
                attempts = attempts.filter { !$0.value.isEmpty && now.timeIntervalSince($0.value.last!) < window }
            }
            return nil
        }
    }

    /// Forgets `key` (after a successful sign-in).
    public func reset(_ key: String) {
        attempts.withLock { _ = $0.removeValue(forKey: key) }
    }
}
