import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PixoraAPI
import PixoraCore
import PixoraJobs
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@testable import PixoraServer

@Suite("Settings and notifications over the API")
struct NotificationAPITests {
    func post(_ app: TestApp, _ user: String, _ key: String, title: String = "Export") async throws -> UserNotification?
    {
        try await app.services.database.transaction { db in
            try await Notifications.post(
                db, userId: user, kind: .exportReady, title: title, body: "Your data is ready.", link: "/profile",
                eventKey: key)
        }
    }

    @Test(
        "settings: defaults, a round trip, and 400 naming an unknown or invalid field", arguments: TestEngine.allCases)
    func settings(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let ann = try await api.register()
                let bob = try await api.register()
                let initial = try await api.call(.get, "/api/v1/users/me/settings", session: ann)
                #expect(try initial.decode(UserSettings.self) == UserSettings())
                let document: [String: Any] = [
                    "version": 1,
                    "defaults": [
                        "aspectRatio": "9:16", "durationSeconds": 45, "style": "retro", "voice": "slt",
                        "quality": "1080p", "captions": false, "music": false,
                    ],
                    "notifications": ["videoReady": ["inApp": true, "mail": false], "creditsLowBelow": 7],
                    "theme": "dark",
                ]
                let saved = try await api.call(.put, "/api/v1/users/me/settings", session: ann, json: document)
                #expect(saved.status == .ok)
                let expected = try saved.decode(UserSettings.self)
                #expect(expected.defaults.aspectRatio == .vertical && expected.defaults.voice == .slt)
                #expect(expected.notifications.videoReady.mail == false && expected.notifications.creditsLowBelow == 7)
                #expect(expected.notifications.videoFailed == UserSettings.Channels() && expected.theme == .dark)
                let read = try await api.call(.get, "/api/v1/users/me/settings", session: ann)
                #expect(try read.decode(UserSettings.self) == expected)
                #expect(
                    try await api.call(.get, "/api/v1/users/me/settings", session: bob).decode(UserSettings.self)
                        == UserSettings())
                for (body, field) in [
                    (["defaults": ["aspectRatio": "4:3"]], "defaults.aspectRatio"),
                    (["defaults": ["durationSeconds": 121]], "defaults.durationSeconds"),
                    (["notifications": ["videoReady": ["pigeon": true]]], "notifications.videoReady.pigeon"),
                    (["themes": "dark"], "themes"),
                    (["theme": 3], "theme"),
                ] as [([String: Any], String)] {
                    let refused = try await api.call(.put, "/api/v1/users/me/settings", session: ann, json: body)
                    #expect(refused.status == .badRequest, "\(body)")
                    #expect(refused.errorCode == .validationFailed)
                    #expect(refused.errorMessage?.hasPrefix(field + ":") == true, "\(refused.text)")
                }
                // Nothing of a refused document was saved.
                #expect(
                    try await api.call(.get, "/api/v1/users/me/settings", session: ann).decode(UserSettings.self)
                        == expected)
                let anonymous = try await api.call(.get, "/api/v1/users/me/settings")
                #expect(anonymous.status == .unauthorized)
            }
        }
    }

    @Test(
        "the list pages newest first with the unread count; read and read-all; another's id is 404",
        arguments: TestEngine.allCases)
    func list(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let ann = try await api.register()
                let bob = try await api.register()
                var ids: [String] = []
                for n in 0..<3 { ids.append(try #require(try await post(app, ann.userId, "export_ready:\(n)")?.id)) }
                let first = try await api.call(.get, "/api/v1/notifications?limit=2", session: ann)
                let page = try first.decode(Schemas.NotificationPage.self)
                #expect(page.unread == 3 && page.items.count == 2 && page.nextCursor != nil)
                #expect(page.items.first?.kind == .exportReady && page.items.first?.link == "/profile")
                #expect(page.eventsUrl.hasPrefix("/api/v1/notifications/events?access="))
                let rest = try await api.call(
                    .get, "/api/v1/notifications?limit=2&cursor=\(page.nextCursor!)", session: ann
                ).decode(Schemas.NotificationPage.self)
                #expect(Set((page.items + rest.items).map(\.id)) == Set(ids) && rest.nextCursor == nil)

                let stolen = try await api.call(.post, "/api/v1/notifications/\(ids[0])/read", session: bob)
                #expect(stolen.status == .notFound)
                let bobs = try await api.call(.get, "/api/v1/notifications", session: bob)
                #expect(try bobs.decode(Schemas.NotificationPage.self).items.isEmpty)
                let read = try await api.call(.post, "/api/v1/notifications/\(ids[0])/read", session: ann)
                #expect(try read.decode(Schemas.Notification.self).readAt != nil)
                let count = try await api.call(.get, "/api/v1/notifications", session: ann)
                #expect(try count.decode(Schemas.NotificationPage.self).unread == 2)
                let all = try await api.call(.post, "/api/v1/notifications/read-all", session: ann)
                #expect(try all.decode(Schemas.NotificationsMarked.self).marked == 2)
                let none = try await api.call(.get, "/api/v1/notifications", session: ann)
                #expect(try none.decode(Schemas.NotificationPage.self).unread == 0)
                #expect(try await api.call(.get, "/api/v1/notifications").status == .unauthorized)
            }
        }
    }

    @Test(
        "the live stream sends the count and the newest notification when one is posted", arguments: TestEngine.allCases
    )
    func stream(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            let router = Router(context: AppRequestContext.self)
            router.add(middleware: BearerAuthenticator(tokens: app.services.tokens))
            let open = RouteRegistrar(group: router.group("api/v1"), prefix: "/api/v1", table: RouteTable())
            // Long enough that a busy machine still posts while the stream is open: 30 s was not, once, with every
            // suite running on two cores.
            NotificationRoutes(services: app.services, streamLifetime: .seconds(120)).registerOpen(open)
            let session = try await app.test { api in try await api.register() }
            let link = app.services.tokens.signedPath("/api/v1/notifications/events", user: session.userId)
            try await Application(router: router, logger: testLogger).test(.router) { client in
                async let text = client.execute(uri: link, method: .get, headers: [.accept: "text/event-stream"]) {
                    String(buffer: $0.body)
                }
                // A client that does not ask for a stream gets the state now, as one event.
                let once = try await client.execute(uri: link, method: .get) { String(buffer: $0.body) }
                #expect(once.components(separatedBy: "data: ").count == 2 && once.contains("event: end"))
                try await Task.sleep(for: .milliseconds(1500))
                _ = try await post(app, session.userId, "export_ready:live", title: "Live")
                let events = try await text.components(separatedBy: "\n\n").filter { $0.contains("data: ") }
                let bodies = try events.map {
                    try APIJSON.decoder().decode(
                        Schemas.NotificationEventBody.self, from: Data($0.components(separatedBy: "data: ")[1].utf8))
                }
                #expect(bodies.first?.unread == 0 && bodies.first?.latest == nil)
                #expect(bodies.last?.unread == 1 && bodies.last?.latest?.title == "Live")
            }
            // A link for one person never streams another's, and a forged one is refused.
            try await app.test { api in
                let forged = try await api.call(.get, link.replacingOccurrences(of: session.userId, with: "someone"))
                #expect(forged.status == .unauthorized && forged.errorCode == .invalidLink)
            }
        }
    }
}
