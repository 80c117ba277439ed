import Foundation
import PixoraCore
import SQLKit

extension WebhookEventType: StoredEnum {
    public static let table = "webhook_deliveries"
    public static let column = "event"
}

/// Where one delivery stands.
public enum WebhookDeliveryStatus: String, StoredEnum {
    /// Queued for its first attempt.
    case pending
    /// An attempt failed; the next one is at `nextAttemptAt`.
    case retrying
    case succeeded
    /// Out of attempts, or the endpoint was turned off or removed meanwhile.
    case failed

    public static let table = "webhook_deliveries"
    public static let column = "status"
}

/// One event sent (or to be sent) to one endpoint, with the outcome of its latest attempt.
public struct WebhookDelivery: Sendable, Equatable, StoredRow {
    public var id: String
    public var webhookId: String
    /// The `webhook-id` header: the same for every attempt and for a replay, so a receiver can drop duplicates.
    public var messageId: String
    public var event: WebhookEventType
    /// The exact body sent: `{data, timestamp, type}`, fixed when the event happened.
    public var payload: String
    public var status: WebhookDeliveryStatus
    public var attempts: Int
    public var responseStatus: Int?
    public var latencyMillis: Int?
    public var responseExcerpt: String?
    public var error: String?
    public var nextAttemptAt: Int64?
    /// The delivery this one replays.
    public var replayOf: String?
    public var createdAt: Int64
    public var updatedAt: Int64

    init(row: any SQLRow) throws {
        id = try row.value("id")
        webhookId = try row.value("webhook_id")
        messageId = try row.value("message_id")
        event = try row.stored(WebhookEventType.self)
        payload = try row.value("payload")
        status = try row.stored(WebhookDeliveryStatus.self)
        attempts = try row.value("attempts")
        responseStatus = try row.value("response_status")
        latencyMillis = try row.value("latency_ms")
        responseExcerpt = try row.value("response_excerpt")
        error = try row.value("error")
        nextAttemptAt = try row.value("next_attempt_at")
        replayOf = try row.value("replay_of")
        createdAt = try row.value("created_at")
        updatedAt = try row.value("updated_at")
    }
}

/// One logged attempt of a delivery.
public struct WebhookAttempt: Sendable, Equatable, StoredRow {
    public var deliveryId: String
    public var number: Int
    public var responseStatus: Int?
    public var latencyMillis: Int
    public var responseExcerpt: String?
    public var error: String?
    public var createdAt: Int64

    init(row: any SQLRow) throws {
        deliveryId = try row.value("delivery_id")
        number = try row.value("number")
        responseStatus = try row.value("response_status")
        latencyMillis = try row.value("latency_ms")
        responseExcerpt = try row.value("response_excerpt")
        error = try row.value("error")
        createdAt = try row.value("created_at")
    }
}

/// The payload of a `deliver_webhook` job: one attempt of one delivery.
public struct WebhookDeliveryPayload: Codable, Sendable {
    public var deliveryId: String
    public init(deliveryId: String) { self.deliveryId = deliveryId }
}

/// The body of every delivery, as Standard Webhooks describes it.
struct WebhookBody<Data: Encodable>: Encodable {
    var type: String
    var timestamp: String
    var data: Data
}

/// The `webhook_deliveries` and `webhook_attempts` tables: events queued for endpoints, each attempt a job.
public enum WebhookDeliveries {
    /// Queues `type` with `data` for every enabled endpoint of `user` that subscribed to it: a delivery row and
    /// its first job each. Call inside the transaction that records the event, so it is queued exactly when the
    /// change commits.
    @discardableResult
    public static func emit<Data: Encodable>(
        _ db: any SQLDatabase, user: String, type: WebhookEventType, data: Data, maxAttempts: Int = 3
    ) async throws -> [WebhookDelivery] {
        let endpoints = try await Webhooks.list(db, owner: user).filter { $0.enabled && $0.events.contains(type) }
        guard !endpoints.isEmpty else { return [] }
        let now = Clock.nowMillis()
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let stamp = formatter.string(from: Date(timeIntervalSince1970: Double(now) / 1000))
        let body = try encodeDocument(WebhookBody(type: type.rawValue, timestamp: stamp, data: data))
        var deliveries: [WebhookDelivery] = []
        for endpoint in endpoints {
            let id = newID()
            deliveries.append(
                try await insert(
                    db, id: id, webhook: endpoint.id, user: user,
                    message: "msg_\(id.replacingOccurrences(of: "-", with: ""))",
                    event: type, payload: body, replayOf: nil, maxAttempts: maxAttempts))
        }
        return deliveries
    }

    static func insert(
        _ db: any SQLDatabase, id: String, webhook: String, user: String, message: String, event: WebhookEventType,
        payload: String, replayOf: String?, maxAttempts: Int
    ) async throws -> WebhookDelivery {
        let now = Clock.nowMillis()
        try await db.raw(
            """
            INSERT INTO webhook_deliveries (id, webhook_id, message_id, event, payload, status, attempts, next_attempt_at,
                                            replay_of, created_at, updated_at)
            VALUES (\(bind: id), \(bind: webhook), \(bind: message), \(bind: event.rawValue), \(bind: payload), 'pending', 0,
                    \(bind: now), \(bind: replayOf), \(bind: now), \(bind: now))
            """
        ).run()
        try await enqueue(db, delivery: id, user: user, at: now, maxAttempts: maxAttempts)
        guard let delivery = try await find(db, id: id) else { throw StoreError.notFound("delivery vanished") }
        return delivery
    }

