import SQLKit

/// The order workers claim queued jobs in. A job's rank is the time it became ready minus `stepMillis` for each
/// level of its plan's queue priority: a Pro job (5) queued now goes before a Free job (0) queued up to five minutes
/// ago, and after one queued earlier than that. So higher tiers go first, and no job waits behind newer ones for more
/// than the priority gap times `stepMillis`: lower tiers are never starved. The expression matches the
/// `jobs_claim_order` index of migration 17 exactly, so a claim reads the index in order and stops at the first
/// ready job on both engines.
public enum JobPriority {
    /// What one priority level is worth, in milliseconds of waiting.
    public static let stepMillis: Int64 = 60_000

    /// The claim's ORDER BY (its text must stay equal to the index expression).
    static let order = "(run_at - priority * 60000), id"

    /// The next queued job that is due at `now`, in claim order. SQLite is told the index: without statistics its
    /// planner guesses `state = 'queued'` picks a handful of rows, takes the `jobs_ready` range and sorts every
    /// queued job in a temporary tree (21× slower on 10,000 queued jobs, `bench/queue-priority.sh`).
    /// PostgreSQL, which keeps statistics, picks the index by itself; it skips rows other workers are claiming.
    public static func nextQueued(now: Int64, engine: SQLEngine) -> SQLQueryString {
        let index = engine == .sqlite ? " INDEXED BY jobs_claim_order" : ""
        let lock = engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return """
            SELECT id FROM jobs\(unsafeRaw: index)
            WHERE state = 'queued' AND run_at <= \(bind: now) AND attempts < max_attempts
            ORDER BY \(unsafeRaw: order) LIMIT 1\(unsafeRaw: lock)
            """
    }
}
