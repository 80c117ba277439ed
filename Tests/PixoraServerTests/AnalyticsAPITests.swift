import Foundation
import HummingbirdTesting
import PixoraAPI
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Analytics through the API")
struct AnalyticsAPITests {
    static let march = "from=\(AnalyticsHistory.from)&to=\(AnalyticsHistory.to)"

    /// Three accounts (the first is the administrator) and the known history of the second and third.
    static func seeded(_ app: TestApp, _ api: API) async throws -> (admin: Session, owner: Session, other: Session) {
        let admin = try await api.register()
        let owner = try await api.register()
        let other = try await api.register()
        let database = app.services.database
        let users = try await database.read { db in
            (try await Users.find(db, id: owner.userId), try await Users.find(db, id: other.userId))
        }
        _ = try await AnalyticsHistory.write(
            to: database, owner: try #require(users.0), other: try #require(users.1))
        return (admin, owner, other)
    }

    @Test(
        "the caller's analytics of a known history: exact figures, from their own rows only",
        arguments: TestEngine.allCases)
    func mine(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let (_, owner, other) = try await Self.seeded(app, api)
                let reply = try await api.call(.get, "/api/v1/users/me/analytics?\(Self.march)", session: owner)
                #expect(reply.status == .ok)
                let body = try reply.decode(Schemas.Analytics.self)
                #expect(body.from == "2026-03-01" && body.to == "2026-03-04")
                #expect(
                    body.days.map {
                        "\($0.date) c\($0.completed) f\($0.failed) q\($0.queued) x\($0.cancelled) =\($0.total)"
                    }
                        == [
                            "2026-03-01 c1 f1 q0 x0 =2", "2026-03-02 c0 f0 q0 x0 =0", "2026-03-03 c1 f0 q1 x0 =2",
                            "2026-03-04 c0 f0 q0 x1 =1",
                        ])
                let totals = body.totals
                #expect(totals.videos == 5 && totals.succeeded == 2 && totals.failed == 1)
                #expect(totals.successRate == 0.6667 && totals.secondsProduced == 18)
                // Their sign-up grants came when they registered (today), not in March: only the adjustment counts.
                #expect(totals.creditsSpent == 28 && totals.creditsGranted == 20 && totals.providerCostUsd == 0.595)
                #expect(
                    body.stages.map {
                        "\($0.stage.rawValue) \($0.count) \($0.meanSeconds ?? -1) \($0.p50Seconds ?? -1) \($0.p95Seconds ?? -1)"
                    }
                        == [
                            "plan 2 1.75 1.5 2.0", "voices 2 4.0 3.0 5.0", "pictures 2 5.0 4.0 6.0",
                            "clips 2 8.0 7.0 9.0",
                            "music 2 1.125 1.0 1.25", "render 2 15.0 10.0 20.0",
                        ])
                #expect(
                    body.credits.map { "\($0.kind.rawValue) \($0.charged) \($0.refunded) \($0.spent)" } == [
                        "videos 36 12 24", "scenes 4 0 4", "studio 3 3 0", "adjustments 0 0 0",
                    ])
                #expect(
                    body.models.first.map { "\($0.provider) \($0.model) \($0.kind.rawValue) \($0.costUsd)" }
                        == "fal.ai fal.ai:kling clip 0.475")
                #expect(body.models.count == 5)
                #expect(
                    body.providers.map { "\($0.provider) \($0.assets) \($0.costUsd)" } == [
                        "fal.ai 3 0.595", "embedded 4 0.0",
                    ])

                let theirs = try await api.call(.get, "/api/v1/users/me/analytics?\(Self.march)", session: other)
                    .decode(Schemas.Analytics.self)
                #expect(theirs.totals.videos == 1 && theirs.totals.failed == 1 && theirs.totals.successRate == 0)
                #expect(theirs.models.isEmpty && theirs.providers.isEmpty && theirs.totals.creditsSpent == 0)
                #expect(theirs.stages.allSatisfy { $0.count == 0 && $0.meanSeconds == nil })

                let anonymous = try await api.call(.get, "/api/v1/users/me/analytics?\(Self.march)")
                #expect(anonymous.status == .unauthorized)
            }
        }
    }

    @Test(
        "administrators see every user's figures, the queue and the accounts; anyone else gets 403",
        arguments: TestEngine.allCases)
    func admin(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let (admin, owner, _) = try await Self.seeded(app, api)
                let denied = try await api.call(.get, "/api/v1/admin/analytics?\(Self.march)", session: owner)
                #expect(denied.status == .forbidden && denied.errorCode == .forbidden)

                let reply = try await api.call(.get, "/api/v1/admin/analytics?\(Self.march)", session: admin)
                #expect(reply.status == .ok)
                let body = try reply.decode(Schemas.AdminAnalytics.self)
                #expect(body.summary.days.map(\.total) == [2, 1, 2, 1])
                #expect(body.summary.totals.videos == 6 && body.summary.totals.failed == 2)
                #expect(body.summary.totals.successRate == 0.5)
                #expect(body.summary.credits.first.map { "\($0.charged) \($0.refunded)" } == "40 16")
                // Finishing the videos in the store left each one's job queued: eight generation jobs wait (other
                // kinds, such as the failures' notification mails, may wait beside them).
                #expect(
                    body.queue.first { $0.kind == "generate_video" }.map { "\($0.queued) \($0.running)" } == "8 0")
                #expect(body.failures.isEmpty && body.commonErrors.isEmpty)
                #expect(body.users.active == 2 && body.users.new == 0 && body.users.total == 3)

                // Demoted, the administrator loses the view at once.
                let email = try #require(
                    try await app.services.database.read { db in try await Users.find(db, id: admin.userId) }?.email)
                _ = try await Users.setRole(in: app.services.database, email: email, role: .user)
                let demoted = try await api.call(.get, "/api/v1/admin/analytics", session: admin)
                #expect(demoted.status == .forbidden)
            }
        }
    }

    @Test("malformed dates are 400, periods out of bounds 422, 366 days pass", arguments: TestEngine.allCases)
    func validation(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                for query in [
                    "from=2026-02-30", "to=2026-13-01", "from=yesterday", "to=2026-3-01", "from=2026-03-01T00:00",
                    "to=",
                ] {
                    for path in ["/api/v1/users/me/analytics", "/api/v1/admin/analytics"] {
                        let reply = try await api.call(.get, "\(path)?\(query)", session: session)
                        #expect(reply.status == .badRequest, "\(path)?\(query)")
                        #expect(reply.errorCode == .badRequest, "\(path)?\(query)")
                        #expect(reply.errorMessage?.contains("YYYY-MM-DD") == true, "\(query)")
                    }
                }
                for query in ["from=2026-03-05&to=2026-03-04", "from=2025-03-03&to=2026-03-04"] {
                    let reply = try await api.call(.get, "/api/v1/users/me/analytics?\(query)", session: session)
                    #expect(reply.status == .unprocessableContent, "\(query)")
                    #expect(reply.errorCode == .validationFailed, "\(query)")
                }
                // 4 March 2025 to 4 March 2026 is 366 days.
                let year = try await api.call(
                    .get, "/api/v1/users/me/analytics?from=2025-03-04&to=2026-03-04", session: session)
                #expect(year.status == .ok)
                #expect(try year.decode(Schemas.Analytics.self).days.count == 366)
            }
        }
    }

    @Test(
        "a generated video records each stage's time, in order, and shows in the default 30 days",
        arguments: TestEngine.allCases)
    func stagesRecorded(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                let done = try await app.withWorker { try await api.waitForVideo(session, id) }
                #expect(try done.decode(Schemas.Video.self).status == .completed)
                let times = try await app.services.database.read { db in try await StageTimes.list(db, video: id) }
                #expect(times.map(\.stage) == VideoStage.allCases)
                let stage = Dictionary(uniqueKeysWithValues: times.map { ($0.stage, $0) })
                func at(_ name: VideoStage) throws -> StageTime { try #require(stage[name]) }
                #expect(try at(.plan).finishedAt <= at(.voices).startedAt)
                #expect(try at(.voices).finishedAt <= at(.pictures).startedAt)
                #expect(try at(.pictures).startedAt <= at(.clips).startedAt)
                #expect(try at(.voices).finishedAt <= at(.music).startedAt)
                #expect(try max(at(.clips).finishedAt, at(.music).finishedAt) <= at(.render).startedAt)
                #expect(try at(.render).finishedAt > at(.render).startedAt)

                let body = try await api.call(.get, "/api/v1/users/me/analytics", session: session)
                    .decode(Schemas.Analytics.self)
                #expect(body.days.count == 30 && body.days.last?.date == body.to)
                #expect(body.totals.videos == 1 && body.totals.succeeded == 1 && body.totals.successRate == 1)
                #expect(body.stages.allSatisfy { $0.count == 1 && $0.p50Seconds == $0.meanSeconds })
                #expect(body.models.allSatisfy { $0.provider == "embedded" && $0.costUsd == 0 })
                #expect(body.totals.creditsSpent == 5)
            }
        }
    }
}
