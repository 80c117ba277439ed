import Foundation
import Logging
import PixoraCore
import PixoraStore
import SQLKit

/// How webhook deliveries are paced: the waits between attempts, the jitter on each, and when an endpoint whose
/// every delivery fails is turned off.
public struct WebhookSettings: Sendable {
    /// Waits after the 1st, 2nd, … failed attempt: about a day in all (8 attempts). Tests shorten them.
    public var retrySchedule: [TimeInterval] = [5, 300, 1800, 7200, 18_000, 36_000, 50_400]
    /// Each wait is moved by up to this fraction either way, so endpoints that failed together are not all
    /// retried in the same second.
    public var jitter = 0.1
    /// An endpoint failing every attempt for this long is turned off.
    public var disableAfter: TimeInterval = 3 * 86_400
    /// Attempts of each attempt's job (a worker that dies mid-call); not the delivery's retries.
    public var jobAttempts = 3

    public init() {}

    /// The wait after failed attempt `number` (1-based); nil when no attempts are left.
    func delay(after number: Int, random: Double) -> TimeInterval? {
        guard number >= 1, number <= retrySchedule.count else { return nil }
        return retrySchedule[number - 1] * (1 + jitter * (2 * random - 1))
    }
}

/// Sends one attempt of a delivery, signed as Standard Webhooks says, and records it in the transaction that
/// completes the job: the log row, the delivery's state, the next attempt's job, the endpoint's failure streak.
public struct WebhookDeliveryJob: JobHandler {
    let database: any Database
    let poster: any WebhookPosting
    let settings: WebhookSettings
    let logger: Logger
    public var kind: JobKind { .deliverWebhook }

    public init(
        database: any Database, poster: any WebhookPosting, settings: WebhookSettings = WebhookSettings(),
        logger: Logger
    ) {
        self.database = database
        self.poster = poster
        self.settings = settings
        self.logger = logger
    }

    public func run(_ context: JobContext) async throws {
        let payload = try context.job.payload(as: WebhookDeliveryPayload.self)
        let found = try await database.read { db -> (WebhookDelivery, Webhook)? in
            guard let delivery = try await WebhookDeliveries.find(db, id: payload.deliveryId),
                let webhook = try await Webhooks.find(db, id: delivery.webhookId)
            else { return nil }
            return (delivery, webhook)
        }
        guard let (delivery, webhook) = found, delivery.status == .pending || delivery.status == .retrying else {
            // The endpoint was deleted, or the delivery settled: nothing to send.
            try await context.complete { _ in }
            return
        }
        guard webhook.enabled else {
            try await context.complete { db in
                try await WebhookDeliveries.abandon(db, id: delivery.id, reason: "the endpoint is turned off")
            }
            return
        }
        let timestamp = Clock.nowMillis() / 1000
        let body = Data(delivery.payload.utf8)
        let request = WebhookRequest(
            url: webhook.url,
            headers: [
                ("content-type", "application/json"), ("user-agent", "Pixora-Webhooks/1"),
                ("webhook-id", delivery.messageId), ("webhook-timestamp", String(timestamp)),
                (
                    "webhook-signature",
                    WebhookSignature.sign(
                        secret: webhook.secret, id: delivery.messageId, timestamp: timestamp, body: body)
                ),
            ], body: body)
        let response = await poster.post(request)
        let now = Clock.nowMillis()
        let number = delivery.attempts + 1
        let wait = response.delivered ? nil : settings.delay(after: number, random: Double.random(in: 0...1))
        logger.info(
            "webhook attempt",
            metadata: [
                "delivery": .string(delivery.id), "attempt": .stringConvertible(number),
                "status": .string(response.status.map(String.init) ?? "none"),
                "error": .string(response.error ?? ""), "ms": .stringConvertible(response.latencyMillis),
            ])
        try await context.complete { db in
            let disabled = try await Webhooks.recordOutcome(
                db, id: webhook.id, delivered: response.delivered, now: now,
                disableAfter: Int64(settings.disableAfter * 1000))
            let retryAt = disabled ? nil : wait.map { now + Int64($0 * 1000) }
            try await WebhookDeliveries.recordAttempt(
                db, delivery: delivery, user: webhook.userId, response: response, now: now, retryAt: retryAt,
                maxAttempts: settings.jobAttempts)
            if disabled {
                try await Notifications.webhookDisabled(
                    db, webhook: webhook.id, lastFailure: response.error ?? response.status.map { "HTTP \($0)" })
                logger.warning(
                    "webhook endpoint turned off: every delivery failed", metadata: ["webhook": .string(webhook.id)])
            }
        }
    }

    /// A worker died on every attempt of this job: the delivery is given up (the call may or may not have landed).
    public func failed(_ job: Job, error: String, in db: any SQLDatabase) async throws {
        guard let payload = try? job.payload(as: WebhookDeliveryPayload.self) else { return }
        try await WebhookDeliveries.abandon(db, id: payload.deliveryId, reason: error)
    }
}
