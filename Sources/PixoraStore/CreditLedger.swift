import Foundation
import SQLKit

/// Why a balance changed.
public enum CreditReason: String, StoredEnum {
    case signupGrant = "signup_grant"
    case videoCharge = "video_charge"
    case videoRefund = "video_refund"
    case sceneCharge = "scene_regeneration"
    case sceneRefund = "scene_regeneration_refund"
    case adminGrant = "admin_adjustment"
    case studioCharge = "studio_step"
    case studioRefund = "studio_step_refund"
    /// A credit pack paid through Stripe Checkout.
    case creditPurchase = "credit_purchase"
    /// A plan's monthly credits (`Subscriptions.grantAllowance`).
    case planAllowance = "plan_allowance"

    public static let table = "credit_transactions"
    public static let column = "reason"
}

/// One row of the append-only ledger.
public struct CreditTransaction: Codable, Sendable, Equatable, StoredRow {
    public var id: String
    public var userId: String
    public var delta: Int
    public var balanceAfter: Int
    public var reason: CreditReason
    public var reference: String?
    public var idempotencyKey: String?
    public var createdAt: Int64

    init(row: any SQLRow) throws {
        id = try row.value("id")
        userId = try row.value("user_id")
        delta = try row.value("delta")
        balanceAfter = try row.value("balance_after")
        reason = try row.stored(CreditReason.self)
        reference = try row.value("reference")
        idempotencyKey = try row.value("idempotency_key")
        createdAt = try row.value("created_at")
    }

    init(
        id: String, userId: String, delta: Int, balanceAfter: Int, reason: CreditReason, reference: String?,
        idempotencyKey: String?, createdAt: Int64
    ) {
        (self.id, self.userId, self.delta, self.balanceAfter) = (id, userId, delta, balanceAfter)
        (self.reason, self.reference, self.idempotencyKey, self.createdAt) = (
            reason, reference, idempotencyKey, createdAt
        )
    }
}

/// The credits ledger. A balance only changes together with a ledger row, in the caller's transaction, so the
/// balance always equals the sum of the ledger; a change that would make it negative fails and writes nothing.
public enum CreditLedger {
    /// Adds `delta` (negative to charge) to the balance and records it. Returns nil, changing nothing, when a row
    /// with `key` already exists: the change was applied before (a retried refund, a replayed request).
    /// Throws `insufficientCredits` when the balance would go below zero. Call inside a transaction.
    @discardableResult
    public static func apply(
        _ db: any SQLDatabase, user: String, delta: Int, reason: CreditReason, reference: String?, key: String?
    ) async throws -> CreditTransaction? {
        let id = newID()
        let now = Clock.nowMillis()
        // The ledger row first: its unique key makes a replay a no-op, and a concurrent replay waits on it.
        let inserted = try await db.raw(
            """
            INSERT INTO credit_transactions (id, user_id, delta, balance_after, reason, reference, idempotency_key, created_at)
            VALUES (\(bind: id), \(bind: user), \(bind: delta), 0, \(bind: reason.rawValue), \(bind: reference), \(bind: key), \(bind: now))
            ON CONFLICT (idempotency_key) DO NOTHING RETURNING id
            """
        ).first()
        guard inserted != nil else { return nil }
        let updated = try await db.raw(
            """
            UPDATE users SET credits = credits + \(bind: delta), updated_at = \(bind: now)
            WHERE id = \(bind: user) AND credits + \(bind: delta) >= 0 RETURNING credits
            """
        ).first()
        guard let balance = try updated?.decode(column: "credits", as: Int.self) else {
            let current = try await db.raw("SELECT credits FROM users WHERE id = \(bind: user)").first()?.decode(
                column: "credits", as: Int.self)
            guard let current else { throw StoreError.notFound("no such account") }
            throw StoreError.insufficientCredits(balance: current, price: -delta)
        }
        try await db.raw("UPDATE credit_transactions SET balance_after = \(bind: balance) WHERE id = \(bind: id)").run()
        if delta < 0 { try await warnIfLow(db, user: user, from: balance - delta, to: balance, transaction: id) }
        return CreditTransaction(
            id: id, userId: user, delta: delta, balanceAfter: balance, reason: reason, reference: reference,
            idempotencyKey: key, createdAt: now)
    }

    /// A charge that takes the balance across the person's threshold posts `credits_low`, once per crossing: the
    /// ledger row is the event, and a replayed charge writes no row.
    static func warnIfLow(_ db: any SQLDatabase, user: String, from before: Int, to after: Int, transaction: String)
        async throws
    {
        let threshold = try await Users.settings(db, user: user).notifications.creditsLowBelow
        guard before >= threshold, after < threshold else { return }
        try await Notifications.post(
            db, userId: user, kind: .creditsLow, title: "Your credits are running low",
            body: "Your balance is \(after) credits, below \(threshold). Videos cost one credit per second.",
            link: "/profile", eventKey: "credits_low:\(transaction)")
    }

    public static func balance(_ db: any SQLDatabase, user: String) async throws -> Int? {
        try await db.raw("SELECT credits FROM users WHERE id = \(bind: user)").first()?.decode(
            column: "credits", as: Int.self)
    }

    /// The sum of the ledger, which must equal the balance.
    public static func ledgerSum(_ db: any SQLDatabase, user: String) async throws -> Int {
        try await db.raw(
            "SELECT CAST(COALESCE(SUM(delta), 0) AS BIGINT) AS total FROM credit_transactions WHERE user_id = \(bind: user)"
        ).first()?
        .decode(column: "total", as: Int.self) ?? 0
    }

    /// Newest first.
    public static func transactions(_ db: any SQLDatabase, user: String, limit: Int, after cursor: PageCursor?)
        async throws -> Page<CreditTransaction>
    {
        let rows: [CreditTransaction]
        if let cursor {
            rows = try await db.raw(
                """
                SELECT * FROM credit_transactions WHERE user_id = \(bind: user)
                AND (created_at < \(bind: cursor.createdAt) OR (created_at = \(bind: cursor.createdAt) AND id < \(bind: cursor.id)))
                ORDER BY created_at DESC, id DESC LIMIT \(bind: limit + 1)
                """
            ).rows(CreditTransaction.self)
        } else {
            rows = try await db.raw(
                """
                SELECT * FROM credit_transactions WHERE user_id = \(bind: user)
                ORDER BY created_at DESC, id DESC LIMIT \(bind: limit + 1)
                """
            ).rows(CreditTransaction.self)
        }
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { PageCursor(createdAt: $0.createdAt, id: $0.id) } : nil
        return Page(items: items, next: next)
    }
}
