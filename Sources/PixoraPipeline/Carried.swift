import Synchronization

/// Carries a value out of a producer closure that must be `@Sendable` (the asset store's `obtain`).
final class Carried<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)
    var value: Value? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
