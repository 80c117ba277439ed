/// The order workers claim queued jobs in. A job's rank is the time it became ready minus `stepMillis` for each
/// level of its plan's queue priority: a Pro job (5) queued now goes before a Free job (0) queued up to five minutes
/// ago, and after one queued earlier than that. So higher tiers go first, and no job waits behind newer ones for more
/// than the priority gap times `stepMillis`: lower tiers are never starved. The expression matches the
/// `jobs_claim_order` index of migration 17 exactly, so a claim reads one index entry on both engines.
public enum JobPriority {
    /// What one priority level is worth, in milliseconds of waiting.
    public static let stepMillis: Int64 = 60_000

    /// The claim's ORDER BY (its text must stay equal to the index expression).
    static let order = "(run_at - priority * 60000), id"
}
