import Foundation
import PixoraCore
import SQLKit

/// Where a subscription stands; Stripe's subscription statuses, so its webhook stores them as they come.
public enum SubscriptionStatus: String, StoredEnum {
    case active, trialing, unpaid, canceled, incomplete, paused
    case pastDue = "past_due"
    case incompleteExpired = "incomplete_expired"

    public static let table = "subscriptions"
    public static let column = "status"
}

/// An account's plan (migration 17). Accounts without a row are on the catalogue's default plan.
public struct Subscription: Codable, Sendable, Equatable, StoredRow {
    public var userId: String
    public var planId: String
    public var status: SubscriptionStatus
    /// The current period, when Stripe (or an admin) set one; nil follows the account's monthly anniversary.
    public var currentPeriodStart: Int64?
    public var currentPeriodEnd: Int64?
    /// A downgrade that takes effect when the current period ends.
    public var pendingPlanId: String?
    public var queuePriority: Int
    public var stripeCustomerId: String?
    public var stripeSubscriptionId: String?
    public var createdAt: Int64
    public var updatedAt: Int64

    init(row: any SQLRow) throws {
        userId = try row.value("user_id")
        planId = try row.value("plan_id")
        status = try row.stored(SubscriptionStatus.self)
        currentPeriodStart = try row.value("current_period_start")
        currentPeriodEnd = try row.value("current_period_end")
        pendingPlanId = try row.value("pending_plan_id")
        queuePriority = try row.value("queue_priority")
        stripeCustomerId = try row.value("stripe_customer_id")
        stripeSubscriptionId = try row.value("stripe_subscription_id")
        createdAt = try row.value("created_at")
        updatedAt = try row.value("updated_at")
    }
}

/// The `subscriptions` and `allowance_grants` tables: who is on which plan, and which monthly allowances were
/// granted. Both writers (Stripe's webhook, the allowance scheduler, an admin) call these inside their transaction.
public enum Subscriptions {
    public static func find(_ db: any SQLDatabase, user: String) async throws -> Subscription? {
        try await db.raw("SELECT * FROM subscriptions WHERE user_id = \(bind: user)").firstRow(Subscription.self)
    }

    public static func find(_ db: any SQLDatabase, stripeCustomer: String) async throws -> Subscription? {
        try await db.raw("SELECT * FROM subscriptions WHERE stripe_customer_id = \(bind: stripeCustomer)")
            .firstRow(Subscription.self)
    }

    public static func find(_ db: any SQLDatabase, stripeSubscription: String) async throws -> Subscription? {
        try await db.raw("SELECT * FROM subscriptions WHERE stripe_subscription_id = \(bind: stripeSubscription)")
            .firstRow(Subscription.self)
    }

    /// Puts the account on `plan` (creating its row). `pendingPlan` is written as given (nil clears a pending
    /// downgrade); the period and Stripe ids keep their stored values when nil. Throws `notFound` for an unknown
    /// account. Call inside a transaction.
    @discardableResult
    public static func setPlan(
        _ db: any SQLDatabase, userID: String, plan: SubscriptionPlan, status: SubscriptionStatus = .active,
        periodStart: Int64? = nil, periodEnd: Int64? = nil, pendingPlan: String? = nil,
        stripeCustomer: String? = nil, stripeSubscription: String? = nil
    ) async throws -> Subscription {
        guard try await Users.find(db, id: userID) != nil else { throw StoreError.notFound("no such account") }
        let now = Clock.nowMillis()
        try await db.raw(
            """
            INSERT INTO subscriptions (user_id, plan_id, status, current_period_start, current_period_end,
                pending_plan_id, queue_priority, stripe_customer_id, stripe_subscription_id, created_at, updated_at)
            VALUES (\(bind: userID), \(bind: plan.id), \(bind: status.rawValue), \(bind: periodStart),
                \(bind: periodEnd), \(bind: pendingPlan), \(bind: plan.queuePriority), \(bind: stripeCustomer),
                \(bind: stripeSubscription), \(bind: now), \(bind: now))
            ON CONFLICT (user_id) DO UPDATE SET plan_id = excluded.plan_id, status = excluded.status,
                current_period_start = COALESCE(excluded.current_period_start, subscriptions.current_period_start),
                current_period_end = COALESCE(excluded.current_period_end, subscriptions.current_period_end),
                pending_plan_id = excluded.pending_plan_id, queue_priority = excluded.queue_priority,
                stripe_customer_id = COALESCE(excluded.stripe_customer_id, subscriptions.stripe_customer_id),
                stripe_subscription_id =
                    COALESCE(excluded.stripe_subscription_id, subscriptions.stripe_subscription_id),
                updated_at = excluded.updated_at
            """
        ).run()
        guard let row = try await find(db, user: userID) else { throw StoreError.notFound("no such account") }
        return row
    }

    /// Records the plan an account moves to when its period ends (nil cancels the change). False without a row.
    @discardableResult
    public static func setPendingPlan(_ db: any SQLDatabase, userID: String, plan: String?) async throws -> Bool {
        try await db.raw(
            """
            UPDATE subscriptions SET pending_plan_id = \(bind: plan), updated_at = \(bind: Clock.nowMillis())
            WHERE user_id = \(bind: userID) RETURNING user_id
            """
        ).first() != nil
    }

