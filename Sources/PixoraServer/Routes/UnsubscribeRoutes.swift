import Foundation
import Hummingbird
import NIOCore
import PixoraCore
import PixoraStore

/// A notification mail's unsubscribe link, without signing in: GET shows a button, POST (the button, or a mail
/// client's RFC 8058 one-click request) switches that kind's mails off.
struct UnsubscribeRoutes {
    let services: AppServices

    func register(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.get, "notifications/unsubscribe", page)
        routes.add(.post, "notifications/unsubscribe", unsubscribe)
    }

    func verified(_ request: Request) throws -> (user: String, kind: NotificationKind) {
        let links = UnsubscribeLinks(secret: services.configuration.jwtSecret)
        guard let token = request.uri.queryParameters["token"].map(String.init), let named = links.verify(token) else {
            throw APIError(.badRequest, .invalidLink, "this unsubscribe link is not valid")
        }
        return named
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, kind) = try verified(request)
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        // The token is checked above: only letters, digits, '-', '_' and '.' reach the page.
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>Unsubscribe – Pixora</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem">
            <h1>Stop “\(kind.label)” mails?</h1>
            <p>You will still see these notifications in the studio. You can switch mails on again in your settings.</p>
            <form method="post" action="/api/v1/notifications/unsubscribe?token=\(token)">
            <button type="submit">Unsubscribe</button></form>
            </body></html>
            """
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    @Sendable func unsubscribe(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, kind) = try verified(request)
        _ = try? await request.body.collect(upTo: 4096)
        // A deleted account's link switches nothing off and answers as a done one, so it tells nothing apart.
        try await services.database.transaction { db in
            guard try await Users.find(db, id: user) != nil else { return }
            var settings = try await Users.settings(db, user: user)
            settings.notifications[kind].mail = false
            try await Users.saveSettings(db, user: user, settings)
        }
        let body = Schemas.Unsubscribed(kind: kind, mail: false)
        var response = try JSONResponse(body).response(from: request, context: context)
        if request.headers[.accept]?.contains("text/html") == true {
            let html = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Unsubscribed – Pixora</title></head>
                <body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto">
                <h1>Done</h1><p>No more “\(kind.label)” mails. Switch them on again in your settings.</p></body></html>
                """
            response = Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: html)))
        }
        return response
    }
}
