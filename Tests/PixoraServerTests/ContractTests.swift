import Foundation
import HummingbirdTesting
import NIOCore
import PixoraAPI
import PixoraServer
import PixoraStore
import PixoraTestSupport
import Testing

@Suite("The API contract: OpenAPI, errors, health and metrics")
struct ContractTests {
    @Test("every route the server registers is described in /openapi.json")
    func openAPICoversRoutes() async throws {
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                let reply = try await api.call(.get, "/openapi.json")
                #expect(reply.status == .ok)
                // Raw JSON: the check is of the served document itself, not of a body the document describes.
                let paths = try #require(try reply.rawJSON()["paths"] as? [String: [String: Any]])
                var missing: [String] = []
                for route in app.routes.routes where paths[route.path]?[route.method] == nil {
                    missing.append(route.description)
                }
                #expect(missing.isEmpty, "routes missing from the OpenAPI document: \(missing)")
                #expect(app.routes.routes.count >= 30)
            }
        }
    }

    @Test("malformed bodies answer 400, 413 or 422 with a message naming the problem", arguments: TestEngine.allCases)
    func malformedBodies(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let notJSON = try await api.call(
                    .post, "/api/v1/videos", session: session, raw: ByteBuffer(string: "prompt=bees"))
                #expect(notJSON.status == .badRequest && notJSON.errorCode == .invalidJson)
                let array = try await api.call(.post, "/api/v1/videos", session: session, json: [1, 2])
                #expect(array.status == .badRequest)
                let empty = try await api.call(.post, "/api/v1/videos", session: session, json: [String: String]())
                #expect(empty.status == .unprocessableContent && empty.errorMessage?.hasPrefix("prompt") == true)
                let wrongType = try await api.call(.post, "/api/v1/videos", session: session, json: ["prompt": 5])
                #expect(wrongType.status == .unprocessableContent && wrongType.errorMessage?.contains("prompt") == true)
                let aspect = try await api.call(
                    .post, "/api/v1/videos", session: session,
                    json: ["prompt": "bees", "settings": ["aspectRatio": "4:3"]])
                #expect(aspect.status == .unprocessableContent)
                #expect(
                    aspect.errorMessage?.contains("settings.aspectRatio") == true
                        && aspect.errorMessage?.contains("9:16") == true)
                let long = try await api.call(
                    .post, "/api/v1/videos", session: session,
                    json: ["prompt": "bees", "settings": ["durationSeconds": 500]])
                #expect(
                    long.status == .unprocessableContent
                        && long.errorMessage?.contains("settings.durationSeconds") == true)
                let wordy = try await api.call(
                    .post, "/api/v1/videos", session: session,
                    json: ["prompt": "bees", "settings": ["durationSeconds": "long"]])
                #expect(
                    wordy.status == .unprocessableContent
                        && wordy.errorMessage?.contains("settings.durationSeconds") == true)
                let huge = try await api.call(
                    .post, "/api/v1/videos", session: session,
                    json: ["prompt": String(repeating: "bees ", count: 2_000_000)])
                #expect(huge.status == .contentTooLarge && huge.errorCode == .payloadTooLarge)
                let tooLong = try await api.call(
                    .post, "/api/v1/videos", session: session, json: ["prompt": String(repeating: "b", count: 2001)])
                #expect(tooLong.status == .unprocessableContent)
                let noPassword = try await api.call(.post, "/api/v1/auth/register", json: ["email": "a@example.com"])
                #expect(
                    noPassword.status == .unprocessableContent && noPassword.errorMessage?.contains("password") == true)
                #expect(
                    try await api.call(.get, "/api/v1/videos?status=done", session: session).status
                        == .unprocessableContent)
                #expect(
                    try await api.call(.get, "/api/v1/videos?limit=0", session: session).status == .unprocessableContent
                )
                #expect(
                    try await api.call(.get, "/api/v1/videos?cursor=%%%", session: session).status
                        == .unprocessableContent)
                let nowhere = try await api.call(.get, "/api/v1/nowhere", session: session)
                #expect(nowhere.status == .notFound && nowhere.errorCode == .notFound)
                // Nothing was charged for any of it.
                #expect(try await ledger(app, session.userId) == (100, 100))
            }
        }
    }

    @Test("lists paginate with a cursor and filter by status and search", arguments: TestEngine.allCases)
    func pagination(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                var made: [String] = []
                for index in 0..<5 {
                    let created = try await api.createVideo(session, prompt: "video \(index) about otters")
                    made.append(try created.decode(Schemas.Video.self).id)
                }
                var seen: [String] = []
                var cursor: String?
                repeat {
                    let query = "/api/v1/videos?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                    let reply = try await api.call(.get, query, session: session)
                    let page = try reply.decode(Schemas.VideoPage.self)
                    seen += page.items.map(\.id)
                    cursor = page.nextCursor
                } while cursor != nil
                #expect(seen == made.reversed())
                let queued = try await api.call(.get, "/api/v1/videos?status=queued", session: session)
                #expect(try queued.decode(Schemas.VideoPage.self).items.count == 5)
                let completed = try await api.call(.get, "/api/v1/videos?status=completed", session: session)
                #expect(try completed.decode(Schemas.VideoPage.self).items.isEmpty)
                let found = try await api.call(.get, "/api/v1/videos?q=Video%203", session: session)
                #expect(try found.decode(Schemas.VideoPage.self).items.map(\.id) == [made[3]])
                let renamed = try await api.call(
                    .patch, "/api/v1/videos/\(made[0])", session: session, json: ["title": "Otters at play"])
                #expect(renamed.status == .ok)
                #expect(try renamed.decode(Schemas.Video.self).title == "Otters at play")
                #expect(try await api.call(.delete, "/api/v1/videos/\(made[1])", session: session).status == .noContent)
                #expect(try await api.call(.get, "/api/v1/videos/\(made[1])", session: session).status == .notFound)
                // Deleting a queued video refunds it.
                #expect(try await ledger(app, session.userId) == (80, 80))
            }
        }
    }

    @Test("health, readiness, metrics and request ids", arguments: TestEngine.allCases)
    func operations(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                #expect(try await api.call(.get, "/healthz").status == .ok)
                let ready = try await api.call(.get, "/readyz")
                #expect(ready.status == .ok)
                #expect(try ready.decode(Schemas.SystemStatus.self).database?.rawValue == engine.rawValue)
                let echoed = try await api.call(.get, "/healthz", headers: [.init("X-Request-Id")!: "trace-123"])
                #expect(echoed.headers[.init("X-Request-Id")!] == "trace-123")
                let generated = try await api.call(.get, "/healthz")
                #expect((generated.headers[.init("X-Request-Id")!] ?? "").count >= 32)
                let session = try await api.register()
                _ = try await api.createVideo(session)
                let metrics = try await api.call(.get, "/metrics")
                #expect(metrics.status == .ok)
                #expect(metrics.text.contains("pixora_http_requests_total{"))
                #expect(metrics.text.contains("pixora_jobs{state=\"queued\"} 1"))
            }
        }
    }

    @Test(
        "avatars: PNG, JPEG or WebP up to 2 MiB, checked by content; served to the owner",
        arguments: TestEngine.allCases)
    func avatars(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 200)
                let uploaded = try await api.call(
                    .put, "/api/v1/users/me/avatar", session: session, headers: [.contentType: "image/png"],
                    raw: ByteBuffer(bytes: png))
                #expect(uploaded.status == .ok)
                let link = try #require(try uploaded.decode(Schemas.User.self).avatarUrl)
                let fetched = try await api.call(.get, link)
                #expect(fetched.status == .ok && Array(fetched.body.readableBytesView) == png)
                let gif = try await api.call(
                    .put, "/api/v1/users/me/avatar", session: session, headers: [.contentType: "image/gif"],
                    raw: ByteBuffer(string: "GIF89a"))
                #expect(gif.status == .unsupportedMediaType)
                let lying = try await api.call(
                    .put, "/api/v1/users/me/avatar", session: session, headers: [.contentType: "image/jpeg"],
                    raw: ByteBuffer(bytes: png))
                #expect(lying.status == .unsupportedMediaType)
                let text = try await api.call(
                    .put, "/api/v1/users/me/avatar", session: session, headers: [.contentType: "image/png"],
                    raw: ByteBuffer(string: "<svg/>"))
                #expect(text.status == .unsupportedMediaType)
                let big = try await api.call(
                    .put, "/api/v1/users/me/avatar", session: session, headers: [.contentType: "image/png"],
                    raw: ByteBuffer(bytes: png + Array(repeating: 0, count: 3 << 20)))
                #expect(big.status == .contentTooLarge)
                let name = try await api.call(
                    .patch, "/api/v1/users/me/profile", session: session, json: ["name": "Ada"])
                #expect(name.status == .ok)
                #expect(try name.decode(Schemas.User.self).name == "Ada")
            }
        }
    }
}
