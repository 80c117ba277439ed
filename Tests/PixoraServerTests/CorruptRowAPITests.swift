import Foundation
import PixoraAPI
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

/// A row the server cannot read is its own fault: a 500 `internal_error` (logged), never a 200 that leaves the
/// unreadable part out or a 422 that blames the client.
@Suite("Corrupt rows at the API")
struct CorruptRowAPITests {
    @Test(
        "a video whose stored settings, status or job progress do not decode answers 500",
        arguments: TestEngine.allCases)
    func corruptVideo(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                let database = app.services.database
                #expect(try await api.call(.get, "/api/v1/videos/\(id)", session: session).status == .ok)

                let settings = try await database.read { db in
                    try await db.raw("SELECT settings FROM videos WHERE id = \(bind: id)").first()?
                        .decode(column: "settings", as: String.self)
                }
                try await database.transaction { db in
                    try await db.raw("UPDATE videos SET settings = '{\"aspectRatio\":' WHERE id = \(bind: id)").run()
                }
                let broken = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                #expect(broken.status == .internalServerError && broken.errorCode == .internalError, "\(broken.text)")

                try await database.transaction { db in
                    try await db.raw("UPDATE videos SET settings = \(bind: settings) WHERE id = \(bind: id)").run()
                    try await db.raw("UPDATE jobs SET progress = '{\"stage\": 3}' WHERE video_id = \(bind: id)").run()
                }
                let progress = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                #expect(
                    progress.status == .internalServerError && progress.errorCode == .internalError,
                    "\(progress.text)")

                try await database.transaction { db in
                    try await db.raw("UPDATE videos SET status = 'hibernating' WHERE id = \(bind: id)").run()
                }
                let list = try await api.call(.get, "/api/v1/videos", session: session)
                #expect(list.status == .internalServerError && list.errorCode == .internalError, "\(list.text)")
            }
        }
    }
}
