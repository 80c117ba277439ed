import Foundation
import HTTPTypes
import PixoraAPI
import PixoraCore
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Plan limits where work is accepted")
struct PlanLimitAPITests {
    /// The refusal's details, checked, and the account's money: balance = ledger sum, unchanged.
    /// The details of a `plan_limit` refusal (`PlanLimitError`).
    struct Refusal: Decodable {
        struct Body: Decodable {
            struct Details: Decodable {
                var limit: String
                var plan: String
                var value: JSONValue
                var requested: JSONValue
                var item: Int?
            }
            var details: Details
        }
        var error: Body
    }

    func expectRefused(
        _ reply: Reply, limit: String, plan: String = "tiny", value: JSONValue, requested: JSONValue,
        app: TestApp, user: String, balance: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        #expect(reply.status == .forbidden, "\(reply.text)", sourceLocation: sourceLocation)
        #expect(reply.errorCode == .planLimit, sourceLocation: sourceLocation)
        let details = try reply.decode(Refusal.self).error.details
        #expect(details.limit == limit && details.plan == plan, sourceLocation: sourceLocation)
        #expect(details.value == value && details.requested == requested, sourceLocation: sourceLocation)
        try await expectBalance(app, user: user, balance, sourceLocation: sourceLocation)
    }

    func expectBalance(
        _ app: TestApp, user: String, _ balance: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let (stored, sum) = try await app.services.database.read { db in
            (try await CreditLedger.balance(db, user: user), try await CreditLedger.ledgerSum(db, user: user))
        }
        #expect(stored == balance && sum == balance, sourceLocation: sourceLocation)
    }

    func video(_ seconds: Int, _ quality: String) -> [String: Any] {
        ["prompt": "a video about bees", "settings": ["durationSeconds": seconds, "quality": quality]]
    }

