import Foundation
import HummingbirdTesting
import NIOCore
import PixoraAPI
import PixoraJobs
import PixoraPipeline
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Making videos through the API")
struct VideoFlowTests {
    @Test(
        "register, sign in, create a short video, follow its events to completed, download an MP4 that plays",
        arguments: TestEngine.allCases)
    func endToEnd(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                _ = try await api.register("maker@example.com", password: "s3cret-pass")
                let login = try await api.call(
                    .post, "/api/v1/auth/login", json: ["email": "MAKER@example.com", "password": "s3cret-pass"])
                #expect(login.status == .ok)
                let session = Session(try login.decode(Schemas.Session.self))
                let created = try await api.createVideo(session)
                #expect(created.status == .created)
                let createdVideo = try created.decode(Schemas.Video.self)
                let id = createdVideo.id
                #expect(createdVideo.creditsUsed == 5)
                #expect(try await api.balance(session) == 95)
                let queued = try await api.call(.get, "/api/v1/videos", session: session)
                #expect(try queued.decode(Schemas.VideoPage.self).items.first?.status == .queued)

                // The event stream, read to its end while a worker makes the video.
                let events = try await app.withWorker {
                    try await api.call(.get, "/api/v1/videos/\(id)/events", session: session)
                }
                #expect(events.headers[.contentType] == "text/event-stream")
                let blocks = events.text.components(separatedBy: "\n\n").filter { $0.contains("data: ") }
                #expect(blocks.count >= 2)
                #expect(blocks.last?.contains("event: end") == true)
                let lastData = Data(blocks.last!.components(separatedBy: "data: ").last!.utf8)
                let last = try APIJSON.decoder().decode(Schemas.EventBody.self, from: lastData)
                #expect(last.status == .completed)
                #expect(
                    events.text.contains("\"stage\":\"visuals\"") || events.text.contains("\"stage\":\"rendering\""))

                let video = try await api.call(.get, "/api/v1/videos/\(id)", session: session).decode(
                    Schemas.Video.self)
                #expect(video.status == .completed)
                #expect(video.currentVersion == 1)
                #expect(video.job?.progress?.stage == .done)

                let file = try await api.call(.get, "/api/v1/videos/\(id)/video", session: session)
                #expect(file.status == .ok)
                #expect(file.headers[.contentType] == "video/mp4")
                let media = try await probe(Data(file.body.readableBytesView))
                #expect(abs(media.duration - 5) < 0.5)
                #expect(media.streams.contains("video") && media.streams.contains("audio"))

                // Byte ranges, as a <video> element asks for them.
                let size = file.body.readableBytes
                let part = try await api.call(
                    .get, "/api/v1/videos/\(id)/video", session: session, headers: [.range: "bytes=100-199"])
                #expect(part.status == .partialContent)
                #expect(part.headers[.contentRange] == "bytes 100-199/\(size)")
                #expect(part.body.readableBytes == 100)
                #expect(Data(part.body.readableBytesView) == Data(file.body.readableBytesView)[100..<200])
                let beyond = try await api.call(
                    .get, "/api/v1/videos/\(id)/video", session: session, headers: [.range: "bytes=\(size + 10)-"])
                #expect(beyond.status == .rangeNotSatisfiable)

