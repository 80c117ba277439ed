import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PixoraAPI
import PixoraCore
import PixoraJobs
import PixoraStore
import PixoraTestSupport
import SQLKit
import Synchronization
import Testing

@testable import PixoraServer

/// Fails its first `failures` sends, as a mail server that is down for a while, then records.
final class FlakyMailer: Mailer {
    private let state: Mutex<(failures: Int, sent: [Mail])>
    init(failures: Int) { state = Mutex((failures, [])) }
    func send(_ mail: Mail) async throws {
        try state.withLock { state in
            if state.failures > 0 {
                state.failures -= 1
                throw MailError.connectionFailed(server: "test", reason: "down")
            }
            state.sent.append(mail)
        }
    }
    var sent: [Mail] { state.withLock { $0.sent } }
}

@Suite("Notifications from workers, and their mails", .serialized)
struct NotificationMailTests {
    /// `count` workers sharing the queue for the duration of `body`.
    func withWorkers<T: Sendable>(
        _ app: TestApp, count: Int, now: (@Sendable () -> Int64)? = nil, _ body: () async throws -> T
    ) async throws -> T {
        var settings = WorkerSettings.from(configuration: app.services.configuration.settings)
        settings.idlePoll = 0.05
        settings.expiryCheck = 0.1
        if let now { settings.now = now }
        let tasks = (0..<count).map { _ in
            let worker = Worker(
                database: app.services.database, handlers: app.services.workshop.handlers, settings: settings,
                logger: testLogger)
            return Task { await worker.run() }
        }
        defer { tasks.forEach { $0.cancel() } }
        let value = try await body()
        for task in tasks {
            task.cancel()
            await task.value
        }
        return value
    }

    /// Waits until no notification mail is waiting or being sent. Generous: on a loaded CI machine (suites in
    /// parallel, ffmpeg beside them) a worker has taken a minute to claim and send one mail.
    func mailsSettled(_ app: TestApp, timeout: Duration = .seconds(300)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let open = try await app.services.database.read { db in
                try await db.raw(
                    "SELECT COUNT(*) AS n FROM jobs WHERE kind = 'notification_mail' AND state IN ('queued', 'running')"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            if open == 0 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("notification mails still waiting")
    }

    func kinds(_ app: TestApp, _ user: String) async throws -> [NotificationKind] {
        try await app.services.database.read { db in
            try await Notifications.list(db, owner: user, limit: 100, after: nil).items.map(\.kind)
        }
    }

    @Test(
        "a mail through a real SMTP server carries the one-click unsubscribe, which works; a forged link is refused",
        arguments: TestEngine.allCases)
    func unsubscribe(engine: TestEngine) async throws {
        let server = try await SMTPTestServer()
        defer { server.stop() }
        let mailer = try SMTPMailer(
            url: "smtp://127.0.0.1:\(server.port)", from: "Pixora <no-reply@pixora.test>",
            logger: Logger(label: "pixora.test.mail"), timeout: generousSMTPTimeout)
        try await TestApp.with(engine, environment: ["PIXORA_PUBLIC_URL": "http://pixora.test"], mailer: mailer) {
            app in
            try await app.test { api in
                let ann = try await api.register("ann@example.com")
                let bob = try await api.register()
                // A title with a line break and a header of its own must stay inside the subject.
                _ = try await app.services.database.transaction { db in
                    try await Notifications.post(
                        db, userId: ann.userId, kind: .exportReady, title: "Export\r\nBcc: evil@example.com",
                        body: "Your data <b>is</b> ready.", link: "/profile", eventKey: "export_ready:1")
                }
                try await withWorkers(app, count: 1) { try await mailsSettled(app) }
                let received = try server.received()
                try #require(received.count == 1)
                let mail = received[0]
                #expect(mail.rcptTos == ["ann@example.com"])
                #expect(mail.headers["subject"] == "Pixora: Export Bcc: evil@example.com")
                #expect(mail.headers["bcc"] == nil && mail.defects.isEmpty)
                #expect(mail.headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click")
                let header = try #require(mail.headers["list-unsubscribe"])
                #expect(header.hasPrefix("<http://pixora.test/api/v1/notifications/unsubscribe?token="))
                let url = String(header.dropFirst().dropLast())
                #expect(mail.body.contains("Stop these mails with one click: \(url)"))
                #expect(
                    mail.body.contains("Your data <b>is</b> ready.") && mail.body.contains("http://pixora.test/profile")
                )
                let path = String(url.dropFirst("http://pixora.test".count))

                // The page changes nothing; a forged token (another kind, or another person) is refused.
                let page = try await api.call(.get, path)
                #expect(page.status == .ok && page.text.contains("<form method=\"post\""))
                #expect(
                    try await api.call(.get, "/api/v1/users/me/settings", session: ann).decode(UserSettings.self)
                        .notifications.exportReady.mail)
                let token = String(path.split(separator: "=", maxSplits: 1)[1])
                let signature = token.split(separator: ".")[2]
                for forged in [
                    "\(ann.userId).video_ready.\(signature)", "\(bob.userId).export_ready.\(signature)",
                    String(token.dropLast()) + (token.hasSuffix("A") ? "B" : "A"), "nonsense",
                ] {
                    let refused = try await api.call(.post, "/api/v1/notifications/unsubscribe?token=\(forged)")
                    #expect(refused.status == .badRequest && refused.errorCode == .invalidLink, "\(forged)")
                }
                for session in [ann, bob] {
                    let settings = try await api.call(.get, "/api/v1/users/me/settings", session: session)
                    #expect(try settings.decode(UserSettings.self) == UserSettings())
                }

                // One click, as a mail client sends it (RFC 8058), without signing in.
                let done = try await api.call(
                    .post, path, headers: [.contentType: "application/x-www-form-urlencoded"],
                    raw: ByteBuffer(string: "List-Unsubscribe=One-Click"))
                #expect(done.status == .ok)
                #expect(try done.decode(Schemas.Unsubscribed.self).kind == .exportReady)
                let after = try await api.call(.get, "/api/v1/users/me/settings", session: ann)
                let choices = try after.decode(UserSettings.self).notifications
                #expect(choices.exportReady == UserSettings.Channels(inApp: true, mail: false))
                #expect(choices.videoReady == UserSettings.Channels())

                // The switch is honoured: the next one is listed, not mailed.
                _ = try await app.services.database.transaction { db in
                    try await Notifications.post(
                        db, userId: ann.userId, kind: .exportReady, title: "Again", body: "Ready.", link: nil,
                        eventKey: "export_ready:2")
                }
                try await withWorkers(app, count: 1) { try await mailsSettled(app) }
                #expect(try server.received().count == 1)
                #expect(try await kinds(app, ann.userId) == [.exportReady, .exportReady])
            }
        }
    }

