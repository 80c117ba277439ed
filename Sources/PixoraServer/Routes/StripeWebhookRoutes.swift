import Foundation
import Hummingbird
import NIOCore
import PixoraCore
import PixoraStore

/// `POST /api/v1/billing/webhook`: Stripe's events, accepted only with a valid `Stripe-Signature` over the raw body.
struct StripeWebhookRoutes {
    let services: AppServices
    let secret: String?

    init(services: AppServices) {
        self.services = services
        secret = services.configuration.settings.text("STRIPE_WEBHOOK_SECRET")
    }

    /// Stripe's events are far smaller; a larger body is refused before it is read whole.
    static let maximumBody = 512 * 1024

    func register(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.post, "billing/webhook", receive)
    }

    @Sendable func receive(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<
        Schemas.StripeEventReceipt
    > {
        guard let secret else {
            throw APIError(
                .serviceUnavailable, .billingUnavailable,
                "this server takes no Stripe events: STRIPE_WEBHOOK_SECRET is not set")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maximumBody)
        } catch is NIOTooManyBytesError {
            throw APIError(.badRequest, .invalidSignature, "the body is larger than a Stripe event")
        }
        let body = Data(buffer.readableBytesView)
        let now = services.now() / 1000
        do {
            try StripeSignature.verify(
                header: request.headers[.init("Stripe-Signature")!], body: body, secret: secret, now: now)
        } catch {
            services.logger.warning("Stripe webhook refused", metadata: ["reason": .string(error.description)])
            throw APIError(.badRequest, .invalidSignature, error.description)
        }
        guard let event = StripeEvent(json: body) else {
            throw APIError(.badRequest, .invalidJSON, "the body is not a Stripe event (id, type, created, data.object)")
        }
        let handler = StripeEventHandler(database: services.database, catalog: services.plans, logger: services.logger)
        let receipt = try await handler.handle(event)
        services.logger.info(
            "Stripe event",
            metadata: [
                "event": .string(event.id), "type": .string(event.type), "outcome": .string(receipt.outcome),
                "duplicate": .stringConvertible(receipt.duplicate),
            ])
        return JSONResponse(
            Schemas.StripeEventReceipt(received: true, duplicate: receipt.duplicate, outcome: receipt.outcome))
    }
}
