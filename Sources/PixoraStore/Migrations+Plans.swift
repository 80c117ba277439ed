extension Migrations {
    /// Migration 17: plans and subscriptions, monthly allowances, job priority.
    static let plans = Migration(
        version: 17, name: "plans, allowances, job priority",
        statements: [
            // An account's plan (`Subscriptions`). No row: the catalogue's default plan, its period anchored on the
            // account's creation. `queue_priority` is the plan's, copied so a job insert reads it without the
            // catalogue; `Subscriptions.syncPriorities` keeps it current when the plans file changes.
            """
            CREATE TABLE subscriptions (
                user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                plan_id TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN
                    ('active', 'trialing', 'past_due', 'unpaid', 'canceled', 'incomplete', 'incomplete_expired',
                     'paused')),
                current_period_start BIGINT,
                current_period_end BIGINT,
                pending_plan_id TEXT,
                queue_priority INTEGER NOT NULL DEFAULT 0,
                stripe_customer_id TEXT UNIQUE,
                stripe_subscription_id TEXT UNIQUE,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            // One grant per account and period (a month's anniversary date, or a Stripe invoice), so a second
            // worker or a replayed event grants nothing; the ledger row is written with it.
            """
            CREATE TABLE allowance_grants (
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                period TEXT NOT NULL,
                plan_id TEXT NOT NULL,
                credits BIGINT NOT NULL CHECK (credits >= 0),
                transaction_id TEXT,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (user_id, period)
            )
            """,
            // Claim order: a job of priority p ranks as if it had waited p minutes longer (`JobPriority`).
            "ALTER TABLE jobs ADD COLUMN priority INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX jobs_claim_order ON jobs ((run_at - priority * 60000), id) WHERE state = 'queued'",
            // Limits count a user's generation jobs: running now, and created in the last hour.
            "CREATE INDEX jobs_by_user ON jobs (user_id, created_at)",
            // At most one allowance pass waits or runs at a time, however many workers schedule it.
            """
            CREATE UNIQUE INDEX jobs_one_allowance ON jobs (kind)
            WHERE kind = 'grant_allowances' AND state IN ('queued', 'running')
            """,
        ])
}
