import Foundation
import Hummingbird
import HummingbirdTesting
import PixoraAPI
import PixoraCore
import PixoraJobs
import PixoraProviders
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Webhook deliveries to a local receiver")
struct WebhookDeliveryTests {
    /// Waits short between attempts so a day of retries takes a fraction of a second.
    static func quick(_ schedule: [TimeInterval]) -> WebhookSettings {
        var settings = WebhookSettings()
        settings.retrySchedule = schedule
        return settings
    }

    struct Endpoint {
        var id: String
        var secret: String
    }

    /// Registers an endpoint straight in the store (the API refuses plain http unless the deployment allows it).
    func endpoint(_ app: TestApp, _ session: Session, url: String) async throws -> Endpoint {
        let secret = WebhookSignature.newSecret()
        let row = try await app.services.database.transaction { db in
            try await Webhooks.create(
                db, owner: session.userId, url: url, events: WebhookEventType.allCases, enabled: true, secret: secret)
        }
        return Endpoint(id: row.id, secret: secret)
    }

    struct Sample: Encodable {
        var videoId: String
    }

    func emit(_ app: TestApp, _ session: Session, id: String = "v-1") async throws {
        try await app.services.database.transaction { db in
            try await WebhookDeliveries.emit(db, user: session.userId, type: .videoCompleted, data: Sample(videoId: id))
        }
    }

