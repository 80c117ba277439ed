import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PixoraAPI
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Synchronization
import Testing

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let millis: Mutex<Int64>
    init(_ start: Int64 = 1_900_000_000_000) { millis = Mutex(start) }
    var now: Int64 { millis.withLock { $0 } }
    func advance(seconds: Double) { millis.withLock { $0 += Int64(seconds * 1000) } }
}

/// A finished video as the share routes see it: its files in the media folder, made by ffmpeg.
struct SharedFixture {
    var id: String
    var video: Data
    var thumbnail: Data
}

extension TestApp {
    /// Runs `body` against a router whose clock is `clock`.
    func test<T: Sendable>(clock: TestClock, _ body: @Sendable (API) async throws -> T) async throws -> T {
        var services = services
        services.now = { clock.now }
        return try await Application(router: buildRouter(services).0, logger: testLogger).test(.router) { client in
            try await body(API(client: client))
        }
    }

    /// A video of `session`'s made finished without a worker: a 2 s test picture with sound and a thumbnail.
    func finishedVideo(_ api: API, _ session: Session, title: String = "Bees at work", expiresAt: Int64? = nil)
        async throws -> SharedFixture
    {
        let id = try await api.createVideo(session).decode(Schemas.Video.self).id
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("share-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let mp4 = scratch.appendingPathComponent("v.mp4")
        let jpg = scratch.appendingPathComponent("v.jpg")
        try await ffmpegFixture(
            [
                "-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2", "-f", "lavfi", "-i", "sine=frequency=440:d=2",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                "-movflags", "+faststart",
            ], to: mp4)
        try await ffmpegFixture(["-f", "lavfi", "-i", "testsrc2=s=320x180", "-frames:v", "1"], to: jpg)
        let (video, thumbnail) = (try Data(contentsOf: mp4), try Data(contentsOf: jpg))
        let videoKey = MediaFolder.videoKey(video: id, version: 1)
        let thumbnailKey = MediaFolder.thumbnailKey(video: id, version: 1)
        try services.media.place(mp4, as: videoKey)
        try services.media.place(jpg, as: thumbnailKey)
        try await services.database.transaction { db in
            try await Jobs.cancel(db, video: id)
            try await db.raw("UPDATE videos SET title = \(bind: title) WHERE id = \(bind: id)").run()
            try await Videos.setOutput(
                db, id: id, videoKey: videoKey, thumbnailKey: thumbnailKey, duration: 2, version: 1)
            try await Videos.complete(db, id: id, expiresAt: expiresAt)
        }
        return SharedFixture(id: id, video: video, thumbnail: thumbnail)
    }
}

extension Reply {
    /// The path of an absolute URL the API returned, to call on the test router.
    static func path(_ url: String?) throws -> String {
        try #require(url.flatMap(URLComponents.init(string:))?.path)
    }
}

@Suite("Share links")
struct ShareLinkAPITests {
    static let base = "https://videos.example.com"
    /// The public URL with a final slash, as an operator may write it.
    static let environment = ["PIXORA_PUBLIC_URL": base + "/"]

