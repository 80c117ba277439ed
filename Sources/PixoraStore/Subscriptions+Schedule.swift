import SQLKit

extension Subscriptions {
    /// Queues the allowance pass unless one waits or runs already (the `jobs_one_allowance` index); true when this
    /// call queued it.
    public static func enqueueGrants(_ db: any SQLDatabase, maxAttempts: Int) async throws -> Bool {
        let now = Clock.nowMillis()
        return try await db.raw(
            """
            INSERT INTO jobs (id, kind, payload, state, attempts, max_attempts, run_at, created_at, updated_at)
            VALUES (\(bind: newID()), \(bind: JobKind.grantAllowances.rawValue), '{}', 'queued', 0,
                    \(bind: maxAttempts), \(bind: now), \(bind: now), \(bind: now))
            ON CONFLICT DO NOTHING RETURNING id
            """
        ).first() != nil
    }
}
