import Foundation
import PixoraAPI
import PixoraCore
import PixoraStore

extension Schemas.Webhook {
    /// Without the secret: it is shown only when made.
    init(_ row: Webhook) {
        self.init(
            id: row.id, url: row.url, events: row.events.map { $0.contract() }, enabled: row.enabled,
            disabledReason: row.disabledReason, failingSince: row.failingSince.map { Date(milliseconds: $0) },
            createdAt: Date(milliseconds: row.createdAt), updatedAt: Date(milliseconds: row.updatedAt))
    }
}

extension Schemas.WebhookDelivery {
    init(_ row: WebhookDelivery, log: [WebhookAttempt]) {
        self.init(
            id: row.id, webhookId: row.webhookId, messageId: row.messageId, event: row.event.contract(),
            status: row.status.contract(), attempts: row.attempts,
            httpStatus: row.responseStatus, latencyMs: row.latencyMillis, responseExcerpt: row.responseExcerpt,
            error: row.error, nextAttemptAt: row.nextAttemptAt.map { Date(milliseconds: $0) }, replayOf: row.replayOf,
            payload: row.payload,
            log: log.map {
                Schemas.WebhookAttempt(
                    number: $0.number, httpStatus: $0.responseStatus, latencyMs: $0.latencyMillis, error: $0.error,
                    at: Date(milliseconds: $0.createdAt))
            },
            createdAt: Date(milliseconds: row.createdAt), updatedAt: Date(milliseconds: row.updatedAt))
    }
}
