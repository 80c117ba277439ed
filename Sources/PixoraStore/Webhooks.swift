import Foundation
import PixoraCore
import SQLKit

/// A user's webhook endpoint: where deliveries go, which events, the signing secret, and whether it is on.
public struct Webhook: Sendable, Equatable, StoredRow {
    public var id: String
    public var userId: String
    public var url: String
    public var events: [WebhookEventType]
    /// `whsec_…`; shown to its owner only at creation and on rotation.
    public var secret: String
    public var enabled: Bool
    /// Why the server turned it off (every delivery failing for days); nil when the owner did, or while on.
    public var disabledReason: String?
    /// Since when every attempt has failed, in milliseconds; nil after a success.
    public var failingSince: Int64?
    public var createdAt: Int64
    public var updatedAt: Int64

    init(row: any SQLRow) throws {
        id = try row.value("id")
        userId = try row.value("user_id")
        url = try row.value("url")
        events = try row.document("events", table: "webhooks", as: [WebhookEventType].self)
        secret = try row.value("secret")
        enabled = try row.value("enabled")
        disabledReason = try row.value("disabled_reason")
        failingSince = try row.value("failing_since")
        createdAt = try row.value("created_at")
        updatedAt = try row.value("updated_at")
    }
}

/// The `webhooks` table (migration 15). Every query but the worker's takes the owner: another user's id reads
/// as missing.
public enum Webhooks {
    /// Endpoints one user may register.
    public static let maxPerUser = 20

    /// Registers an endpoint; `conflict` when the user already has `maxPerUser`. Call inside a transaction.
    public static func create(
        _ db: any SQLDatabase, owner: String, url: String, events: [WebhookEventType], enabled: Bool, secret: String
    ) async throws -> Webhook {
        let count =
            try await db.raw("SELECT COUNT(*) AS n FROM webhooks WHERE user_id = \(bind: owner)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        guard count < maxPerUser else {
            throw StoreError.conflict("you already have \(maxPerUser) webhook endpoints; delete one first")
        }
        let id = newID()
        let now = Clock.nowMillis()
        try await db.raw(
            """
            INSERT INTO webhooks (id, user_id, url, events, secret, enabled, created_at, updated_at)
            VALUES (\(bind: id), \(bind: owner), \(bind: url), \(bind: try encodeDocument(events)), \(bind: secret),
                    \(bind: enabled), \(bind: now), \(bind: now))
            """
        ).run()
        guard let webhook = try await find(db, owner: owner, id: id) else { throw StoreError.notFound("vanished") }
        return webhook
    }

    /// Oldest first: a user has a handful.
    public static func list(_ db: any SQLDatabase, owner: String) async throws -> [Webhook] {
        try await db.raw("SELECT * FROM webhooks WHERE user_id = \(bind: owner) ORDER BY created_at, id")
            .rows(Webhook.self)
    }

    public static func find(_ db: any SQLDatabase, owner: String, id: String) async throws -> Webhook? {
        try await db.raw("SELECT * FROM webhooks WHERE id = \(bind: id) AND user_id = \(bind: owner)")
            .firstRow(Webhook.self)
    }

    /// For the delivery worker, which acts for whoever owns the endpoint.
    public static func find(_ db: any SQLDatabase, id: String) async throws -> Webhook? {
        try await db.raw("SELECT * FROM webhooks WHERE id = \(bind: id)").firstRow(Webhook.self)
    }

    /// Changes what is given. Turning an endpoint on clears the server's reason and its failure streak.
    public static func update(
        _ db: any SQLDatabase, owner: String, id: String, url: String?, events: [WebhookEventType]?, enabled: Bool?
    ) async throws -> Webhook? {
        guard var webhook = try await find(db, owner: owner, id: id) else { return nil }
        if let url { webhook.url = url }
        if let events { webhook.events = events }
        if let enabled {
            if enabled && !webhook.enabled { (webhook.disabledReason, webhook.failingSince) = (nil, nil) }
            webhook.enabled = enabled
        }
        try await db.raw(
            """
            UPDATE webhooks SET url = \(bind: webhook.url), events = \(bind: try encodeDocument(webhook.events)),
                enabled = \(bind: webhook.enabled), disabled_reason = \(bind: webhook.disabledReason),
                failing_since = \(bind: webhook.failingSince), updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id) AND user_id = \(bind: owner)
            """
        ).run()
        return try await find(db, owner: owner, id: id)
    }

    public static func rotateSecret(_ db: any SQLDatabase, owner: String, id: String, secret: String) async throws
        -> Webhook?
    {
        try await db.raw(
            """
            UPDATE webhooks SET secret = \(bind: secret), updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id) AND user_id = \(bind: owner)
            """
        ).run()
        return try await find(db, owner: owner, id: id)
    }

    /// Deletes the endpoint with its deliveries; their queued jobs find nothing and finish.
    @discardableResult
    public static func delete(_ db: any SQLDatabase, owner: String, id: String) async throws -> Bool {
        try await db.raw("DELETE FROM webhooks WHERE id = \(bind: id) AND user_id = \(bind: owner) RETURNING id")
            .first() != nil
    }

    /// Records an attempt's outcome on the endpoint: a success ends the failure streak; a failure starts one or,
    /// when it has lasted `disableAfter` milliseconds, turns the endpoint off with the reason. True when this
    /// call turned it off.
    public static func recordOutcome(
        _ db: any SQLDatabase, id: String, delivered: Bool, now: Int64, disableAfter: Int64
    ) async throws -> Bool {
        if delivered {
            try await db.raw("UPDATE webhooks SET failing_since = NULL WHERE id = \(bind: id)").run()
            return false
        }
        try await db.raw(
            "UPDATE webhooks SET failing_since = \(bind: now) WHERE id = \(bind: id) AND failing_since IS NULL"
        ).run()
        let days = Double(disableAfter) / 86_400_000
        let reason = "every delivery failed for \(String(format: "%g", days)) days; turned off automatically"
        return try await db.raw(
            """
            UPDATE webhooks SET enabled = \(bind: false), disabled_reason = \(bind: reason), updated_at = \(bind: now)
            WHERE id = \(bind: id) AND enabled = \(bind: true) AND failing_since <= \(bind: now - disableAfter)
            RETURNING id
            """
        ).first() != nil
    }
}