                // The signed link works without a header, only for its own path, and not when altered.
                let link = try #require(video.videoUrl)
                #expect(try await api.call(.get, link).status == .ok)
                #expect(try await api.call(.get, link + "x").status == .unauthorized)
                let thumb = try #require(video.thumbnailUrl)
                let thumbnail = try await api.call(.get, thumb)
                #expect(thumbnail.status == .ok && thumbnail.body.readableBytes > 1000)
                // The list (read while queued, so cached on SQLite) shows the finished video and a link that works
                // for at least an hour.
                let listed = try await api.call(.get, "/api/v1/videos", session: session)
                let item = try #require(try listed.decode(Schemas.VideoPage.self).items.first)
                #expect(item.status == .completed)
                let listedThumb = try #require(item.thumbnailUrl)
                #expect(try await api.call(.get, listedThumb).status == .ok)
                let expiry =
                    listedThumb.components(separatedBy: "access=").last?.split(separator: ".").first.flatMap {
                        Double($0)
                    } ?? 0
                #expect(expiry >= Date().timeIntervalSince1970 + 3600 - 5)
                #expect(
                    try await api.call(.get, link.replacingOccurrences(of: "/video?", with: "/thumbnail?")).status
                        == .unauthorized)

                let scenes = try await api.call(.get, "/api/v1/videos/\(id)/scenes", session: session)
                let list = try scenes.decode(Schemas.SceneList.self).scenes
                try #require(!list.isEmpty)
                let kinds = Set(list[0].assets.map(\.kind))
                #expect(kinds.isSuperset(of: [.image, .clip, .voice]))
                let imageURL = try #require(list[0].assets.first { $0.kind == .image }?.url)
                let image = try await api.call(.get, imageURL)
                #expect(image.status == .ok && image.headers[.contentType] == "image/png")
                #expect(try await ledger(app, session.userId) == (95, 95))

                // Each scene's picture is linked from the stream as soon as it is made, before the video is done:
                // the link works from the job's progress alone, and only for the owner.
                let images = try #require(last.sceneImages)
                let sceneList = try await api.call(.get, "/api/v1/videos/\(id)/scenes", session: session)
                #expect(images.count == (try sceneList.decode(Schemas.SceneList.self)).scenes.count)
                let pictureLink = try #require(images.first?.url)
                try await app.services.database.transaction { db in
                    try await db.raw(
                        "DELETE FROM scene_assets WHERE revision_id IN (SELECT r.id FROM scene_revisions r JOIN scenes s ON s.id = r.scene_id WHERE s.video_id = \(bind: id))"
                    ).run()
                }
                let picture = try await api.call(.get, pictureLink)
                #expect(picture.status == .ok && picture.headers[.contentType] == "image/png")
                let stranger = try await api.register()
                let key = String(pictureLink.split(separator: "/").last!.split(separator: "?").first!)
                #expect(try await api.call(.get, "/api/v1/assets/\(key)", session: stranger).status == .notFound)
            }
        }
    }

    @Test(
        "a video costing more than the balance answers 402 with both numbers and writes nothing",
        arguments: TestEngine.allCases)
    func paymentRequired(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let reply = try await api.createVideo(session, seconds: 120)
                #expect(reply.status.code == 402)
                #expect(reply.errorCode == .insufficientCredits)
                let details = try #require(
                    try reply.decode(Schemas.InsufficientCreditsError.self).value2.error?.details)
                #expect(details.balance == 100 && details.price == 120)
                let list = try await api.call(.get, "/api/v1/videos", session: session)
                #expect(try list.decode(Schemas.VideoPage.self).items.isEmpty)
                #expect(try await ledger(app, session.userId) == (100, 100))
            }
        }
    }

    @Test("the same Idempotency-Key returns the same video and charges once", arguments: TestEngine.allCases)
    func idempotencyKey(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let first = try await api.createVideo(session, key: "order-42")
                let second = try await api.createVideo(session, key: "order-42")
                #expect(first.status == .created && second.status == .ok)
                #expect(second.headers[.init("Idempotent-Replayed")!] == "true")
                let firstID = try first.decode(Schemas.Video.self).id
                #expect(try second.decode(Schemas.Video.self).id == firstID)
                let other = try await api.createVideo(session, key: "order-43")
                #expect(other.status == .created)
                #expect(try other.decode(Schemas.Video.self).id != firstID)
                #expect(try await ledger(app, session.userId) == (90, 90))
            }
        }
    }

    @Test(
        "50 concurrent video requests with credits for 10: exactly 10 are created, the balance is 0 and equals the ledger",
        arguments: TestEngine.allCases)
    func concurrentRequests(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let admin = try await api.register()
                let session = try await api.register()
                // 5-second videos cost 5: leave exactly enough for 10.
                let adjust = try await api.call(
                    .post, "/api/v1/admin/users/\(session.userId)/credits", session: admin,
                    json: ["delta": -50, "reason": "test"])
                #expect(adjust.status == .ok)
                #expect(try adjust.decode(Schemas.CreditAdjustment.self).balance == 50)
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in 0..<50 {
                        group.addTask {
                            try await api.createVideo(session, prompt: "video number \(index) about bees").status.code
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == 201 }.count == 10)
                #expect(statuses.filter { $0 == 402 }.count == 40)
                #expect(try await ledger(app, session.userId) == (0, 0))
                let count = try await app.services.database.read { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM videos WHERE user_id = \(bind: session.userId)")
                        .first()?.decode(column: "n", as: Int.self)
                }
                #expect(count == 10)
            }
        }
    }

    @Test("cancelling a queued video refunds it once; cancelling again is a conflict", arguments: TestEngine.allCases)
    func cancel(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session, seconds: 10).decode(Schemas.Video.self).id
                #expect(try await api.balance(session) == 90)
                let cancelled = try await api.call(.post, "/api/v1/videos/\(id)/cancel", session: session)
                #expect(cancelled.status == .ok)
                let cancelledVideo = try cancelled.decode(Schemas.Video.self)
                #expect(cancelledVideo.status == .cancelled)
                #expect(cancelledVideo.job?.state == .cancelled)
                #expect(try await api.call(.post, "/api/v1/videos/\(id)/cancel", session: session).status == .conflict)
                #expect(try await ledger(app, session.userId) == (100, 100))
                let rows = try await api.call(.get, "/api/v1/users/me/credits/transactions", session: session)
                #expect(
                    try rows.decode(Schemas.TransactionPage.self).items.map(\.reason) == [
                        .videoRefund, .videoCharge, .signupGrant,
                    ])
                // A worker finds nothing to do.
                let worker = Worker(
                    database: app.services.database, handlers: app.services.workshop.handlers, logger: testLogger)
                #expect(try await worker.runOne() == false)
            }
        }
    }

    @Test(
        "an edited version renders as version 2, a scene regenerates only its picture, and versions restore",
        arguments: TestEngine.allCases)
    func editing(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                try await app.withWorker {
                    _ = try await api.waitForVideo(session, id)
                    let versions = try await api.call(.get, "/api/v1/videos/\(id)/versions", session: session)
                    let first = try #require(try versions.decode(Schemas.VersionList.self).versions.first)
                    let detail = try await api.call(.get, "/api/v1/videos/\(id)/versions/\(first.id)", session: session)
                    var state = try #require(try detail.decode(Schemas.Version.self).editorState)
                    state.audio.music.volume = 0.1
                    state.overlays = [
                        Schemas.TextOverlay(
                            id: "o1", text: "Hello bees", start: 0.5, end: 3.0, x: 0.5, y: 0.2,
                            style: Schemas.TextStyle(
                                font: .sans, size: 0.06, bold: true, color: "#FFFFFF", outlineColor: "#000000",
                                outline: 0.08, box: false, boxColor: "#000000", boxOpacity: 0.5))
                    ]

                    // Broken documents are refused with the field at fault.
                    var broken = state
                    broken.clips[0].duration = -3
                    let refused = try await api.call(
                        .post, "/api/v1/videos/\(id)/versions", session: session,
                        json: ["editorState": try api.object(broken)])
                    #expect(refused.status == .unprocessableContent)
                    #expect(refused.errorMessage?.contains("editorState.clips[0].duration") == true)
                    var foreign = state
                    foreign.clips[0].asset = try #require(Schemas.AssetRef(String(repeating: "ab", count: 32) + ".mp4"))
                    let stranger = try await api.call(
                        .post, "/api/v1/videos/\(id)/versions", session: session,
                        json: ["editorState": try api.object(foreign)])
                    #expect(
                        stranger.status == .unprocessableContent
                            && stranger.errorMessage?.contains("not an asset of this video") == true)

                    let saved = try await api.call(
                        .post, "/api/v1/videos/\(id)/versions", session: session,
                        json: ["editorState": try api.object(state)])
                    #expect(saved.status == .accepted, "\(saved.text)")
                    let done = try await api.waitForVideo(session, id)
                    #expect(try done.decode(Schemas.Video.self).currentVersion == 2)
                    let second = try await api.call(.get, "/api/v1/videos/\(id)/versions", session: session)
                    let list = try second.decode(Schemas.VersionList.self).versions
                    #expect(list.map(\.status) == [.ready, .ready])
                    guard list.count == 2 else { return }
                    let v2 = try await api.call(.get, try #require(list[1].videoUrl))
                    #expect(abs(try await probe(Data(v2.body.readableBytesView)).duration - 5) < 0.5)

                    // Regenerate scene 1's picture: a new revision with a new image, the same voice.
                    let before = try await api.call(.get, "/api/v1/videos/\(id)/scenes", session: session)
                    let scene = try #require(try before.decode(Schemas.SceneList.self).scenes.first)
                    func asset(_ scene: Schemas.Scene, _ kind: Schemas.SceneAsset.KindPayload) -> String? {
                        scene.assets.first { $0.kind == kind }?.key.description
                    }
                    let regen = try await api.call(
                        .post, "/api/v1/videos/\(id)/scenes/\(scene.id)", session: session,
                        json: ["regenerate": "visual"])
                    #expect(regen.status == .accepted)
                    #expect(try regen.decode(Schemas.Regeneration.self).price == 3)
                    let voiceOnly = try await api.call(
                        .post, "/api/v1/videos/\(id)/scenes/\(scene.id)", session: session,
                        json: ["regenerate": "audio"])
                    #expect(voiceOnly.status == .conflict || voiceOnly.status == .unprocessableContent)
                    let after = try await api.waitForVideo(session, id)
                    #expect(try after.decode(Schemas.Video.self).currentVersion == 3)
                    let scenes = try await api.call(.get, "/api/v1/videos/\(id)/scenes", session: session)
                    let updated = try #require(try scenes.decode(Schemas.SceneList.self).scenes.first)
                    #expect(updated.currentRevision == 2)
                    #expect(asset(updated, .image) != asset(scene, .image))
                    #expect(asset(updated, .voice) == asset(scene, .voice))
                    #expect(try await ledger(app, session.userId) == (92, 92))

                    let restored = try await api.call(
                        .post, "/api/v1/videos/\(id)/versions/\(first.id)/restore", session: session)
                    #expect(restored.status == .ok)
                    #expect(try restored.decode(Schemas.Video.self).currentVersion == 1)
                }
            }
        }
    }
}
