import Synchronization

/// Remembered results, shared between threads, at most `capacity` of them: a new key arriving when the memo is full
/// drops every entry (the next lookups refill it). Each caller decides whether an entry it finds still holds.
public final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = Mutex<[Key: Value]>([:])
    public let capacity: Int

    public init(capacity: Int) { self.capacity = capacity }

    public func value(for key: Key) -> Value? { entries.withLock { $0[key] } }

    public func remember(_ value: Value, for key: Key) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
    }

    public func forget(_ key: Key) { _ = entries.withLock { $0.removeValue(forKey: key) } }

    public func forgetAll() { entries.withLock { $0.removeAll() } }
}
