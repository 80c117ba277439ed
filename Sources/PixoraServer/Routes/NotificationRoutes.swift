import Foundation
import Hummingbird
import NIOCore
import PixoraCore
import PixoraStore

/// The caller's notifications: the list with the unread count, marking read, and the live stream.
struct NotificationRoutes {
    let services: AppServices
    /// How long one stream stays open; `EventSource` reconnects, and every connection starts with the whole state.
    var streamLifetime: Duration = .seconds(15)

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.get, "notifications", list)
        routes.add(.post, "notifications/read-all", readAll)
        routes.add(.post, "notifications/:id/read", read)
    }

    /// The stream accepts signed links, because `EventSource` cannot send headers.
    func registerOpen(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.get, "notifications/events", events)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.NotificationPage
    > {
        let query = request.uri.queryParameters
        let limit = try VideoRoutes.limit(query["limit"].map(String.init))
        let cursor = try VideoRoutes.cursor(query["cursor"].map(String.init))
        let (page, unread) = try await services.database.read { db in
            (
                try await Notifications.list(db, owner: context.userId, limit: limit, after: cursor),
                try await Notifications.unreadCount(db, owner: context.userId)
            )
        }
        return JSONResponse(
            Schemas.NotificationPage(
                items: page.items.map(Schemas.Notification.init), nextCursor: page.next?.token, unread: unread,
                eventsUrl: services.tokens.signedPath("/api/v1/notifications/events", user: context.userId)))
    }

    @Sendable func read(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.Notification
    > {
        let id = try context.parameters.require("id")
        guard
            let notification = try await services.database.transaction({ db in
                try await Notifications.markRead(db, owner: context.userId, id: id, now: Clock.nowMillis())
            })
        else { throw APIError.notFound("notification") }
        return JSONResponse(Schemas.Notification(notification))
    }

    @Sendable func readAll(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.NotificationsMarked
    > {
        let marked = try await services.database.transaction { db in
            try await Notifications.markAllRead(db, owner: context.userId, now: Clock.nowMillis())
        }
        return JSONResponse(Schemas.NotificationsMarked(marked: marked, unread: 0))
    }

    /// The unread count and the newest notification, sent again whenever either changes. Polls the database (so a
    /// notification posted by any worker reaches a stream on any API node) through the video streams' loop. Only a
    /// client that accepts `text/event-stream` (as `EventSource` always does) is kept waiting; any other gets the
    /// current state as one event.
    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try MediaRoutes.caller(request, context, tokens: services.tokens)
        let database = services.database
        let opened = ContinuousClock.now
        let live = request.headers[values: .accept].contains { $0.contains("text/event-stream") }
        let lifetime = live ? streamLifetime : .zero
        return EventRoutes(services: services).stream(
            logger: context.logger, subject: ["notifications": user], deleted: "{}",
            read: {
                try await database.read { db -> Schemas.NotificationEventBody? in
                    let unread = try await Notifications.unreadCount(db, owner: user)
                    let latest = try await Notifications.list(db, owner: user, limit: 1, after: nil).items.first
                    return Schemas.NotificationEventBody(unread: unread, latest: latest.map(Schemas.Notification.init))
                }
            },
            finished: { _ in ContinuousClock.now - opened >= lifetime },
            outgoing: { $0 })
    }
}

extension Schemas.Notification {
    init(_ row: UserNotification) {
        self.init(
            id: row.id, kind: row.kind, title: row.title, body: row.body, link: row.link,
            readAt: row.readAt.map(Date.init(milliseconds:)), createdAt: Date(milliseconds: row.createdAt))
    }
}