    @Test(
        "length, quality and generations at once are refused with 403 plan_limit, charging nothing",
        arguments: TestEngine.allCases)
    func videoLimits(engine: TestEngine) async throws {
        try await PlanFixtures.with(engine) { app, api, admin, session in
            let user = session.userId
            let long = try await api.call(.post, "/api/v1/videos", session: session, json: video(20, "480p"))
            try await expectRefused(
                long, limit: "maxDurationSeconds", value: .number(10), requested: .number(20), app: app, user: user,
                balance: 100)
            let sharp = try await api.call(.post, "/api/v1/videos", session: session, json: video(5, "720p"))
            try await expectRefused(
                sharp, limit: "maxQuality", value: .string("480p"), requested: .string("720p"), app: app,
                user: user, balance: 100)
            let batchLong = try await api.call(
                .post, "/api/v1/videos/batch", session: session,
                json: ["items": [video(5, "480p"), video(30, "480p")]])
            #expect(batchLong.status == .forbidden && batchLong.errorCode == .planLimit)
            #expect(try batchLong.decode(Refusal.self).error.details.item == 1, "\(batchLong.text)")
            let batch = try await api.call(
                .post, "/api/v1/videos/batch", session: session,
                json: ["items": [video(5, "480p"), video(5, "480p")]])
            try await expectRefused(
                batch, limit: "concurrentJobs", value: .number(1), requested: .number(2), app: app, user: user,
                balance: 100)
            #expect(
                try await app.services.database.read { db in
                    try await db.raw("SELECT id FROM videos WHERE user_id = \(bind: user)").all().count
                } == 0)

            let first = try await api.call(.post, "/api/v1/videos", session: session, json: video(5, "480p"))
            #expect(first.status == .created)
            try await expectBalance(app, user: user, 95)
            let second = try await api.call(.post, "/api/v1/videos", session: session, json: video(5, "480p"))
            try await expectRefused(
                second, limit: "concurrentJobs", value: .number(1), requested: .number(2), app: app, user: user,
                balance: 95)

            // The guided studio: the project's settings, then the models a step picks.
            let studio = try await api.call(
                .post, "/api/v1/projects", session: session,
                json: ["kind": "studio", "topic": "bees", "settings": ["durationSeconds": 30, "quality": "480p"]])
            try await expectRefused(
                studio, limit: "maxDurationSeconds", value: .number(10), requested: .number(30), app: app,
                user: user,
                balance: 95)
            // A remix upload queues an analysis: one generation too many while the video waits.
            var upload = MultipartBody()
            upload.text("kind", "remix")
            upload.file("sample", try await ProjectFixtures.sample, filename: "sample.mp4", type: "video/mp4")
            let remix = try await api.upload(session, upload)
            try await expectRefused(
                remix, limit: "concurrentJobs", value: .number(1), requested: .number(2), app: app, user: user,
                balance: 95)

            // A paused video frees its slot; resuming it takes the slot back, so it waits for a free one.
            let firstID = try first.decode(Schemas.Video.self).id
            let paused = try await api.call(.post, "/api/v1/videos/\(firstID)/pause", session: session)
            #expect(paused.status == .ok, "\(paused.text)")
            let other = try await api.call(.post, "/api/v1/videos", session: session, json: video(5, "480p"))
            #expect(other.status == .created, "\(other.text)")
            let resumed = try await api.call(.post, "/api/v1/videos/\(firstID)/resume", session: session)
            try await expectRefused(
                resumed, limit: "concurrentJobs", value: .number(1), requested: .number(2), app: app, user: user,
                balance: 90)
            let still = try await api.call(.get, "/api/v1/videos/\(firstID)", session: session)
            #expect(try still.decode(Schemas.Video.self).status == .paused)
            let otherID = try other.decode(Schemas.Video.self).id
            #expect(try await api.call(.post, "/api/v1/videos/\(otherID)/cancel", session: session).status == .ok)
            let again = try await api.call(.post, "/api/v1/videos/\(firstID)/resume", session: session)
            #expect(again.status == .ok, "\(again.text)")
            #expect(try again.decode(Schemas.Video.self).status == .queued)
            try await expectBalance(app, user: user, 95)
        }
    }

    @Test(
        "a studio step, a regeneration and a version beyond the plan are refused",
        arguments: TestEngine.allCases)
    func editingLimits(engine: TestEngine) async throws {
        try await PlanFixtures.with(engine) { app, api, admin, session in
            let user = session.userId
            let studio = try await api.call(
                .post, "/api/v1/projects", session: session,
                json: ["kind": "studio", "topic": "bees", "settings": ["durationSeconds": 8, "quality": "480p"]])
            #expect(studio.status == .created, "\(studio.text)")
            let project = try studio.decode(Schemas.Project.self).id
            let id = try await api.createVideo(session).decode(Schemas.Video.self).id
            _ = try await app.withWorker { try await api.waitForVideo(session, id) }
            // Another video waits in the queue: the one generation Tiny runs at a time.
            let waiting = try await api.createVideo(session)
            #expect(waiting.status == .created)
            try await expectBalance(app, user: user, 90)
            let step = try await api.call(
                .post, "/api/v1/projects/\(project)/steps/idea", session: session, json: [:])
            try await expectRefused(
                step, limit: "concurrentJobs", value: .number(1), requested: .number(2), app: app, user: user,
                balance: 90)
            let scenes = try await api.call(.get, "/api/v1/videos/\(id)/scenes", session: session)
            let scene = try #require(try scenes.decode(Schemas.SceneList.self).scenes.first)
            let regen = try await api.call(
                .post, "/api/v1/videos/\(id)/scenes/\(scene.id)", session: session, json: ["regenerate": "visual"])
            try await expectRefused(
                regen, limit: "concurrentJobs", value: .number(1), requested: .number(2), app: app, user: user,
                balance: 90)
            let versions = try await api.call(.get, "/api/v1/videos/\(id)/versions", session: session)
            let first = try #require(try versions.decode(Schemas.VersionList.self).versions.first)
            let detail = try await api.call(.get, "/api/v1/videos/\(id)/versions/\(first.id)", session: session)
            let state = try #require(try detail.decode(Schemas.Version.self).editorState)
            let saved = try await api.call(
                .post, "/api/v1/videos/\(id)/versions", session: session,
                json: ["editorState": try api.object(state)])
            try await expectRefused(
                saved, limit: "concurrentJobs", value: .number(1), requested: .number(2), app: app, user: user,
                balance: 90)

            // A paused studio step frees the slot; resuming it while the video holds the slot again is refused.
            let waitingID = try waiting.decode(Schemas.Video.self).id
            let base = "/api/v1/projects/\(project)/steps/idea"
            #expect(try await api.call(.post, "/api/v1/videos/\(waitingID)/pause", session: session).status == .ok)
            let run = try await api.call(.post, base, session: session, json: [:])
            #expect(run.status == .accepted, "\(run.text)")
            #expect(try await api.call(.post, base + "/pause", session: session).status == .ok)
            #expect(try await api.call(.post, "/api/v1/videos/\(waitingID)/resume", session: session).status == .ok)
            let balance = try await api.balance(session)
            let resumed = try await api.call(.post, base + "/resume", session: session)
            try await expectRefused(
                resumed, limit: "concurrentJobs", value: .number(1), requested: .number(2), app: app, user: user,
                balance: balance)
            let after = try await api.call(.get, "/api/v1/projects/\(project)", session: session)
            #expect(try api.step(after.decode(Schemas.Project.self), .idea).state == .paused)
        }
    }

    @Test(
        "more generations in an hour than the plan allows: 429 with Retry-After from the oldest in the window",
        arguments: TestEngine.allCases)
    func hourly(engine: TestEngine) async throws {
        try await PlanFixtures.with(engine) { app, api, admin, session in
            let moved = try await api.call(
                .put, "/api/v1/admin/users/\(session.userId)/plan", session: admin, json: ["plan": "hourly"])
            #expect(moved.status == .ok, "\(moved.text)")
            let start: Int64 = 1_900_000_000_000
            for minute in [0, 10, 20] {
                let reply = try await Clock.$fixedMillis.withValue(start + Int64(minute) * 60_000) {
                    try await api.call(.post, "/api/v1/videos", session: session, json: video(5, "480p"))
                }
                #expect(reply.status == .created, "\(reply.text)")
            }
            let refused = try await Clock.$fixedMillis.withValue(start + 30 * 60_000) {
                try await api.call(.post, "/api/v1/videos", session: session, json: video(5, "480p"))
            }
            #expect(refused.status == .tooManyRequests && refused.errorCode == .rateLimited)
            // The first generation leaves the hour 30 minutes from now.
            #expect(refused.headers[.retryAfter] == "1800")
            try await expectBalance(app, user: session.userId, 85)
            let later = try await Clock.$fixedMillis.withValue(start + 60 * 60_000 + 1) {
                try await api.call(.post, "/api/v1/videos", session: session, json: video(5, "480p"))
            }
            #expect(later.status == .created, "\(later.text)")
            try await expectBalance(app, user: session.userId, 80)
        }
    }

    /// Sends `count` creates at once; their statuses.
    func race(_ api: API, _ session: Session, _ count: Int) async throws -> [HTTPResponse.Status] {
        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await api.call(.post, "/api/v1/videos", session: session, json: video(5, "480p")).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test(
        "creates racing for the last slot, at once or in the hour: exactly one is accepted",
        arguments: TestEngine.allCases)
    func lastSlotRace(engine: TestEngine) async throws {
        try await PlanFixtures.with(engine) { app, api, admin, session in
            func generations(_ user: String) async throws -> (jobs: Int, videos: Int) {
                try await app.services.database.read { db in
                    let jobs = try await db.raw("SELECT id FROM jobs WHERE user_id = \(bind: user)").all().count
                    let videos = try await db.raw("SELECT id FROM videos WHERE user_id = \(bind: user)").all().count
                    return (jobs, videos)
                }
            }
            // Tiny runs one generation at a time: eight creates race for it.
            let once = try await race(api, session, 8)
            #expect(once.filter { $0 == .created }.count == 1, "\(once)")
            #expect(once.filter { $0 == .forbidden }.count == 7, "\(once)")
            try await expectBalance(app, user: session.userId, 95)
            #expect(try await generations(session.userId) == (1, 1))

            // Hourly makes three an hour: two made, eight race for the third.
            let hourly = try await api.register()
            let moved = try await api.call(
                .put, "/api/v1/admin/users/\(hourly.userId)/plan", session: admin, json: ["plan": "hourly"])
            #expect(moved.status == .ok)
            for _ in 0..<2 {
                #expect(
                    try await api.call(.post, "/api/v1/videos", session: hourly, json: video(5, "480p")).status
                        == .created)
            }
            let third = try await race(api, hourly, 8)
            #expect(third.filter { $0 == .created }.count == 1, "\(third)")
            #expect(third.filter { $0 == .tooManyRequests }.count == 7, "\(third)")
            try await expectBalance(app, user: hourly.userId, 85)
            #expect(try await generations(hourly.userId) == (3, 3))
        }
    }

    @Test("with billing off nothing is limited", arguments: TestEngine.allCases)
    func billingOff(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let reply = try await api.call(
                    .post, "/api/v1/videos/batch", session: session,
                    json: ["items": [video(40, "1080p"), video(40, "1080p")]])
                #expect(reply.status == .created, "\(reply.text)")
                try await expectBalance(app, user: session.userId, 20)
            }
        }
    }
}
