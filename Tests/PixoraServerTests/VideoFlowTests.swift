import Foundation
import HummingbirdTesting
import NIOCore
import PixoraPipeline
import PixoraServer
import PixoraStore
import PixoraTestSupport
import Testing
import SQLKit
import PixoraJobs

@Suite("Making videos through the API")
struct VideoFlowTests {
    @Test("register, sign in, create a short video, follow its events to completed, download an MP4 that plays", arguments: TestEngine.allCases)
    func endToEnd(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                _ = try await api.register("maker@example.com", password: "s3cret-pass")
                let login = try await api.call(.post, "/api/v1/auth/login", json: ["email": "MAKER@example.com", "password": "s3cret-pass"])
                #expect(login.status == .ok)
                let session = Session(token: login["accessToken"] as! String, refreshToken: login["refreshToken"] as! String, userId: (login["user"] as! [String: Any])["id"] as! String)
                let created = try await api.createVideo(session)
                #expect(created.status == .created)
                let id = try #require(created["id"] as? String)
                #expect(created["creditsUsed"] as? Int == 5)
                #expect(try await api.balance(session) == 95)
                let queued = try await api.call(.get, "/api/v1/videos", session: session)
                #expect((queued["items"] as? [[String: Any]])?.first?["status"] as? String == "queued")

                // The event stream, read to its end while a worker makes the video.
                let events = try await app.withWorker {
                    try await api.call(.get, "/api/v1/videos/\(id)/events", session: session)
                }
                #expect(events.headers[.contentType] == "text/event-stream")
                let blocks = events.text.components(separatedBy: "\n\n").filter { $0.contains("data: ") }
                #expect(blocks.count >= 2)
                #expect(blocks.last?.contains("event: end") == true)
                let last = try JSONSerialization.jsonObject(with: Data(blocks.last!.components(separatedBy: "data: ").last!.utf8)) as? [String: Any]
                #expect(last?["status"] as? String == "completed")
                #expect(events.text.contains("\"stage\":\"visuals\"") || events.text.contains("\"stage\":\"rendering\""))

                let video = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                #expect(video["status"] as? String == "completed")
                #expect(video["currentVersion"] as? Int == 1)
                let job = video["job"] as? [String: Any]
                #expect((job?["progress"] as? [String: Any])?["stage"] as? String == "done")

                let file = try await api.call(.get, "/api/v1/videos/\(id)/video", session: session)
                #expect(file.status == .ok)
                #expect(file.headers[.contentType] == "video/mp4")
                let media = try probe(Data(file.body.readableBytesView))
                #expect(abs(media.duration - 5) < 0.5)
                #expect(media.streams.contains("video") && media.streams.contains("audio"))

                // Byte ranges, as a <video> element asks for them.
                let size = file.body.readableBytes
                let part = try await api.call(.get, "/api/v1/videos/\(id)/video", session: session, headers: [.range: "bytes=100-199"])
                #expect(part.status == .partialContent)
                #expect(part.headers[.contentRange] == "bytes 100-199/\(size)")
                #expect(part.body.readableBytes == 100)
                #expect(Data(part.body.readableBytesView) == Data(file.body.readableBytesView)[100..<200])
                let beyond = try await api.call(.get, "/api/v1/videos/\(id)/video", session: session, headers: [.range: "bytes=\(size + 10)-"])
                #expect(beyond.status == .rangeNotSatisfiable)

                // The signed link works without a header, only for its own path, and not when altered.
                let link = try #require(video["videoUrl"] as? String)
                #expect(try await api.call(.get, link).status == .ok)
                #expect(try await api.call(.get, link + "x").status == .unauthorized)
                let thumb = try #require(video["thumbnailUrl"] as? String)
                let thumbnail = try await api.call(.get, thumb)
                #expect(thumbnail.status == .ok && thumbnail.body.readableBytes > 1000)
                // The list (read while queued, so cached on SQLite) shows the finished video and a link that works
                // for at least an hour.
                let listed = try await api.call(.get, "/api/v1/videos", session: session)
                let item = try #require((listed["items"] as? [[String: Any]])?.first)
                #expect(item["status"] as? String == "completed")
                let listedThumb = try #require(item["thumbnailUrl"] as? String)
                #expect(try await api.call(.get, listedThumb).status == .ok)
                let expiry = listedThumb.components(separatedBy: "access=").last?.split(separator: ".").first.flatMap { Double($0) } ?? 0
                #expect(expiry >= Date().timeIntervalSince1970 + 3600 - 5)
                #expect(try await api.call(.get, link.replacingOccurrences(of: "/video?", with: "/thumbnail?")).status == .unauthorized)

                let scenes = try await api.call(.get, "/api/v1/videos/\(id)/scenes", session: session)
                let list = try #require(scenes["scenes"] as? [[String: Any]])
                #expect(!list.isEmpty)
                let kinds = Set((list[0]["assets"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String })
                #expect(kinds.isSuperset(of: ["image", "clip", "voice"]))
                let imageURL = try #require((list[0]["assets"] as? [[String: Any]])?.first { $0["kind"] as? String == "image" }?["url"] as? String)
                let image = try await api.call(.get, imageURL)
                #expect(image.status == .ok && image.headers[.contentType] == "image/png")
                #expect(try await ledger(app, session.userId) == (95, 95))

                // Each scene's picture is linked from the stream as soon as it is made, before the video is done:
                // the link works from the job's progress alone, and only for the owner.
                let images = try #require(last?["sceneImages"] as? [[String: Any]])
                let sceneList = try await api.call(.get, "/api/v1/videos/\(id)/scenes", session: session)
                #expect(images.count == (sceneList["scenes"] as? [[String: Any]])?.count)
                let pictureLink = try #require(images.first?["url"] as? String)
                try await app.services.database.transaction { db in
                    try await db.raw("DELETE FROM scene_assets WHERE revision_id IN (SELECT r.id FROM scene_revisions r JOIN scenes s ON s.id = r.scene_id WHERE s.video_id = \(bind: id))").run()
                }
                let picture = try await api.call(.get, pictureLink)
                #expect(picture.status == .ok && picture.headers[.contentType] == "image/png")
                let stranger = try await api.register()
                let key = String(pictureLink.split(separator: "/").last!.split(separator: "?").first!)
                #expect(try await api.call(.get, "/api/v1/assets/\(key)", session: stranger).status == .notFound)
            }
        }
    }

    @Test("a video costing more than the balance answers 402 with both numbers and writes nothing", arguments: TestEngine.allCases)
    func paymentRequired(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let reply = try await api.createVideo(session, seconds: 120)
                #expect(reply.status.code == 402)
                #expect(reply.errorCode == "insufficient_credits")
                let details = (reply["error"] as? [String: Any])?["details"] as? [String: Any]
                #expect(details?["balance"] as? Int == 100 && details?["price"] as? Int == 120)
                let list = try await api.call(.get, "/api/v1/videos", session: session)
                #expect((list["items"] as? [Any])?.isEmpty == true)
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
                #expect(first["id"] as? String == second["id"] as? String)
                let other = try await api.createVideo(session, key: "order-43")
                #expect(other.status == .created && other["id"] as? String != first["id"] as? String)
                #expect(try await ledger(app, session.userId) == (90, 90))
            }
        }
    }

    @Test("50 concurrent video requests with credits for 10: exactly 10 are created, the balance is 0 and equals the ledger", arguments: TestEngine.allCases)
    func concurrentRequests(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let admin = try await api.register()
                let session = try await api.register()
                // 5-second videos cost 5: leave exactly enough for 10.
                let adjust = try await api.call(.post, "/api/v1/admin/users/\(session.userId)/credits", session: admin, json: ["delta": -50, "reason": "test"])
                #expect(adjust.status == .ok && adjust["balance"] as? Int == 50)
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for index in 0..<50 {
                        group.addTask { try await api.createVideo(session, prompt: "video number \(index) about bees").status.code }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == 201 }.count == 10)
                #expect(statuses.filter { $0 == 402 }.count == 40)
                #expect(try await ledger(app, session.userId) == (0, 0))
                let count = try await app.services.database.read { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM videos WHERE user_id = \(bind: session.userId)").first()?.decode(column: "n", as: Int.self)
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
                let id = try #require(try await api.createVideo(session, seconds: 10)["id"] as? String)
                #expect(try await api.balance(session) == 90)
                let cancelled = try await api.call(.post, "/api/v1/videos/\(id)/cancel", session: session)
                #expect(cancelled.status == .ok && cancelled["status"] as? String == "cancelled")
                #expect((cancelled["job"] as? [String: Any])?["state"] as? String == "cancelled")
                #expect(try await api.call(.post, "/api/v1/videos/\(id)/cancel", session: session).status == .conflict)
                #expect(try await ledger(app, session.userId) == (100, 100))
                let rows = try await api.call(.get, "/api/v1/users/me/credits/transactions", session: session)
                #expect((rows["items"] as? [[String: Any]])?.map { $0["reason"] as? String } == ["video_refund", "video_charge", "signup_grant"])
                // A worker finds nothing to do.
                let worker = Worker(database: app.services.database, handlers: app.services.workshop.handlers, logger: testLogger)
                #expect(try await worker.runOne() == false)
            }
        }
    }

    @Test("an edited version renders as version 2, a scene regenerates only its picture, and versions restore", arguments: TestEngine.allCases)
    func editing(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try #require(try await api.createVideo(session)["id"] as? String)
                try await app.withWorker {
                    _ = try await api.waitForVideo(session, id)
                    let versions = try await api.call(.get, "/api/v1/videos/\(id)/versions", session: session)
                    let first = try #require((versions["versions"] as? [[String: Any]])?.first)
                    let detail = try await api.call(.get, "/api/v1/videos/\(id)/versions/\(first["id"] as! String)", session: session)
                    var state = try #require(detail["editorState"] as? [String: Any])
                    var audio = state["audio"] as! [String: Any]
                    var music = audio["music"] as! [String: Any]
                    music["volume"] = 0.1
                    audio["music"] = music
                    state["audio"] = audio
                    state["overlays"] = [["id": "o1", "text": "Hello bees", "start": 0.5, "end": 3.0, "x": 0.5, "y": 0.2,
                                          "style": ["font": "sans", "size": 0.06, "bold": true, "color": "#FFFFFF", "outlineColor": "#000000", "outline": 0.08, "box": false, "boxColor": "#000000", "boxOpacity": 0.5]]]

                    // Broken documents are refused with the field at fault.
                    var broken = state
                    var clips = broken["clips"] as! [[String: Any]]
                    clips[0]["duration"] = -3
                    broken["clips"] = clips
                    let refused = try await api.call(.post, "/api/v1/videos/\(id)/versions", session: session, json: ["editorState": broken])
                    #expect(refused.status == .unprocessableContent)
                    #expect(refused.errorMessage?.contains("editorState.clips[0].duration") == true)
                    var foreign = state
                    var foreignClips = foreign["clips"] as! [[String: Any]]
                    foreignClips[0]["asset"] = String(repeating: "ab", count: 32) + ".mp4"
                    foreign["clips"] = foreignClips
                    let stranger = try await api.call(.post, "/api/v1/videos/\(id)/versions", session: session, json: ["editorState": foreign])
                    #expect(stranger.status == .unprocessableContent && stranger.errorMessage?.contains("not an asset of this video") == true)

                    let saved = try await api.call(.post, "/api/v1/videos/\(id)/versions", session: session, json: ["editorState": state])
                    #expect(saved.status == .accepted, "\(saved.text)")
                    let done = try await api.waitForVideo(session, id)
                    #expect(done["currentVersion"] as? Int == 2)
                    let second = try await api.call(.get, "/api/v1/videos/\(id)/versions", session: session)
                    let list = try #require(second["versions"] as? [[String: Any]])
                    #expect(list.map { $0["status"] as? String } == ["ready", "ready"])
                    guard list.count == 2 else { return }
                    let v2 = try await api.call(.get, list[1]["videoUrl"] as! String)
                    #expect(abs(try probe(Data(v2.body.readableBytesView)).duration - 5) < 0.5)

                    // Regenerate scene 1's picture: a new revision with a new image, the same voice.
                    let before = try await api.call(.get, "/api/v1/videos/\(id)/scenes", session: session)
                    let scene = try #require((before["scenes"] as? [[String: Any]])?.first)
                    func asset(_ scene: [String: Any], _ kind: String) -> String? {
                        (scene["assets"] as? [[String: Any]])?.first { $0["kind"] as? String == kind }?["key"] as? String
                    }
                    let regen = try await api.call(.post, "/api/v1/videos/\(id)/scenes/\(scene["id"] as! String)", session: session, json: ["regenerate": "visual"])
                    #expect(regen.status == .accepted && regen["price"] as? Int == 3)
                    let voiceOnly = try await api.call(.post, "/api/v1/videos/\(id)/scenes/\(scene["id"] as! String)", session: session, json: ["regenerate": "audio"])
                    #expect(voiceOnly.status == .conflict || voiceOnly.status == .unprocessableContent)
                    let after = try await api.waitForVideo(session, id)
                    #expect(after["currentVersion"] as? Int == 3)
                    let scenes = try await api.call(.get, "/api/v1/videos/\(id)/scenes", session: session)
                    let updated = try #require((scenes["scenes"] as? [[String: Any]])?.first)
                    #expect(updated["currentRevision"] as? Int == 2)
                    #expect(asset(updated, "image") != asset(scene, "image"))
                    #expect(asset(updated, "voice") == asset(scene, "voice"))
                    #expect(try await ledger(app, session.userId) == (92, 92))

                    let restored = try await api.call(.post, "/api/v1/videos/\(id)/versions/\(first["id"] as! String)/restore", session: session)
                    #expect(restored.status == .ok && restored["currentVersion"] as? Int == 1)
                }
            }
        }
    }
}