    /// Grants `credits` for `period` (`month:2026-12-03` for an anniversary, or a Stripe invoice's id), once: the
    /// grant row and its ledger row are written together, and a second call for the same account and period writes
    /// nothing and returns nil. Zero credits records the period with no ledger row. Call inside a transaction.
    @discardableResult
    public static func grantAllowance(
        _ db: any SQLDatabase, userID: String, period: String, credits: Int, plan: String,
        reason: CreditReason = .planAllowance
    ) async throws -> AllowanceGrant? {
        let now = Clock.nowMillis()
        let inserted = try await db.raw(
            """
            INSERT INTO allowance_grants (user_id, period, plan_id, credits, created_at)
            VALUES (\(bind: userID), \(bind: period), \(bind: plan), \(bind: credits), \(bind: now))
            ON CONFLICT (user_id, period) DO NOTHING RETURNING user_id
            """
        ).first()
        guard inserted != nil else { return nil }
        var transaction: CreditTransaction?
        if credits > 0 {
            transaction = try await CreditLedger.apply(
                db, user: userID, delta: credits, reason: reason, reference: period,
                key: "allowance:\(userID):\(period)")
            try await db.raw(
                """
                UPDATE allowance_grants SET transaction_id = \(bind: transaction?.id)
                WHERE user_id = \(bind: userID) AND period = \(bind: period)
                """
            ).run()
        }
        return AllowanceGrant(
            userId: userID, period: period, planId: plan, credits: credits, transactionId: transaction?.id,
            createdAt: now)
    }

    /// The account's grants, newest first.
    public static func grants(_ db: any SQLDatabase, user: String) async throws -> [AllowanceGrant] {
        try await db.raw(
            "SELECT * FROM allowance_grants WHERE user_id = \(bind: user) ORDER BY created_at DESC, period DESC"
        ).rows(AllowanceGrant.self)
    }

    /// Copies each plan's queue priority onto its subscriptions, so a plans file's change applies to jobs queued
    /// from now on. Rows on plans the file no longer has get the default plan's; with billing off, all get 0.
    public static func syncPriorities(_ db: any SQLDatabase, catalog: PlanCatalog) async throws {
        let stored = try await db.raw("SELECT DISTINCT plan_id FROM subscriptions").all().map {
            try $0.decode(column: "plan_id", as: String.self)
        }
        for id in stored {
            let priority = catalog.effectivePlan(subscribed: id).queuePriority
            try await db.raw(
                """
                UPDATE subscriptions SET queue_priority = \(bind: priority)
                WHERE plan_id = \(bind: id) AND queue_priority <> \(bind: priority)
                """
            ).run()
        }
    }

    /// Accounts (id and creation time) after `cursor` in id order, with their subscription's plan and Stripe id
    /// when they have one: the allowance scheduler's pages.
    public static func accounts(_ db: any SQLDatabase, after cursor: String?, limit: Int) async throws
        -> [AllowanceAccount]
    {
        try await db.raw(
            """
            SELECT u.id, u.created_at, s.plan_id, s.stripe_subscription_id, s.pending_plan_id,
                s.current_period_end, s.updated_at FROM users u
            LEFT JOIN subscriptions s ON s.user_id = u.id
            WHERE u.id > \(bind: cursor ?? "") ORDER BY u.id LIMIT \(bind: limit)
            """
        ).all().map { row in
            AllowanceAccount(
                userId: try row.decode(column: "id", as: String.self),
                createdAt: try row.decode(column: "created_at", as: Int64.self),
                planId: try row.decode(column: "plan_id", as: String?.self),
                stripeSubscriptionId: try row.decode(column: "stripe_subscription_id", as: String?.self),
                pendingPlanId: try row.decode(column: "pending_plan_id", as: String?.self),
                currentPeriodEnd: try row.decode(column: "current_period_end", as: Int64?.self),
                updatedAt: try row.decode(column: "updated_at", as: Int64?.self))
        }
    }

    /// Moves an account that Stripe does not bill to its pending plan (a downgrade at the period's end), clearing
    /// the stored period so the next ones follow the account's anniversary again. Only while `pending` is still the
    /// pending one: a second pass, or one racing this, changes nothing and returns false. `queuePriority` is the
    /// pending plan's. Call inside a transaction.
    public static func applyPendingPlan(
        _ db: any SQLDatabase, userID: String, pending: String, queuePriority: Int
    ) async throws -> Bool {
        try await db.raw(
            """
            UPDATE subscriptions SET plan_id = pending_plan_id, pending_plan_id = NULL,
                queue_priority = \(bind: queuePriority), current_period_start = NULL, current_period_end = NULL,
                updated_at = \(bind: Clock.nowMillis())
            WHERE user_id = \(bind: userID) AND pending_plan_id = \(bind: pending) AND stripe_subscription_id IS NULL
            RETURNING user_id
            """
        ).first() != nil
    }
}

/// One granted allowance.
public struct AllowanceGrant: Codable, Sendable, Equatable, StoredRow {
    public var userId: String
    public var period: String
    public var planId: String
    public var credits: Int
    public var transactionId: String?
    public var createdAt: Int64

    init(row: any SQLRow) throws {
        userId = try row.value("user_id")
        period = try row.value("period")
        planId = try row.value("plan_id")
        credits = try row.value("credits")
        transactionId = try row.value("transaction_id")
        createdAt = try row.value("created_at")
    }

    init(userId: String, period: String, planId: String, credits: Int, transactionId: String?, createdAt: Int64) {
        (self.userId, self.period, self.planId, self.credits) = (userId, period, planId, credits)
        (self.transactionId, self.createdAt) = (transactionId, createdAt)
    }
}

/// An account as the allowance scheduler sees it.
public struct AllowanceAccount: Sendable, Equatable {
    public var userId: String
    public var createdAt: Int64
    public var planId: String?
    /// Set when Stripe bills the account: its invoices grant the allowance instead of the anniversary.
    public var stripeSubscriptionId: String?
    /// A plan the account moves to when its period ends, and that end when one was stored with it.
    public var pendingPlanId: String?
    public var currentPeriodEnd: Int64?
    /// When the subscription row last changed (nil without one).
    public var updatedAt: Int64?
}