    static func enqueue(_ db: any SQLDatabase, delivery: String, user: String, at: Int64, maxAttempts: Int)
        async throws
    {
        let payload = String(
            decoding: try JSONEncoder().encode(WebhookDeliveryPayload(deliveryId: delivery)), as: UTF8.self)
        _ = try await Jobs.enqueue(
            db, kind: .deliverWebhook, user: user, video: nil, payload: payload, maxAttempts: maxAttempts, runAt: at)
    }

    /// Sends a delivery again as a new delivery with the same message id and body, queued now.
    public static func replay(_ db: any SQLDatabase, owner: String, of original: WebhookDelivery, maxAttempts: Int)
        async throws -> WebhookDelivery
    {
        try await insert(
            db, id: newID(), webhook: original.webhookId, user: owner, message: original.messageId,
            event: original.event, payload: original.payload, replayOf: original.id, maxAttempts: maxAttempts)
    }

    /// For the worker.
    public static func find(_ db: any SQLDatabase, id: String) async throws -> WebhookDelivery? {
        try await db.raw("SELECT * FROM webhook_deliveries WHERE id = \(bind: id)").firstRow(WebhookDelivery.self)
    }

    /// A delivery of one of the owner's endpoints.
    public static func find(_ db: any SQLDatabase, owner: String, webhook: String, id: String) async throws
        -> WebhookDelivery?
    {
        try await db.raw(
            """
            SELECT d.* FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.id = \(bind: id) AND d.webhook_id = \(bind: webhook) AND w.user_id = \(bind: owner)
            """
        ).firstRow(WebhookDelivery.self)
    }

    /// Newest first, one page; the caller has checked the endpoint is the owner's.
    public static func list(_ db: any SQLDatabase, webhook: String, limit: Int, after cursor: PageCursor?)
        async throws -> Page<WebhookDelivery>
    {
        var query = SQLQueryString("SELECT * FROM webhook_deliveries WHERE webhook_id = \(bind: webhook)")
        if let cursor {
            query.appendInterpolation(unsafeRaw: " AND (created_at < ")
            query.appendInterpolation(bind: cursor.createdAt)
            query.appendInterpolation(unsafeRaw: " OR (created_at = ")
            query.appendInterpolation(bind: cursor.createdAt)
            query.appendInterpolation(unsafeRaw: " AND id < ")
            query.appendInterpolation(bind: cursor.id)
            query.appendInterpolation(unsafeRaw: "))")
        }
        query.appendInterpolation(unsafeRaw: " ORDER BY created_at DESC, id DESC LIMIT ")
        query.appendInterpolation(bind: limit + 1)
        let rows = try await db.raw(query).rows(WebhookDelivery.self)
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { PageCursor(createdAt: $0.createdAt, id: $0.id) } : nil
        return Page(items: items, next: next)
    }

    /// Every logged attempt of a delivery, in order.
    public static func attempts(_ db: any SQLDatabase, delivery: String) async throws -> [WebhookAttempt] {
        try await db.raw("SELECT * FROM webhook_attempts WHERE delivery_id = \(bind: delivery) ORDER BY number")
            .rows(WebhookAttempt.self)
    }

    /// Logs one attempt and moves the delivery on: succeeded, retrying at `retryAt` (with the next attempt's job
    /// queued), or failed. Call inside the transaction that completes the attempt's job.
    public static func recordAttempt(
        _ db: any SQLDatabase, delivery: WebhookDelivery, user: String, response: WebhookResponse, now: Int64,
        retryAt: Int64?, maxAttempts: Int, failure: String? = nil
    ) async throws {
        let number = delivery.attempts + 1
        try await db.raw(
            """
            INSERT INTO webhook_attempts (delivery_id, number, response_status, latency_ms, response_excerpt, error, created_at)
            VALUES (\(bind: delivery.id), \(bind: number), \(bind: response.status), \(bind: response.latencyMillis),
                    \(bind: response.excerpt), \(bind: response.error), \(bind: now))
            """
        ).run()
        let status: WebhookDeliveryStatus =
            response.delivered ? .succeeded : (retryAt != nil ? .retrying : .failed)
        let error = response.delivered ? nil : (failure ?? response.error ?? response.status.map { "HTTP \($0)" })
        try await db.raw(
            """
            UPDATE webhook_deliveries SET status = \(bind: status.rawValue), attempts = \(bind: number),
                response_status = \(bind: response.status), latency_ms = \(bind: response.latencyMillis),
                response_excerpt = \(bind: response.excerpt), error = \(bind: error),
                next_attempt_at = \(bind: status == .retrying ? retryAt : nil), updated_at = \(bind: now)
            WHERE id = \(bind: delivery.id)
            """
        ).run()
        if status == .retrying, let retryAt {
            try await enqueue(db, delivery: delivery.id, user: user, at: retryAt, maxAttempts: maxAttempts)
        }
    }

    /// Gives a delivery up without an attempt (its endpoint was turned off).
    public static func abandon(_ db: any SQLDatabase, id: String, reason: String) async throws {
        try await db.raw(
            """
            UPDATE webhook_deliveries SET status = 'failed', error = \(bind: reason), next_attempt_at = NULL,
                updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id) AND status IN ('pending', 'retrying')
            """
        ).run()
    }
}
