import SQLKit

/// A check that admits or refuses a user's job inside the transaction that queues it (a plan's limits on
/// generations at once and per hour). Counting in a separate read and inserting later lets two racing requests
/// both take the last slot; here the account is locked first, so a second request's count waits for the first
/// one's commit and sees its job. The request sets it for the work it does (`$current.withValue`), and
/// `Jobs.enqueue` runs it for that user's jobs of those kinds; jobs the workers queue themselves are not checked.
public struct JobAdmission: Sendable {
    public var user: String
    public var kinds: Set<JobKind>
    public var engine: SQLEngine
    /// The queue priority of the user's jobs when the account has no subscription row (the default plan's).
    public var defaultPriority: Int
    /// Throws to refuse. Reads through `db`, the queuing transaction, which already holds the account's lock.
    public var check: @Sendable (any SQLDatabase) async throws -> Void

    @TaskLocal public static var current: JobAdmission?

    public init(
        user: String, kinds: Set<JobKind>, engine: SQLEngine, defaultPriority: Int = 0,
        check: @escaping @Sendable (any SQLDatabase) async throws -> Void
    ) {
        (self.user, self.kinds, self.engine, self.check) = (user, kinds, engine, check)
        self.defaultPriority = defaultPriority
    }

    /// Locks the account and runs the check when the job is one it admits. PostgreSQL locks the user's row until
    /// the transaction ends, in the mode a charge's balance update takes (NO KEY UPDATE): `FOR UPDATE` would also
    /// wait for the key-share locks that a racing transaction's inserts (its video row's foreign key) hold while it
    /// waits for this one's charge, a deadlock. SQLite's transactions begin IMMEDIATE: the writer excludes others.
    func admit(_ db: any SQLDatabase, user: String?, kind: JobKind) async throws {
        guard user == self.user, kinds.contains(kind) else { return }
        try await admit(db)
    }

    /// Locks the account and runs the check now: for work that comes back to the queue without a new job (a
    /// paused generation resumed).
    public func admit(_ db: any SQLDatabase) async throws {
        if engine == .postgres {
            try await db.raw("SELECT id FROM users WHERE id = \(bind: self.user) FOR NO KEY UPDATE").run()
        }
        try await check(db)
    }
}