    @Test(
        "a mail server that fails loses nothing: the mail job retries and delivers once", arguments: TestEngine.allCases
    )
    func retries(engine: TestEngine) async throws {
        let flaky = FlakyMailer(failures: 2)
        try await TestApp.with(engine, mailer: flaky) { app in
            let user = try await app.test { api in try await api.register() }
            _ = try await app.services.database.transaction { db in
                try await Notifications.post(
                    db, userId: user.userId, kind: .exportReady, title: "Export", body: "Ready.", link: nil,
                    eventKey: "export_ready:1")
            }
            try await withWorkers(app, count: 2) { try await mailsSettled(app) }
            #expect(flaky.sent.map(\.subject) == ["Pixora: Export"])
            let job = try await app.services.database.read { db in
                try await db.raw("SELECT state, attempts FROM jobs WHERE kind = 'notification_mail'").first()
            }
            #expect(try job?.decode(column: "state", as: String.self) == "succeeded")
            #expect(try job?.decode(column: "attempts", as: Int.self) == 3)
        }
    }

    @Test(
        "two workers: a video that completes and one that fails post ready and failed (with the refund) once each",
        arguments: TestEngine.allCases)
    func videoOutcomes(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let good = try await api.createVideo(session).decode(Schemas.Video.self).id
                let bad = try await api.createVideo(session, prompt: "a 5-second video about owls").decode(
                    Schemas.Video.self
                ).id
                // A stored plan the job refuses (a scene far longer than any may be): failed for good, refunded.
                var plan = try await app.services.pipeline.plan(prompt: "owls", settings: Settings())
                plan.scenes[0].duration = 10_000
                try await app.services.database.transaction { db in
                    try await db.raw("UPDATE videos SET plan = \(bind: plan.json) WHERE id = \(bind: bad)").run()
                }
                try await withWorkers(app, count: 2) {
                    _ = try await api.waitForVideo(session, good)
                    _ = try await api.waitForVideo(session, bad)
                    try await mailsSettled(app)
                }
                let page = try await api.call(.get, "/api/v1/notifications", session: session).decode(
                    Schemas.NotificationPage.self)
                #expect(page.items.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.videoFailed, .videoReady])
                let failed = try #require(page.items.first { $0.kind == .videoFailed })
                #expect(
                    failed.body.hasSuffix("The 5 credits it cost were refunded.") && failed.link == "/videos/\(bad)")
                #expect(page.items.first { $0.kind == .videoReady }?.link == "/videos/\(good)")
                #expect(page.unread == 2)
                #expect(
                    app.mailer.mails.map(\.subject).sorted() == [
                        "Pixora: Your video could not be made", "Pixora: Your video is ready",
                    ])
                #expect(app.mailer.mails.allSatisfy { $0.unsubscribe != nil })
            }
        }
    }

    @Test(
        "the workers' expiry check warns a day ahead on an injected clock, once for two workers",
        arguments: TestEngine.allCases)
    func expiring(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            let session = try await app.test { api in try await api.register() }
            let expiry: Int64 = 1_900_000_000_000
            let video = try await Videos.create(
                in: app.services.database, owner: session.userId,
                NewVideo(
                    title: "Owls", prompt: "owls", settings: Settings().json, plan: nil, price: 5, idempotencyKey: nil,
                    jobPayload: "{}", maxAttempts: 3),
                jobKind: .generateVideo
            ).video
            try await app.services.database.transaction { db in
                try await db.raw("UPDATE jobs SET state = 'succeeded' WHERE video_id = \(bind: video.id)").run()
                try await Videos.setOutput(db, id: video.id, videoKey: "k", thumbnailKey: "t", duration: 5, version: 1)
                try await Videos.complete(db, id: video.id, expiresAt: expiry)
            }
            let clock = Atomic<Int64>(expiry - Notifications.expiryWarning - 3_600_000)
            try await withWorkers(app, count: 2, now: { clock.load(ordering: .relaxed) }) {
                try await Task.sleep(for: .milliseconds(500))
                #expect(try await kinds(app, session.userId).isEmpty)
                clock.store(expiry - Notifications.expiryWarning + 60_000, ordering: .relaxed)
                let deadline = ContinuousClock.now + .seconds(600)
                while try await kinds(app, session.userId).isEmpty, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                try await Task.sleep(for: .milliseconds(500))
                try await mailsSettled(app)
            }
            #expect(try await kinds(app, session.userId) == [.videoExpiring])
            #expect(app.mailer.mails.map(\.subject) == ["Pixora: Your video expires soon"])
        }
    }
}