    @Test(
        "a link opens the page, the video with byte ranges and the thumbnail signed out; views count page loads",
        arguments: TestEngine.allCases)
    func opens(engine: TestEngine) async throws {
        try await TestApp.with(engine, environment: Self.environment) { app in
            let clock = TestClock()
            try await app.test(clock: clock) { api in
                let session = try await api.register()
                let fixture = try await app.finishedVideo(api, session)
                let created = try await api.call(
                    .post, "/api/v1/videos/\(fixture.id)/shares", session: session, json: ["expiresInSeconds": 3600])
                #expect(created.status == .created)
                let share = try created.decode(Schemas.Share.self)
                let url = try #require(share.url)
                let token = String(url.dropFirst("\(Self.base)/s/".count))
                #expect(url.hasPrefix("\(Self.base)/s/") && token.count == 43 && !token.contains("/"))
                #expect(share.videoUrl == url + "/video.mp4" && share.thumbnailUrl == url + "/thumbnail.jpg")
                #expect(share.expiresAt.timeIntervalSince1970 * 1000 == Double(clock.now + 3_600_000))
                #expect(share.createdAt.timeIntervalSince1970 * 1000 == Double(clock.now) && share.views == 0)

                // The database holds the token's hash and the seed, never the token.
                let row = try await app.services.database.read { db in
                    try #require(
                        try await db.raw("SELECT * FROM video_shares WHERE id = \(bind: share.id)").first())
                }
                let hash = try row.decode(column: "token_hash", as: String.self)
                #expect(hash == SecretToken.hash(token))
                for column in ["id", "video_id", "user_id", "token_hash", "seed"] {
                    #expect(try row.decode(column: column, as: String.self).contains(token) == false, "\(column)")
                }

                // Signed out: no Authorization header, no access link.
                let page = try await api.call(.get, try Reply.path(url))
                #expect(page.status == .ok)
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.headers[.cacheControl] == "no-store")
                let html = page.text
                #expect(html.contains("<meta property=\"og:video\" content=\"\(url)/video.mp4\">"))
                #expect(html.contains("<meta property=\"og:image\" content=\"\(url)/thumbnail.jpg\">"))
                #expect(html.contains("<meta property=\"og:title\" content=\"Bees at work\">"))
                #expect(html.contains("<meta property=\"og:url\" content=\"\(url)\">"))
                #expect(html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
                #expect(html.contains("<video controls") && html.contains("src=\"\(url)/video.mp4\""))
                // Nothing else of the owner: not the account, the video's id or the prompt.
                for secret in [session.userId, fixture.id, "bees making honey", "@example.com"] {
                    #expect(!html.contains(secret), "\(secret)")
                }

                let whole = try await api.call(.get, try Reply.path(share.videoUrl))
                #expect(whole.status == .ok && whole.headers[.contentType] == "video/mp4")
                #expect(Data(whole.body.readableBytesView) == fixture.video)
                #expect(whole.headers[.cacheControl] == "no-store" && whole.headers[.acceptRanges] == "bytes")
                let size = fixture.video.count
                let range = try await api.call(
                    .get, try Reply.path(share.videoUrl), headers: [.range: "bytes=100-1099"])
                #expect(range.status == .partialContent)
                #expect(range.headers[.contentRange] == "bytes 100-1099/\(size)")
                #expect(Data(range.body.readableBytesView) == fixture.video[100...1099])
                let tail = try await api.call(.get, try Reply.path(share.videoUrl), headers: [.range: "bytes=-500"])
                #expect(
                    tail.status == .partialContent && Data(tail.body.readableBytesView) == fixture.video.suffix(500))
                let outside = try await api.call(
                    .get, try Reply.path(share.videoUrl), headers: [.range: "bytes=\(size)-"])
                #expect(outside.status == .rangeNotSatisfiable && outside.headers[.contentRange] == "bytes */\(size)")
                let probed = try await probe(Data(whole.body.readableBytesView))
                #expect(abs(probed.duration - 2) < 0.1 && probed.streams.sorted() == ["audio", "video"])

                let thumbnail = try await api.call(.get, try Reply.path(share.thumbnailUrl))
                #expect(thumbnail.status == .ok && thumbnail.headers[.contentType] == "image/jpeg")
                #expect(Data(thumbnail.body.readableBytesView) == fixture.thumbnail)

