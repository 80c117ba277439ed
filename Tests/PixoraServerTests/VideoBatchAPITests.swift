import Foundation
import Hummingbird
import HummingbirdTesting
import PixoraAPI
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Batch video creation through the API")
struct VideoBatchAPITests {
    static func item(_ prompt: String, seconds: Int) -> [String: Any] {
        ["prompt": prompt, "settings": ["durationSeconds": seconds, "quality": "480p"]]
    }

    func count(_ app: TestApp, _ user: String) async throws -> (videos: Int, jobs: Int) {
        try await app.services.database.read { db in
            let videos =
                try await db.raw("SELECT COUNT(*) AS n FROM videos WHERE user_id = \(bind: user)").first()?
                .decode(column: "n", as: Int.self) ?? -1
            let jobs =
                try await db.raw("SELECT COUNT(*) AS n FROM jobs WHERE user_id = \(bind: user)").first()?
                .decode(column: "n", as: Int.self) ?? -1
            return (videos, jobs)
        }
    }

    @Test("a batch is charged and queued as one; a replayed key charges nothing", arguments: TestEngine.allCases)
    func created(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let key: HTTPFields = [.init("Idempotency-Key")!: "batch-1"]
                let items = [Self.item("bees making honey", seconds: 5), Self.item("the ocean at night", seconds: 12)]
                let reply = try await api.call(
                    .post, "/api/v1/videos/batch", session: session, headers: key, json: ["items": items])
                #expect(reply.status == .created)
                let batch = try reply.decode(Schemas.VideoBatch.self)
                #expect(batch.videos.count == 2 && batch.price == 17 && batch.balance == 83)
                #expect(batch.videos.map(\.creditsUsed) == [5, 12])
                #expect(batch.videos.allSatisfy { $0.status == .queued && $0.job?.state == .queued })
                #expect(try await ledger(app, session.userId) == (83, 83))
                #expect(try await count(app, session.userId) == (2, 2))

                let again = try await api.call(
                    .post, "/api/v1/videos/batch", session: session, headers: key, json: ["items": items])
                #expect(again.status == .ok && again.headers[.init("Idempotent-Replayed")!] == "true")
                #expect(try again.decode(Schemas.VideoBatch.self).videos.map(\.id) == batch.videos.map(\.id))
                #expect(try await ledger(app, session.userId) == (83, 83))
                #expect(try await count(app, session.userId) == (2, 2))

                // The path is its own resource, not a video id: other methods are 405 with only POST allowed.
                let get = try await api.call(.get, "/api/v1/videos/batch", session: session)
                #expect(get.status == .methodNotAllowed && get.headers[.allow] == "POST")
            }
        }
    }

    @Test(
        "one invalid item refuses the whole batch, naming its index and field; nothing is charged",
        arguments: TestEngine.allCases)
    func invalidItem(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let items: [[String: Any]] = [
                    Self.item("bees", seconds: 5), Self.item("volcanoes", seconds: 5),
                    Self.item("comets", seconds: 500),
                ]
                let reply = try await api.call(.post, "/api/v1/videos/batch", session: session, json: ["items": items])
                #expect(reply.status == .unprocessableContent && reply.errorCode == .validationFailed)
                let issues = try reply.decode(Schemas.ValidationError.self).value2.error?.details?.issues ?? []
                #expect(issues.map(\.field) == ["items[2].settings.durationSeconds"])
                let blank = try await api.call(
                    .post, "/api/v1/videos/batch", session: session,
                    json: ["items": [Self.item("bees", seconds: 5), ["prompt": "  "]]])
                #expect(blank.errorMessage?.hasPrefix("items[1].prompt") == true, "\(blank.text)")
                let decoding = try await api.call(
                    .post, "/api/v1/videos/batch", session: session,
                    json: ["items": [["prompt": "bees", "settings": ["aspectRatio": "4:3"]]]])
                #expect(decoding.errorMessage?.hasPrefix("items[0].settings.aspectRatio") == true, "\(decoding.text)")
                for size in [0, 51] {
                    let many = Array(repeating: Self.item("bees", seconds: 5), count: size)
                    let refused = try await api.call(
                        .post, "/api/v1/videos/batch", session: session, json: ["items": many])
                    #expect(refused.status == .unprocessableContent, "\(size) items")
                    #expect(refused.errorMessage?.contains("1 to 50") == true)
                }
                #expect(try await ledger(app, session.userId) == (100, 100))
                #expect(try await count(app, session.userId) == (0, 0))
            }
        }
    }

    @Test(
        "a batch over the balance answers 402 with the total and the balance and charges nothing",
        arguments: TestEngine.allCases)
    func overBalance(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                // Each item fits alone; together they need 120 of 100 credits.
                let items = Array(repeating: Self.item("bees", seconds: 40), count: 3)
                let reply = try await api.call(.post, "/api/v1/videos/batch", session: session, json: ["items": items])
                #expect(reply.status.code == 402 && reply.errorCode == .insufficientCredits)
                let details = try #require(
                    try reply.decode(Schemas.InsufficientCreditsError.self).value2.error?.details)
                #expect(details.price == 120 && details.balance == 100)
                #expect(try await ledger(app, session.userId) == (100, 100))
                #expect(try await count(app, session.userId) == (0, 0))
            }
        }
    }
}
