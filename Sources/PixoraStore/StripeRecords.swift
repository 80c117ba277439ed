import Foundation
import SQLKit

/// A subscription as Pixora last applied it, with the `created` time of the event that said so.
public struct StripeSubscription: Sendable, Equatable, StoredRow {
    public var id: String
    public var userId: String
    public var plan: String
    public var status: String
    /// Seconds since 1970, as Stripe gives it.
    public var currentPeriodEnd: Int64?
    public var cancelAtPeriodEnd: Bool
    public var eventCreated: Int64

    public init(
        id: String, userId: String, plan: String, status: String, currentPeriodEnd: Int64?,
        cancelAtPeriodEnd: Bool, eventCreated: Int64
    ) {
        (self.id, self.userId, self.plan, self.status) = (id, userId, plan, status)
        (self.currentPeriodEnd, self.cancelAtPeriodEnd, self.eventCreated) = (
            currentPeriodEnd, cancelAtPeriodEnd, eventCreated
        )
    }

    init(row: any SQLRow) throws {
        id = try row.value("id")
        userId = try row.value("user_id")
        plan = try row.value("plan")
        status = try row.value("status")
        currentPeriodEnd = try row.value("current_period_end")
        cancelAtPeriodEnd = try row.value("cancel_at_period_end")
        eventCreated = try row.value("event_created")
    }
}

/// What Stripe told us (migration 18): handled events, each account's customer, and its subscriptions.
public enum StripeRecords {
    /// Claims event `id` for processing. False when it was handled before (a replay or a concurrent delivery,
    /// which waits here on the key until the first one's transaction ends). Call first, in the handling transaction,
    /// so a handler that fails rolls the claim back and Stripe's retry handles the event again.
    public static func claim(
        _ db: any SQLDatabase, event id: String, type: String, user: String?, outcome: String, created: Int64
    ) async throws -> Bool {
        try await db.raw(
            """
            INSERT INTO stripe_events (id, type, user_id, outcome, created, processed_at)
            VALUES (\(bind: id), \(bind: type), \(bind: user), \(bind: outcome), \(bind: created), \(bind: Clock.nowMillis()))
            ON CONFLICT (id) DO NOTHING RETURNING id
            """
        ).first() != nil
    }

    /// Records what handling the event did (`granted 500 credits`, `unknown account`…).
    public static func settle(_ db: any SQLDatabase, event id: String, user: String?, outcome: String) async throws {
        try await db.raw(
            "UPDATE stripe_events SET outcome = \(bind: outcome), user_id = \(bind: user) WHERE id = \(bind: id)"
        ).run()
    }

    /// The outcome recorded for an event, nil when it was never handled.
    public static func outcome(_ db: any SQLDatabase, event id: String) async throws -> String? {
        try await db.raw("SELECT outcome FROM stripe_events WHERE id = \(bind: id)").first()?.decode(
            column: "outcome", as: String.self)
    }

    public static func customer(_ db: any SQLDatabase, user: String) async throws -> String? {
        try await db.raw("SELECT customer_id FROM stripe_customers WHERE user_id = \(bind: user)").first()?.decode(
            column: "customer_id", as: String.self)
    }

    public static func user(_ db: any SQLDatabase, customer: String) async throws -> String? {
        try await db.raw("SELECT user_id FROM stripe_customers WHERE customer_id = \(bind: customer)").first()?.decode(
            column: "user_id", as: String.self)
    }

    /// Remembers the account's customer unless it has one; returns the one kept (the first linked wins).
    @discardableResult
    public static func link(_ db: any SQLDatabase, user: String, customer: String) async throws -> String {
        try await db.raw(
            """
            INSERT INTO stripe_customers (user_id, customer_id, created_at)
            VALUES (\(bind: user), \(bind: customer), \(bind: Clock.nowMillis()))
            ON CONFLICT DO NOTHING
            """
        ).run()
        return try await self.customer(db, user: user) ?? customer
    }

    public static func subscription(_ db: any SQLDatabase, id: String) async throws -> StripeSubscription? {
        try await db.raw("SELECT * FROM stripe_subscriptions WHERE id = \(bind: id)").first().map(
            StripeSubscription.init(row:))
    }

    /// Stores `subscription` unless the row already holds what a newer event said. Returns false, changing
    /// nothing, for an event older than the one applied (Stripe does not deliver in order). Locks the row on
    /// PostgreSQL so two events about one subscription apply one after the other.
    public static func apply(_ db: any SQLDatabase, _ subscription: StripeSubscription, engine: SQLEngine)
        async throws -> Bool
    {
        let lock = engine == .postgres ? " FOR UPDATE" : ""
        let current = try await db.raw(
            "SELECT event_created FROM stripe_subscriptions WHERE id = \(bind: subscription.id)\(unsafeRaw: lock)"
        ).first()?.decode(column: "event_created", as: Int64.self)
        if let current, current > subscription.eventCreated { return false }
        let now = Clock.nowMillis()
        try await db.raw(
            """
            INSERT INTO stripe_subscriptions
                (id, user_id, plan, status, current_period_end, cancel_at_period_end, event_created, updated_at)
            VALUES (\(bind: subscription.id), \(bind: subscription.userId), \(bind: subscription.plan),
                \(bind: subscription.status), \(bind: subscription.currentPeriodEnd),
                \(bind: subscription.cancelAtPeriodEnd), \(bind: subscription.eventCreated), \(bind: now))
            ON CONFLICT (id) DO UPDATE SET plan = excluded.plan, status = excluded.status,
                current_period_end = excluded.current_period_end,
                cancel_at_period_end = excluded.cancel_at_period_end, event_created = excluded.event_created,
                updated_at = excluded.updated_at
            """
        ).run()
        return true
    }
}