                // One page view so far: the video and thumbnail requests are not views.
                let list = try await api.call(.get, "/api/v1/videos/\(fixture.id)/shares", session: session)
                #expect(try list.decode(Schemas.ShareList.self).shares.map(\.views) == [1])
                _ = try await api.call(.get, try Reply.path(url))
                let again = try await api.call(.get, "/api/v1/videos/\(fixture.id)/shares", session: session)
                let listed = try again.decode(Schemas.ShareList.self).shares
                #expect(listed.map(\.views) == [2] && listed.map(\.url) == [url] && listed.map(\.id) == [share.id])
                let views = try await app.services.database.read { db in
                    try await db.raw("SELECT views FROM video_shares WHERE id = \(bind: share.id)").first()?
                        .decode(column: "views", as: Int.self)
                }
                #expect(views == 2)
            }
        }
    }

    @Test(
        "a revoked link answers 404 at once, exactly as a token that never existed", arguments: TestEngine.allCases)
    func revokes(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let fixture = try await app.finishedVideo(api, session)
                let base = "/api/v1/videos/\(fixture.id)/shares"
                let kept = try await api.call(.post, base, session: session).decode(Schemas.Share.self)
                let share = try await api.call(.post, base, session: session).decode(Schemas.Share.self)
                let page = try Reply.path(share.url)
                #expect(try await api.call(.get, page).status == .ok)
                #expect(try await api.call(.get, try Reply.path(share.videoUrl)).status == .ok)

                let revoked = try await api.call(.delete, "\(base)/\(share.id)", session: session)
                #expect(revoked.status == .noContent)
                let gone = try await api.call(.get, page)
                let unknown = try await api.call(.get, "/s/" + String(repeating: "A", count: 43))
                let malformed = try await api.call(.get, "/s/not-a-token")
                #expect(gone.status == .notFound && unknown.status == .notFound && malformed.status == .notFound)
                #expect(gone.text == unknown.text && gone.text == malformed.text)
                #expect(gone.headers[.contentType] == unknown.headers[.contentType])
                for suffix in ["/video.mp4", "/thumbnail.jpg"] {
                    let file = try await api.call(.get, page + suffix, headers: [.range: "bytes=0-99"])
                    let never = try await api.call(.get, "/s/" + String(repeating: "A", count: 43) + suffix)
                    #expect(file.status == .notFound && file.errorCode == .notFound, "\(suffix)")
                    #expect(file.errorMessage == never.errorMessage && never.errorCode == .notFound, "\(suffix)")
                }
                let rows = try await app.services.database.read { db in
                    try await db.raw("SELECT id FROM video_shares").all().map {
                        try $0.decode(column: "id", as: String.self)
                    }
                }
                #expect(rows == [kept.id])
                let list = try await api.call(.get, base, session: session).decode(Schemas.ShareList.self)
                #expect(list.shares.map(\.id) == [kept.id])
                #expect(try await api.call(.delete, "\(base)/\(share.id)", session: session).status == .notFound)
                // The other link still opens; deleting the video closes it too.
                #expect(try await api.call(.get, try Reply.path(kept.url)).status == .ok)
                #expect(
                    try await api.call(.delete, "/api/v1/videos/\(fixture.id)", session: session).status == .noContent)
                #expect(try await api.call(.get, try Reply.path(kept.url)).status == .notFound)
                #expect(try await count(app, "video_shares") == 0)
            }
        }
    }

    @Test(
        "a link expires with the clock (410) and never outlives the video's retention", arguments: TestEngine.allCases)
    func expires(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            let clock = TestClock()
            try await app.test(clock: clock) { api in
                let session = try await api.register()
                let fixture = try await app.finishedVideo(api, session)
                let base = "/api/v1/videos/\(fixture.id)/shares"
                let week = try await api.call(.post, base, session: session).decode(Schemas.Share.self)
                #expect(week.expiresAt.timeIntervalSince1970 * 1000 == Double(clock.now + 7 * 86_400_000))
                clock.advance(seconds: 1)
                let minute = try await api.call(.post, base, session: session, json: ["expiresInSeconds": 60])
                    .decode(Schemas.Share.self)
                let page = try Reply.path(minute.url)
                clock.advance(seconds: 59)
                #expect(try await api.call(.get, page).status == .ok)
                clock.advance(seconds: 1)
                let expired = try await api.call(.get, page)
                #expect(expired.status == .gone && expired.text.contains("This link has expired"))
                let file = try await api.call(.get, try Reply.path(minute.videoUrl))
                #expect(file.status == .gone && file.errorCode == .expired)
                #expect(try await api.call(.get, try Reply.path(minute.thumbnailUrl)).status == .gone)
                #expect(try await api.call(.get, try Reply.path(week.url)).status == .ok)
                // The expired link is still listed, with the one view it had, until revoked.
                let listed = try await api.call(.get, base, session: session).decode(Schemas.ShareList.self)
                #expect(listed.shares.map(\.id) == [minute.id, week.id] && listed.shares.map(\.views) == [1, 1])

                // A video whose files go in an hour gets links that end with them.
                let ending = clock.now + 3_600_000
                let short = try await app.finishedVideo(api, session, expiresAt: ending)
                let capped = try await api.call(
                    .post, "/api/v1/videos/\(short.id)/shares", session: session, json: ["expiresInSeconds": 86_400])
                #expect(
                    try capped.decode(Schemas.Share.self).expiresAt.timeIntervalSince1970 * 1000 == Double(ending))
                // Once the video expired (its files deleted), its links answer 410 and no new one is made.
                try await app.services.database.read { db in
                    try await db.raw(
                        """
                        UPDATE videos SET status = 'expired', video_key = NULL, thumbnail_key = NULL
                        WHERE id = \(bind: short.id)
                        """
                    ).run()
                }
                let link = try capped.decode(Schemas.Share.self)
                #expect(try await api.call(.get, try Reply.path(link.url)).status == .gone)
                #expect(try await api.call(.get, try Reply.path(link.videoUrl)).errorCode == .expired)
                let refused = try await api.call(.post, "/api/v1/videos/\(short.id)/shares", session: session)
                #expect(refused.status == .gone && refused.errorCode == .expired)
            }
        }
    }

    @Test(
        "only the owner's finished video can be shared, listed or revoked; bad lifetimes are refused",
        arguments: TestEngine.allCases)
    func owner(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let other = try await api.register()
                let fixture = try await app.finishedVideo(api, session)
                let base = "/api/v1/videos/\(fixture.id)/shares"
                let share = try await api.call(.post, base, session: session).decode(Schemas.Share.self)

                #expect(try await api.call(.post, base, session: other).status == .notFound)
                #expect(try await api.call(.get, base, session: other).status == .notFound)
                #expect(try await api.call(.delete, "\(base)/\(share.id)", session: other).status == .notFound)
                // Another user's share id under their own video is not found either.
                let theirs = try await app.finishedVideo(api, other)
                let crossed = try await api.call(
                    .delete, "/api/v1/videos/\(theirs.id)/shares/\(share.id)", session: other)
                #expect(crossed.status == .notFound)
                #expect(try await api.call(.post, base).status == .unauthorized)
                #expect(try await api.call(.get, try Reply.path(share.url)).status == .ok)
                #expect(try await count(app, "video_shares") == 1)

                // A video still being made has nothing to show.
                let queued = try await api.createVideo(session).decode(Schemas.Video.self).id
                let early = try await api.call(.post, "/api/v1/videos/\(queued)/shares", session: session)
                #expect(early.status == .conflict && early.errorCode == .videoNotReady)
                #expect(early.errorMessage?.contains("only a finished video can be shared") == true)

                let refused: [Any] = [59, 2_592_001, -1, "soon", 1.5]
                for bad in refused {
                    let reply = try await api.call(.post, base, session: session, json: ["expiresInSeconds": bad])
                    #expect(reply.status == .unprocessableContent, "\(bad)")
                    #expect(reply.errorMessage?.contains("expiresInSeconds") == true, "\(bad)")
                }
                let notJSON = try await api.call(.post, base, session: session, raw: ByteBuffer(string: "week"))
                #expect(notJSON.status == .badRequest && notJSON.errorCode == .invalidJson)
                #expect(try await count(app, "video_shares") == 1)

                // At most 20 links a video.
                for _ in 1..<20 { #expect(try await api.call(.post, base, session: session).status == .created) }
                let full = try await api.call(.post, base, session: session)
                #expect(full.status == .conflict && full.errorCode == .conflict)
                #expect(try await count(app, "video_shares") == 20)
            }
        }
    }

    @Test("a hostile title is escaped on the share page", arguments: TestEngine.allCases)
    func hostileTitle(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let title = "\"><script>alert(1)</script><img src=x onerror=alert(2)> Tom & 'Jerry'\u{1F}\r\nx"
                let fixture = try await app.finishedVideo(api, session, title: title)
                let share = try await api.call(.post, "/api/v1/videos/\(fixture.id)/shares", session: session)
                    .decode(Schemas.Share.self)
                let html = try await api.call(.get, try Reply.path(share.url)).text
                #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("\u{1F}"))
                let escaped =
                    "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; Tom"
                    + " &amp; &#39;Jerry&#39; x"
                #expect(html.contains("<meta property=\"og:title\" content=\"\(escaped)\">"))
                #expect(html.contains("<h1><bdi>\(escaped)</bdi></h1>"))
                #expect(html.contains("<title>\(escaped) · Pixora</title>"))
                #expect(
                    try await api.call(.get, try Reply.path(share.url)).headers[.init("Content-Security-Policy")!]?
                        .contains("default-src 'none'") == true)
            }
        }
    }

    @Test(
        "after the server's secret changes, a link still opens but its owner's list cannot show its address",
        arguments: TestEngine.allCases)
    func secretChanged(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            let email = "rotate-\(UUID().uuidString.prefix(8))@example.com"
            let (video, share) = try await app.test { api in
                let session = try await api.register(email)
                let fixture = try await app.finishedVideo(api, session)
                let share = try await api.call(.post, "/api/v1/videos/\(fixture.id)/shares", session: session)
                    .decode(Schemas.Share.self)
                return (fixture.id, share)
            }
            let configuration = try ServerConfiguration.from(
                environment: [
                    "PIXORA_JWT_SECRET": "another-secret-that-is-long-enough-for-hs256-9876543210",
                    "PIXORA_BCRYPT_COST": "4",
                ], dataFolder: app.services.configuration.dataFolder)
            let rotated = await AppServices(
                configuration: configuration, database: app.services.database, mailer: RecordingMailer(),
                pipeline: app.services.pipeline, logger: testLogger)
            try await Application(router: buildRouter(rotated).0, logger: testLogger).test(.router) { client in
                let api = API(client: client)
                let login = try await api.call(
                    .post, "/api/v1/auth/login", json: ["email": email, "password": "correct horse"])
                let session = Session(try login.decode(Schemas.Session.self))
                let list = try await api.call(.get, "/api/v1/videos/\(video)/shares", session: session)
                let listed = try #require(try list.decode(Schemas.ShareList.self).shares.first)
                #expect(listed.id == share.id && listed.views == 0)
                #expect(listed.url == nil && listed.videoUrl == nil && listed.thumbnailUrl == nil)
                #expect(try await api.call(.get, try Reply.path(share.url)).status == .ok)
                #expect(try await api.call(.get, try Reply.path(share.videoUrl)).status == .ok)
            }
        }
    }

    @Test("the public share routes are rate-limited per address", arguments: TestEngine.allCases)
    func rateLimited(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            let clock = TestClock()
            try await app.test(clock: clock) { api in
                let unknown = "/s/" + String(repeating: "B", count: 43)
                for index in 0..<300 {
                    let path = index.isMultiple(of: 2) ? unknown : unknown + "/video.mp4"
                    let reply = try await api.call(.get, path)
                    if reply.status != .notFound { throw TestFailure("request \(index): \(reply.status)") }
                }
                let page = try await api.call(.get, unknown)
                #expect(page.status == .tooManyRequests && page.headers[.retryAfter] == "60")
                let file = try await api.call(.get, unknown + "/video.mp4")
                #expect(file.status == .tooManyRequests && file.errorCode == .rateLimited)
                clock.advance(seconds: 60)
                #expect(try await api.call(.get, unknown).status == .notFound)
            }
        }
    }
}

/// Rows in a table.
private func count(_ app: TestApp, _ table: String) async throws -> Int {
    try await app.services.database.read { db in
        try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self)
            ?? -1
    }
}
