import Foundation
import Hummingbird
import PixoraAPI
import PixoraCore
import PixoraProviders
import PixoraStore
import SQLKit

/// Webhook endpoints and their delivery logs. Every query takes the caller: another user's endpoint is a 404.
struct WebhookRoutes {
    let services: AppServices
    var database: any Database { services.database }
    /// `PIXORA_WEBHOOK_ALLOW_PRIVATE`: plain http and private addresses allowed.
    var allowPrivate: Bool { services.configuration.settings.flag("PIXORA_WEBHOOK_ALLOW_PRIVATE") ?? false }

    static let maxURL = 2000

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.get, "webhooks", list)
        routes.add(.post, "webhooks", create)
        routes.add(.get, "webhooks/:id", get)
        routes.add(.patch, "webhooks/:id", update)
        routes.add(.delete, "webhooks/:id", delete)
        routes.add(.post, "webhooks/:id/secret", rotate)
        routes.add(.get, "webhooks/:id/deliveries", deliveries)
        routes.add(.post, "webhooks/:id/deliveries/:delivery/replay", replay)
    }

    struct CreateRequest: Decodable {
        var url: String
        var events: [WebhookEventType]
        var enabled: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable { case url, events, enabled }

        init(from decoder: any Decoder) throws {
            let container = try Self.container(decoder)
            url = try container.decode(String.self, forKey: .url)
            events = try container.decode([WebhookEventType].self, forKey: .events)
            enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
        }

        /// `null` is not "leave it out": the document says each field is its type, so null is refused by name.
        static func container(_ decoder: any Decoder) throws -> KeyedDecodingContainer<CodingKeys> {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            for key in CodingKeys.allCases where container.contains(key) {
                guard try container.decodeNil(forKey: key) else { continue }
                throw DecodingError.valueNotFound(
                    String.self, .init(codingPath: [key], debugDescription: "must not be null; leave it out instead"))
            }
            return container
        }
    }

    struct UpdateRequest: Decodable {
        var url: String?
        var events: [WebhookEventType]?
        var enabled: Bool?

        init(from decoder: any Decoder) throws {
            let container = try CreateRequest.container(decoder)
            url = try container.decodeIfPresent(String.self, forKey: .url)
            events = try container.decodeIfPresent([WebhookEventType].self, forKey: .events)
            enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
        }
    }

    /// An https URL with a host (http too, and literal private addresses, where the deployment allows them).
    /// Names are checked again on every delivery, on the address actually connected to.
    func checkedURL(_ text: String) throws -> String {
        let url = text.trimmingCharacters(in: .whitespaces)
        guard url.codePointCount <= Self.maxURL else {
            throw APIError.validation("url", "must be at most \(Self.maxURL) characters")
        }
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            let host = parsed.host, !host.isEmpty
        else { throw APIError.validation("url", "is not an absolute URL such as https://example.com/hooks") }
        guard scheme == "https" || (scheme == "http" && allowPrivate) else {
            let allowed = allowPrivate ? "https or http" : "https"
            throw APIError.validation("url", "must use \(allowed), not \(scheme)")
        }
        guard parsed.user == nil && parsed.password == nil else {
            throw APIError.validation("url", "must not hold a user name or password")
        }
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        if !allowPrivate, OutboundAddress.isLiteral(bare), let why = OutboundAddress.refusal(bare) {
            throw APIError.validation("url", "\(bare) is \(why); this server does not call private addresses")
        }
        return url
    }

    static func checkedEvents(_ events: [WebhookEventType]) throws -> [WebhookEventType] {
        guard !events.isEmpty else { throw APIError.validation("events", "must name at least one event") }
        return WebhookEventType.allCases.filter(events.contains)
    }

    func owned(_ context: AuthenticatedContext) async throws -> Webhook {
        let id = try context.parameters.require("id")
        guard
            let webhook = try await database.read({ db in try await Webhooks.find(db, owner: context.userId, id: id) })
        else { throw APIError.notFound("webhook endpoint") }
        return webhook
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.WebhookList
    > {
        let rows = try await database.read { db in try await Webhooks.list(db, owner: context.userId) }
        return JSONResponse(Schemas.WebhookList(webhooks: rows.map(Schemas.Webhook.init)))
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.CreatedWebhook
    > {
        let body = try await request.decodeJSON(CreateRequest.self)
        let url = try checkedURL(body.url)
        let events = try Self.checkedEvents(body.events)
        let secret = WebhookSignature.newSecret()
        let webhook = try await database.transaction { db in
            try await Webhooks.create(
                db, owner: context.userId, url: url, events: events, enabled: body.enabled ?? true, secret: secret)
        }
        context.logger.info("webhook endpoint registered", metadata: ["webhook": .string(webhook.id)])
        return JSONResponse(.created, Schemas.CreatedWebhook(webhook: .init(webhook), secret: webhook.secret))
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Webhook>
    {
        JSONResponse(Schemas.Webhook(try await owned(context)))
    }

    @Sendable func update(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.Webhook
    > {
        let webhook = try await owned(context)
        let body = try await request.decodeJSON(UpdateRequest.self)
        let url = try body.url.map(checkedURL)
        let events = try body.events.map(Self.checkedEvents)
        let updated = try await database.transaction { db in
            try await Webhooks.update(
                db, owner: context.userId, id: webhook.id, url: url, events: events, enabled: body.enabled)
        }
        guard let updated else { throw APIError.notFound("webhook endpoint") }
        return JSONResponse(Schemas.Webhook(updated))
    }

    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let webhook = try await owned(context)
        let deleted = try await database.transaction { db in
            try await Webhooks.delete(db, owner: context.userId, id: webhook.id)
        }
        guard deleted else { throw APIError.notFound("webhook endpoint") }
        return Response(status: .noContent)
    }

    @Sendable func rotate(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.CreatedWebhook
    > {
        let webhook = try await owned(context)
        let secret = WebhookSignature.newSecret()
        let rotated = try await database.transaction { db in
            try await Webhooks.rotateSecret(db, owner: context.userId, id: webhook.id, secret: secret)
        }
        guard let rotated else { throw APIError.notFound("webhook endpoint") }
        return JSONResponse(Schemas.CreatedWebhook(webhook: .init(rotated), secret: rotated.secret))
    }

    @Sendable func deliveries(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.WebhookDeliveryPage
    > {
        let query = request.uri.queryParameters
        let limit = try VideoRoutes.limit(query["limit"].map(String.init))
        let cursor = try VideoRoutes.cursor(query["cursor"].map(String.init))
        let webhook = try await owned(context)
        let (page, logs) = try await database.read { db in
            let page = try await WebhookDeliveries.list(db, webhook: webhook.id, limit: limit, after: cursor)
            var logs: [String: [WebhookAttempt]] = [:]
            for delivery in page.items {
                logs[delivery.id] = try await WebhookDeliveries.attempts(db, delivery: delivery.id)
            }
            return (page, logs)
        }
        return JSONResponse(
            Schemas.WebhookDeliveryPage(
                items: page.items.map { Schemas.WebhookDelivery($0, log: logs[$0.id] ?? []) },
                nextCursor: page.next?.token))
    }

    @Sendable func replay(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.WebhookDelivery
    > {
        let webhook = try await owned(context)
        let id = try context.parameters.require("delivery")
        let attempts = services.jobAttempts
        let replayed = try await database.transaction { db -> WebhookDelivery? in
            guard
                let original = try await WebhookDeliveries.find(db, owner: context.userId, webhook: webhook.id, id: id)
            else { return nil }
            guard webhook.enabled else {
                throw APIError(.conflict, .conflict, "the endpoint is turned off; turn it on to send deliveries")
            }
            return try await WebhookDeliveries.replay(db, owner: context.userId, of: original, maxAttempts: attempts)
        }
        guard let replayed else { throw APIError.notFound("delivery") }
        return JSONResponse(.accepted, Schemas.WebhookDelivery(replayed, log: []))
    }
}
