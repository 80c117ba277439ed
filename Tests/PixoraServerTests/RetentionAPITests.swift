import Foundation
import HummingbirdTesting
import PixoraAPI
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Retention through the API")
struct RetentionAPITests {
    @Test(
        "a completed video expires: the cleanup deletes its files, its file routes answer 410, it still lists",
        arguments: TestEngine.allCases)
    func expires(engine: TestEngine) async throws {
        try await TestApp.with(engine, environment: ["PIXORA_RETENTION": "1h"]) { app in
            try await app.test { api in
                let session = try await api.register()
                let other = try await api.register()
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                let done = try await app.withWorker { try await api.waitForVideo(session, id) }
                let video = try done.decode(Schemas.Video.self)
                #expect(video.status == .completed)
                let expiresAt = try #require(video.expiresAt)
                // Set when the render finished, which is when the video was last updated.
                #expect(abs(expiresAt.timeIntervalSince(video.updatedAt) - 3600) < 1)

                let scenes = try await api.call(.get, "/api/v1/videos/\(id)/scenes", session: session)
                let asset = try #require(
                    try scenes.decode(Schemas.SceneList.self).scenes.first?.assets.first?.url)
                let versions = try await api.call(.get, "/api/v1/videos/\(id)/versions", session: session)
                let version = try #require(try versions.decode(Schemas.VersionList.self).versions.first)
                let detail = try await api.call(.get, "/api/v1/videos/\(id)/versions/\(version.id)", session: session)
                let state = try #require(try detail.decode(Schemas.Version.self).editorState)
                let folder = app.services.media.root.appendingPathComponent("videos/\(id)")
                #expect(FileManager.default.fileExists(atPath: folder.path))

                // The retention ends now; a worker notices within its check interval and cleans up.
                let past = Clock.nowMillis() - 1000
                try await app.services.database.read { db in
                    try await db.raw("UPDATE videos SET expires_at = \(bind: past) WHERE id = \(bind: id)").run()
                }
                let started = ContinuousClock.now
                let expired = try await app.withWorker {
                    let deadline = ContinuousClock.now + .seconds(600)
                    while ContinuousClock.now < deadline {
                        let reply = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                        let body = try reply.decode(Schemas.Video.self)
                        // Done once the cleanup job has finished too (it marks the video before deleting).
                        let cleaning = try await app.services.database.read { db in
                            try await db.raw(
                                "SELECT id FROM jobs WHERE kind = 'expire_media' AND state IN ('queued', 'running')"
                            ).first()
                        }
                        if body.status == .expired && cleaning == nil { return body }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    throw TestFailure("the video did not expire in time")
                }
                let waited = ContinuousClock.now - started
                print("retention: expired \(waited) after its expiry was set in the past (\(engine))")
                #expect(expired.videoUrl == nil && expired.thumbnailUrl == nil)
                #expect(expired.expiresAt.map { abs($0.timeIntervalSince1970 * 1000 - Double(past)) < 1 } == true)
                #expect(!FileManager.default.fileExists(atPath: folder.path))

                let base = "/api/v1/videos/\(id)"
                for path in [
                    "\(base)/video", "\(base)/video?download=1", "\(base)/thumbnail",
                    "\(base)/versions/\(version.id)/video", "\(base)/versions/\(version.id)/thumbnail", asset,
                    "\(base)/editor",
                ] {
                    let reply = try await api.call(.get, path, session: session)
                    #expect(reply.status == .gone, "\(path)")
                    #expect(reply.errorCode == .expired, "\(path)")
                    #expect(reply.errorMessage?.contains("expired on ") == true, "\(path)")
                    #expect(reply.errorMessage?.contains("its files were deleted") == true, "\(path)")
                }
                let regenerate = try await api.call(
                    .post, "\(base)/scenes/\(try #require(try scenes.decode(Schemas.SceneList.self).scenes.first).id)",
                    session: session, json: ["regenerate": "visual"])
                #expect(regenerate.status == .gone && regenerate.errorCode == .expired)
                let save = try await api.call(
                    .post, "\(base)/versions", session: session, json: ["editorState": try api.object(state)])
                #expect(save.status == .gone && save.errorCode == .expired)
                let restore = try await api.call(.post, "\(base)/versions/\(version.id)/restore", session: session)
                #expect(restore.status == .gone && restore.errorCode == .expired)

                // Another user learns nothing: the video reads as missing.
                #expect(try await api.call(.get, "\(base)/video", session: other).status == .notFound)
                #expect(try await api.call(.get, base, session: other).status == .notFound)

                let list = try await api.call(.get, "/api/v1/videos", session: session)
                let item = try #require(try list.decode(Schemas.VideoPage.self).items.first { $0.id == id })
                #expect(item.status == .expired && item.expiresAt != nil)
                let filtered = try await api.call(.get, "/api/v1/videos?status=expired", session: session)
                #expect(try filtered.decode(Schemas.VideoPage.self).items.map(\.id) == [id])
                // One cleanup ran, and nothing failed.
                let jobs = try await app.services.database.read { db in
                    try await db.raw("SELECT state FROM jobs WHERE kind = 'expire_media'").all().map {
                        try $0.decode(column: "state", as: String.self)
                    }
                }
                #expect(!jobs.isEmpty && jobs.allSatisfy { $0 == "succeeded" })

                // An edit queued just as the video expired fails at once instead of writing files again.
                let render = try await app.services.database.transaction { db in
                    try await Jobs.enqueue(
                        db, kind: .renderVersion, user: session.userId, video: id,
                        payload: "{\"versionId\":\"\(version.id)\"}", maxAttempts: 3)
                }
                let failed = try await app.withWorker {
                    let deadline = ContinuousClock.now + .seconds(600)
                    while ContinuousClock.now < deadline {
                        let job = try await app.services.database.read { db in
                            try await Jobs.find(db, id: render.id)
                        }
                        if let job, job.state == .failed { return job }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    throw TestFailure("the render of an expired video did not fail in time")
                }
                #expect(failed.attempts == 1 && failed.error?.contains("expired") == true)
                #expect(!FileManager.default.fileExists(atPath: folder.path))
            }
        }
    }

    @Test("with PIXORA_RETENTION=forever a video never expires", arguments: TestEngine.allCases)
    func forever(engine: TestEngine) async throws {
        try await TestApp.with(engine, environment: ["PIXORA_RETENTION": "forever"]) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                let video = try await app.withWorker {
                    let done = try await api.waitForVideo(session, id)
                    // A few expiry checks pass while the worker runs on.
                    try await Task.sleep(for: .seconds(1))
                    return try done.decode(Schemas.Video.self)
                }
                #expect(video.status == .completed && video.expiresAt == nil)
                let again = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                #expect(try again.decode(Schemas.Video.self).status == .completed)
                #expect(try await api.call(.get, "/api/v1/videos/\(id)/video", session: session).status == .ok)
            }
        }
    }
}
