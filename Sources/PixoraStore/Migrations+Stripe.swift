extension Migrations {
    /// Migration 18: what Stripe told us. Events are processed once (their id is the key); customers and
    /// subscriptions are remembered per account so the portal reuses the customer and an older event about a
    /// subscription cannot undo a newer one.
    static let stripe = Migration(
        version: 18, name: "stripe billing",
        statements: [
            // user_id has no foreign key: an event naming an unknown account is still recorded as handled.
            """
            CREATE TABLE stripe_events (
                id TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                user_id TEXT,
                outcome TEXT NOT NULL,
                created BIGINT NOT NULL,
                processed_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE stripe_customers (
                user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                customer_id TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL
            )
            """,
            // event_created: Stripe's `created` (seconds) of the newest event applied to the row.
            """
            CREATE TABLE stripe_subscriptions (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                plan TEXT NOT NULL,
                status TEXT NOT NULL,
                current_period_end BIGINT,
                cancel_at_period_end BOOLEAN NOT NULL,
                event_created BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX stripe_subscriptions_by_user ON stripe_subscriptions (user_id)",
        ])
}