    /// The endpoint's newest delivery once it has settled (succeeded or failed).
    func settled(_ api: API, _ session: Session, _ endpoint: Endpoint, count: Int = 1) async throws
        -> [Schemas.WebhookDelivery]
    {
        // Generous: a safety net for a machine busy with the rest of the suite, not a measure of speed.
        let deadline = ContinuousClock.now + .seconds(600)
        while ContinuousClock.now < deadline {
            let reply = try await api.call(.get, "/api/v1/webhooks/\(endpoint.id)/deliveries", session: session)
            let items = try reply.decode(Schemas.WebhookDeliveryPage.self).items
            if items.count >= count && items.allSatisfy({ $0.status == .succeeded || $0.status == .failed }) {
                return items
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("the deliveries did not settle in time")
    }

    @Test(
        "a delivery failing with 500 twice is retried and lands, signed as Standard Webhooks says",
        arguments: TestEngine.allCases)
    func retriesThenSucceeds(engine: TestEngine) async throws {
        let receiver = ProviderEmulator([
            .init(status: 500, body: "down"), .init(status: 500, body: "still down"),
            .init(status: 200, body: "thanks"),
        ])
        try await receiver.run { base in
            try await TestApp.with(engine) { app in
                try await app.test { api in
                    let session = try await api.register()
                    let endpoint = try await endpoint(app, session, url: "\(base)/hooks/pixora")
                    let started = Clock.nowMillis() / 1000
                    try await emit(app, session, id: "video-42")
                    let deliveries = try await app.withWebhookWorker(allowPrivate: true, Self.quick([0.05, 0.05])) {
                        try await settled(api, session, endpoint)
                    }
                    let delivery = try #require(deliveries.first)
                    #expect(delivery.status == .succeeded && delivery.attempts == 3)
                    #expect(delivery.httpStatus == 200 && delivery.responseExcerpt == "thanks")
                    #expect(delivery.log.map(\.httpStatus) == [500, 500, 200])
                    #expect(delivery.nextAttemptAt == nil)

                    let received = receiver.requests
                    #expect(received.count == 3)
                    #expect(received.allSatisfy { $0.method == "POST" && $0.path == "/hooks/pixora" })
                    #expect(received.allSatisfy { verifyStandardWebhook($0, secret: endpoint.secret) })
                    #expect(!verifyStandardWebhook(received[0], secret: WebhookSignature.newSecret()))
                    // One message: every attempt carries the same id and body.
                    #expect(Set(received.compactMap { $0.headers["webhook-id"] }) == [delivery.messageId])
                    #expect(Set(received.map(\.body)).count == 1)
                    let stamp = try #require(received.last?.headers["webhook-timestamp"].flatMap { Int64($0) })
                    #expect(stamp >= started && stamp <= Clock.nowMillis() / 1000 + 1)
                    let json = try #require(received.first?.json)
                    #expect(json["type"] as? String == "video.completed")
                    #expect((json["data"] as? [String: Any])?["videoId"] as? String == "video-42")
                    #expect(json["timestamp"] is String)
                    #expect(received.first?.headers["content-type"] == "application/json")

                    // Each attempt is logged in the database, and the failure streak ended with the success.
                    let (attempts, row) = try await app.services.database.read { db in
                        (
                            try await WebhookDeliveries.attempts(db, delivery: delivery.id),
                            try await Webhooks.find(db, id: endpoint.id)
                        )
                    }
                    #expect(attempts.map(\.number) == [1, 2, 3])
                    #expect(row?.failingSince == nil && row?.enabled == true)
                }
            }
        }
    }

    @Test(
        "no delivery reaches a loopback address unless allowed: it fails with the reason, the receiver hears nothing",
        arguments: TestEngine.allCases)
    func privateRefused(engine: TestEngine) async throws {
        let receiver = ProviderEmulator([], otherwise: .init(status: 200, body: "ok"))
        try await receiver.run { base in
            try await TestApp.with(engine) { app in
                try await app.test { api in
                    let session = try await api.register()
                    // A name, so the API accepts it; it resolves to 127.0.0.1 when the delivery runs.
                    let url = base.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "/hook"
                    let endpoint = try await endpoint(app, session, url: url)
                    try await emit(app, session)
                    let refused = try await app.withWebhookWorker(allowPrivate: false, Self.quick([])) {
                        try await settled(api, session, endpoint)
                    }
                    #expect(refused.first?.status == .failed && refused.first?.httpStatus == nil)
                    let error = refused.first?.error ?? ""
                    #expect(error.contains("refused") && error.contains("loopback"), "\(error)")
                    #expect(error.contains("PIXORA_WEBHOOK_ALLOW_PRIVATE"))
                    #expect(receiver.requests.isEmpty)

                    // The same endpoint where the deployment allows private addresses.
                    try await emit(app, session)
                    let allowed = try await app.withWebhookWorker(allowPrivate: true, Self.quick([])) {
                        try await settled(api, session, endpoint, count: 2)
                    }
                    #expect(allowed.first?.status == .succeeded)
                    #expect(receiver.requests.count == 1)
                }
            }
        }
    }

    @Test("a redirect is not followed: the attempt fails with the 3xx", arguments: TestEngine.allCases)
    func noRedirects(engine: TestEngine) async throws {
        let receiver = ProviderEmulator(handler: { request, base in
            request.path == "/hook"
                ? .init(status: 307, headers: ["Location": "\(base)/elsewhere"], body: "moved")
                : .init(status: 200, body: "followed")
        })
        try await receiver.run { base in
            try await TestApp.with(engine) { app in
                try await app.test { api in
                    let session = try await api.register()
                    let endpoint = try await endpoint(app, session, url: "\(base)/hook")
                    try await emit(app, session)
                    let deliveries = try await app.withWebhookWorker(allowPrivate: true, Self.quick([])) {
                        try await settled(api, session, endpoint)
                    }
                    #expect(deliveries.first?.status == .failed && deliveries.first?.httpStatus == 307)
                    #expect(deliveries.first?.error == "HTTP 307")
                    #expect(receiver.requests.map(\.path) == ["/hook"])
                }
            }
        }
    }

    @Test("a delivery is replayed with the same message id; a turned-off endpoint refuses replays")
    func replay() async throws {
        let receiver = ProviderEmulator([], otherwise: .init(status: 204, body: ""))
        try await receiver.run { base in
            try await TestApp.with(.sqlite) { app in
                try await app.test { api in
                    let session = try await api.register()
                    let other = try await api.register()
                    let endpoint = try await endpoint(app, session, url: "\(base)/hook")
                    try await emit(app, session)
                    let both = try await app.withWebhookWorker(allowPrivate: true, Self.quick([])) {
                        let first = try #require(try await settled(api, session, endpoint).first)
                        let path = "/api/v1/webhooks/\(endpoint.id)/deliveries/\(first.id)/replay"
                        #expect(try await api.call(.post, path, session: other).status == .notFound)
                        let reply = try await api.call(.post, path, session: session)
                        #expect(reply.status == .accepted)
                        let queued = try reply.decode(Schemas.WebhookDelivery.self)
                        #expect(queued.replayOf == first.id && queued.messageId == first.messageId)
                        #expect(queued.status == .pending)
                        return try await settled(api, session, endpoint, count: 2)
                    }
                    #expect(both.map(\.status) == [.succeeded, .succeeded])
                    let ids = receiver.requests.compactMap { $0.headers["webhook-id"] }
                    #expect(ids.count == 2 && Set(ids).count == 1)
                    #expect(receiver.requests.allSatisfy { verifyStandardWebhook($0, secret: endpoint.secret) })

                    _ = try await api.call(
                        .patch, "/api/v1/webhooks/\(endpoint.id)", session: session, json: ["enabled": false])
                    let refused = try await api.call(
                        .post, "/api/v1/webhooks/\(endpoint.id)/deliveries/\(both[0].id)/replay", session: session)
                    #expect(refused.status == .conflict)
                }
            }
        }
    }

    /// The person's notifications, newest first.
    func notifications(_ app: TestApp, _ session: Session) async throws -> [UserNotification] {
        try await app.services.database.read { db in
            try await Notifications.list(db, owner: session.userId, limit: 100, after: nil).items
        }
    }

    @Test("an endpoint failing every delivery for 3 days is turned off and says why", arguments: TestEngine.allCases)
    func disabledAfterDays(engine: TestEngine) async throws {
        let receiver = ProviderEmulator([], otherwise: .init(status: 503, body: String(repeating: "x", count: 5000)))
        try await receiver.run { base in
            try await TestApp.with(engine) { app in
                try await app.test { api in
                    let session = try await api.register()
                    let endpoint = try await endpoint(app, session, url: "\(base)/hook")
                    let since = Clock.nowMillis() - 3 * 86_400_000 - 60_000
                    try await app.services.database.read { db in
                        try await db.raw(
                            "UPDATE webhooks SET failing_since = \(bind: since) WHERE id = \(bind: endpoint.id)"
                        ).run()
                    }
                    try await emit(app, session)
                    let deliveries = try await app.withWebhookWorker(allowPrivate: true, Self.quick([0.05, 0.05])) {
                        try await settled(api, session, endpoint)
                    }
                    // No retry once the endpoint is off; the excerpt is cut at 1 KiB.
                    #expect(deliveries.first?.status == .failed && deliveries.first?.attempts == 1)
                    #expect(deliveries.first?.responseExcerpt?.utf8.count == 1024)
                    let webhook = try await api.call(.get, "/api/v1/webhooks/\(endpoint.id)", session: session)
                        .decode(Schemas.Webhook.self)
                    #expect(!webhook.enabled)
                    #expect(webhook.disabledReason?.contains("failed for 3 days") == true)
                    // One notice, in the transaction that turned it off: the URL, the reason, the last failure.
                    let notices = try await notifications(app, session).filter { $0.kind == .webhookDisabled }
                    #expect(notices.count == 1)
                    let notice = try #require(notices.first)
                    #expect(notice.title == "A webhook endpoint was turned off" && notice.link == "/profile")
                    #expect(
                        notice.body
                            == "Pixora stopped sending to \(base)/hook: every delivery failed for 3 days; turned off "
                            + "automatically. The last attempt: HTTP 503. Fix the endpoint, then turn it on again on "
                            + "your profile.")
                    // A retried job posts nothing more.
                    try await app.services.database.transaction { db in
                        try await Notifications.webhookDisabled(db, webhook: endpoint.id, lastFailure: "HTTP 503")
                    }
                    #expect(try await notifications(app, session).filter { $0.kind == .webhookDisabled }.count == 1)
                    // Text from the row and the attempt reaches the notice as one line each.
                    let hostile = try await app.services.database.transaction { db -> String in
                        let row = try await Webhooks.create(
                            db, owner: session.userId, url: "https://x.example/a\nb\u{202E}c",
                            events: [.videoCompleted], enabled: false, secret: WebhookSignature.newSecret())
                        let reason = "down\r\nfor days"
                        try await db.raw(
                            "UPDATE webhooks SET disabled_reason = \(bind: reason) WHERE id = \(bind: row.id)"
                        ).run()
                        try await Notifications.webhookDisabled(db, webhook: row.id, lastFailure: "refused\nhere")
                        return row.id
                    }
                    let hostileNotice = try await notifications(app, session).first {
                        $0.eventKey.hasPrefix("webhook_disabled:\(hostile):")
                    }
                    let text = try #require(hostileNotice?.body)
                    #expect(!text.contains("\n") && !text.contains("\r") && !text.contains("\u{202E}"), "\(text)")
                    #expect(text.hasPrefix("Pixora stopped sending to https://x.example/a bc: down"), "\(text)")
                    #expect(text.contains("for days. The last attempt: refused here. Fix the endpoint"), "\(text)")
                    // Turning it on again clears the streak and the reason.
                    let on = try await api.call(
                        .patch, "/api/v1/webhooks/\(endpoint.id)", session: session, json: ["enabled": true])
                    let back = try on.decode(Schemas.Webhook.self)
                    #expect(back.enabled && back.disabledReason == nil && back.failingSince == nil)
                }
            }
        }
    }

    @Test("an endpoint slower than the timeout fails the attempt as timed out")
    func timeout() async throws {
        let receiver = ProviderEmulator([.init(status: 200, body: "late", delay: 30)])
        try await receiver.run { base in
            let client = WebhookClient(allowPrivate: true, timeout: 0.5)
            let response = await client.post(WebhookRequest(url: "\(base)/hook", headers: [], body: Data("{}".utf8)))
            #expect(response.status == nil && !response.delivered)
            #expect(response.error == "timed out", "\(response.error ?? "")")
            // It gave up before the answer came (30 s), whatever the machine's speed.
            #expect(response.latencyMillis < 30000)
        }
    }

    @Test(
        "a finished video is announced as video.completed, a saved version as version.completed, to the owner only",
        arguments: TestEngine.allCases)
    func videoCompleted(engine: TestEngine) async throws {
        let receiver = ProviderEmulator([], otherwise: .init(status: 200, body: "ok"))
        try await receiver.run { base in
            try await TestApp.with(engine) { app in
                try await app.test { api in
                    let session = try await api.register()
                    let other = try await api.register()
                    let endpoint = try await endpoint(app, session, url: "\(base)/mine")
                    _ = try await self.endpoint(app, other, url: "\(base)/theirs")
                    let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                    let (deliveries, both) = try await app.withWebhookWorker(allowPrivate: true, Self.quick([0.05])) {
                        _ = try await api.waitForVideo(session, id)
                        let first = try await settled(api, session, endpoint)
                        // Save the timeline as it is: its render is a new version.
                        let versions = try await api.call(.get, "/api/v1/videos/\(id)/versions", session: session)
                        let version = try #require(try versions.decode(Schemas.VersionList.self).versions.first)
                        let detail = try await api.call(
                            .get, "/api/v1/videos/\(id)/versions/\(version.id)", session: session)
                        let state = try #require(try detail.decode(Schemas.Version.self).editorState)
                        let saved = try await api.call(
                            .post, "/api/v1/videos/\(id)/versions", session: session,
                            json: ["editorState": try api.object(state)])
                        #expect(saved.status == .accepted || saved.status == .created, "\(saved.text)")
                        return (first, try await settled(api, session, endpoint, count: 2))
                    }
                    #expect(both.first?.event == .version_completed)
                    let version = try #require(receiver.requests.last?.json["data"] as? [String: Any])
                    #expect(version["videoId"] as? String == id && version["number"] as? Int == 2)
                    #expect(deliveries.count == 1 && deliveries.first?.event == .video_completed)
                    #expect(receiver.requests.map(\.path) == ["/mine", "/mine"])
                    let data = try #require(receiver.requests.first?.json["data"] as? [String: Any])
                    #expect(data["videoId"] as? String == id && data["status"] as? String == "completed")
                    #expect(data["version"] as? Int == 1)
                    #expect(receiver.requests.allSatisfy { verifyStandardWebhook($0, secret: endpoint.secret) })
                }
            }
        }
    }
}

extension WebhookDeliveryTests {
    @Test(
        "a video that fails for good is announced as video.failed with its refund done", arguments: TestEngine.allCases)
    func videoFailed(engine: TestEngine) async throws {
        let receiver = ProviderEmulator([], otherwise: .init(status: 200, body: "ok"))
        try await receiver.run { base in
            try await TestApp.with(engine) { app in
                try await app.test { api in
                    let session = try await api.register()
                    let endpoint = try await endpoint(app, session, url: "\(base)/hook")
                    // A stored plan that no longer holds (no scenes) fails its job at once, as a usage error.
                    let preview = try await api.call(
                        .post, "/api/v1/plans", session: session,
                        json: ["prompt": "bees", "settings": ["durationSeconds": 5, "quality": "480p"]])
                    var plan = try #require(try preview.decode(Schemas.PlanPreview.self).plan)
                    plan.scenes = []
                    let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                    let json = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
                    try await app.services.database.read { db in
                        try await db.raw("UPDATE videos SET plan = \(bind: json) WHERE id = \(bind: id)").run()
                    }
                    let deliveries = try await app.withWebhookWorker(allowPrivate: true, Self.quick([])) {
                        let video = try await api.waitForVideo(session, id).decode(Schemas.Video.self)
                        #expect(video.status == .failed)
                        return try await settled(api, session, endpoint)
                    }
                    #expect(deliveries.map(\.event) == [.video_failed])
                    let data = try #require(receiver.requests.first?.json["data"] as? [String: Any])
                    #expect(data["videoId"] as? String == id && data["status"] as? String == "failed")
                    #expect((data["error"] as? String)?.isEmpty == false)
                    #expect(try await ledger(app, session.userId) == (100, 100))
                }
            }
        }
    }
}

extension TestApp {
    /// A worker that also delivers webhooks (with `settings`) for the duration of `body`.
    func withWebhookWorker<T: Sendable>(
        allowPrivate: Bool, _ settings: WebhookSettings, _ body: () async throws -> T
    ) async throws -> T {
        var workerSettings = WorkerSettings.from(configuration: services.configuration.settings)
        workerSettings.idlePoll = 0.05
        workerSettings.expiryCheck = 0.2
        let delivery = WebhookDeliveryJob(
            database: services.database, poster: WebhookClient(allowPrivate: allowPrivate, timeout: 60),
            settings: settings, logger: testLogger)
        let worker = Worker(
            database: services.database, handlers: services.workshop.handlers + [delivery], settings: workerSettings,
            logger: testLogger)
        let task = Task { await worker.run() }
        defer { task.cancel() }
        let value = try await body()
        task.cancel()
        await task.value
        return value
    }
}
