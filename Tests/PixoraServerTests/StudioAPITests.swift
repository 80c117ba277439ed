import Foundation
import Hummingbird
import HummingbirdTesting
import PixoraCore
import PixoraServer
import PixoraTestSupport
import Testing

/// What the browser studio stands on: its static files, the editor document, server-side edits, the assistant,
/// usage statistics and list order.
@Suite("Studio API")
struct StudioAPITests {
    @Test("the studio is served at / with a page fallback; the API and missing files are not")
    func staticFiles() async throws {
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                let home = try await api.call(.get, "/")
                #expect(home.status == .ok)
                #expect(home.headers[.contentType] == "text/html; charset=utf-8")
                #expect(home.text.contains("<script type=\"module\" src=\"/js/app.js\"></script>"))
                #expect(home.headers[.init("Content-Security-Policy")!]?.contains("script-src 'self'") == true)
                for page in ["/dashboard", "/videos/abc/edit", "/reset-password?token=abc"] {
                    let reply = try await api.call(.get, page)
                    #expect(reply.status == .ok && reply.text == home.text, "\(page)")
                }
                let script = try await api.call(.get, "/js/app.js")
                #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
                let styles = try await api.call(.get, "/css/app.css")
                #expect(styles.status == .ok && styles.headers[.contentType] == "text/css; charset=utf-8")
                // Unchanged files answer 304 to a revalidation.
                let etag = try #require(script.headers[.eTag])
                #expect(try await api.call(.get, "/js/app.js", headers: [.ifNoneMatch: etag]).status == .notModified)
                // Missing files, the API and paths outside the folder never fall back to the page.
                #expect(try await api.call(.get, "/js/missing.js").status == .notFound)
                #expect(try await api.call(.get, "/../Package.swift").status == .notFound)
                let api404 = try await api.call(.get, "/api/v1/nothing-here")
                #expect(api404.status == .notFound && api404.errorCode == "not_found")
                #expect(try await api.call(.get, "/healthz").text.contains("ok"))
                #expect(try await api.call(.post, "/").status != .ok)
            }
        }
    }

    @Test("the editor document, server-side edits, the assistant, and a saved edit that lengthens a scene", arguments: TestEngine.allCases)
    func editorFlow(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let stranger = try await api.register()
                let id = try #require(try await api.createVideo(session)["id"] as? String)
                let early = try await api.call(.get, "/api/v1/videos/\(id)/editor", session: session)
                #expect(early.status == .conflict && early.errorCode == "video_not_ready")
                try await app.withWorker {
                    _ = try await api.waitForVideo(session, id)
                    let document = try await api.call(.get, "/api/v1/videos/\(id)/editor", session: session)
                    #expect(document.status == .ok, "\(document.text)")
                    #expect((document["version"] as? [String: Any])?["number"] as? Int == 1)
                    let state = try #require(document["editorState"] as? [String: Any])
                    let assets = try #require(document["assets"] as? [String: String])
                    let clips = try #require(state["clips"] as? [[String: Any]])
                    // Every clip has a signed link that plays without a token.
                    for clip in clips {
                        let link = try #require(assets[clip["asset"] as! String])
                        let file = try await api.call(.get, link)
                        #expect(file.status == .ok && file.headers[.contentType] == "video/mp4")
                    }
                    #expect(try await api.call(.get, "/api/v1/videos/\(id)/editor", session: stranger).status == .notFound)
                    #expect(try await api.call(.get, "/api/v1/videos/\(id)/editor?version=7", session: session).status == .notFound)
                    #expect(try await api.call(.get, "/api/v1/videos/\(id)/editor?version=x", session: session).status == .unprocessableContent)

                    // Typed edits: the first scene 1.5 s longer than its file, a wipe at the first cut.
                    let first = clips[0]["duration"] as! Double
                    var operations: [[String: Any]] = [["op": "trimClip", "clip": 0, "duration": first + 1.5]]
                    if clips.count > 1 { operations.append(["op": "setTransition", "cut": 0, "kind": "wipeleft"]) }
                    let applied = try await api.call(.post, "/api/v1/editor/apply", session: session, json: ["editorState": state, "operations": operations])
                    #expect(applied.status == .ok, "\(applied.text)")
                    let edited = try #require(applied["editorState"] as? [String: Any])
                    #expect(((edited["clips"] as? [[String: Any]])?[0]["duration"] as? Double).map { abs($0 - first - 1.5) < 0.002 } == true)
                    #expect((applied["changes"] as? [String])?.first?.hasPrefix("Scene 1 is now") == true)

                    let bad = try await api.call(.post, "/api/v1/editor/apply", session: session, json: ["editorState": state, "operations": [["op": "trimClip", "clip": 40, "duration": 2]]])
                    #expect(bad.status == .unprocessableContent && bad.errorMessage?.hasPrefix("operations[0].clip: there is no clip 40") == true)
                    let unknown = try await api.call(.post, "/api/v1/editor/apply", session: session, json: ["editorState": state, "operations": [["op": "explode"]]])
                    #expect(unknown.status == .unprocessableContent)
                    let none = try await api.call(.post, "/api/v1/editor/apply", session: session, json: ["editorState": state, "operations": []])
                    #expect(none.status == .unprocessableContent)
                    #expect(try await api.call(.post, "/api/v1/editor/apply", json: ["editorState": state, "operations": operations]).status == .unauthorized)

                    // The assistant turns words into the same operations.
                    let answer = try await api.call(.post, "/api/v1/editor/assistant", session: session, json: ["instruction": "quieter music and turn captions off", "editorState": edited])
                    #expect(answer.status == .ok, "\(answer.text)")
                    #expect((answer["operations"] as? [[String: Any]])?.map { $0["op"] as? String } == ["setTrackVolume", "setCaptions"])
                    let assisted = try #require(answer["editorState"] as? [String: Any])
                    let music = ((assisted["audio"] as? [String: Any])?["music"] as? [String: Any])?["volume"] as? Double
                    #expect(music.map { $0 < 0.32 } == true)
                    #expect((assisted["captions"] as? [String: Any])?["enabled"] as? Bool == false)
                    #expect((answer["reply"] as? String)?.hasPrefix("Done:") == true)
                    let puzzled = try await api.call(.post, "/api/v1/editor/assistant", session: session, json: ["instruction": "make it pop", "editorState": edited])
                    #expect(puzzled.status == .unprocessableContent && puzzled.errorCode == "not_understood")
                    #expect(puzzled.errorMessage?.contains("make scene 2 longer") == true)

                    // Saved, the longer scene renders: the video is 1.5 s longer and plays.
                    let saved = try await api.call(.post, "/api/v1/videos/\(id)/versions", session: session, json: ["editorState": assisted])
                    #expect(saved.status == .accepted, "\(saved.text)")
                    let done = try await api.waitForVideo(session, id)
                    #expect(done["status"] as? String == "completed" && done["currentVersion"] as? Int == 2, "\(done.text)")
                    let before = try #require(document["version"] as? [String: Any])["durationSeconds"] as? Double ?? 0
                    let after = done["durationSeconds"] as? Double ?? 0
                    #expect(abs(after - before - 1.5) < 0.1, "before \(before) after \(after)")
                    let second = try await api.call(.get, "/api/v1/videos/\(id)/editor", session: session)
                    #expect((second["version"] as? [String: Any])?["number"] as? Int == 2)
                    let played = try await api.call(.get, try #require(done["videoUrl"] as? String))
                    #expect(abs(try probe(Data(played.body.readableBytesView)).duration - after) < 0.1)
                }
            }
        }
    }

    @Test("the assistant asks the configured language model first, falls back to the rules when it fails, and passes on its words")
    func languageModelAssistant() async throws {
        let clip = { (n: Int) in Clip(id: "s\(n)", sceneId: "s\(n)", asset: AssetRef(String(repeating: "\(n)", count: 64) + ".mp4")!, duration: 4) }
        let state = EditorState(
            title: "Bees", canvas: Canvas(width: 640, height: 360, fps: 30), clips: [clip(1), clip(2)],
            transitions: [Transition(kind: .fade, duration: 1)], captions: Captions(enabled: true, cues: []),
            audio: AudioMix(voice: AudioTrack(segments: []), music: AudioTrack(volume: 0.3, segments: [])))
        let encoded = try JSONEncoder().encode(state)
        let model = ProviderEmulator([
            .init(body: ProviderEmulator.toolCall("apply_edits", arguments: ["reply": "Slides it is.", "operations": [["op": "setAllTransitions", "kind": "slideleft"]]])),
            .init(status: 500, body: #"{"error":{"message":"overloaded"}}"#),
            .init(body: ProviderEmulator.chatCompletion("I can only edit this video's timeline.")),
        ])
        try await model.run { base in
            try await TestApp.with(.sqlite, environment: ["OPENAI_BASE_URL": base + "/v1", "OPENAI_API_KEY": "sk-test", "PIXORA_PROVIDER_ATTEMPTS": "1"]) { app in
                try await app.test { api in
                    let document = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
                    let session = try await api.register()
                    let first = try await api.call(.post, "/api/v1/editor/assistant", session: session, json: ["instruction": "slides between the scenes please", "editorState": document])
                    #expect(first.status == .ok && first["assistant"] as? String == "llm.gpt-4o-mini" && first["reply"] as? String == "Slides it is.")
                    #expect(((first["editorState"] as? [String: Any])?["transitions"] as? [[String: Any]])?.first?["kind"] as? String == "slideleft")
                    let second = try await api.call(.post, "/api/v1/editor/assistant", session: session, json: ["instruction": "quieter music", "editorState": document])
                    #expect(second.status == .ok && second["assistant"] as? String == "embedded.rules", "\(second.text)")
                    let third = try await api.call(.post, "/api/v1/editor/assistant", session: session, json: ["instruction": "write me a poem", "editorState": document])
                    #expect(third.status == .unprocessableContent && third.errorCode == "not_understood")
                    #expect(third.errorMessage?.hasPrefix("I can only edit this video's timeline.") == true)
                }
            }
        }
        #expect(model.requests.count == 3)
    }

    @Test("configured prices apply to plans, videos, the sign-up grant and the published price list")
    func configuredPrices() async throws {
        try await TestApp.with(.sqlite, environment: ["PIXORA_CREDITS_PER_SECOND": "2.5", "PIXORA_SIGNUP_CREDITS": "200", "PIXORA_SCENE_VISUAL_CREDITS": "6"]) { app in
            try await app.test { api in
                // The price list is public: a visitor sees it before signing up.
                let list = try await api.call(.get, "/api/v1/pricing")
                #expect(list.status == .ok && list["creditsPerSecond"] as? Double == 2.5 && list["signupGrant"] as? Int == 200)
                let session = try await api.register()
                let credits = try await api.call(.get, "/api/v1/users/me/credits", session: session)
                #expect(credits["balance"] as? Int == 200)
                let pricing = try #require(credits["pricing"] as? [String: Any])
                #expect(pricing["creditsPerSecond"] as? Double == 2.5 && pricing["sceneVisual"] as? Int == 6)
                let plan = try await api.call(.post, "/api/v1/plans", session: session, json: ["prompt": "owls", "settings": ["durationSeconds": 9]])
                #expect(plan["price"] as? Int == 23 && plan["creditsPerSecond"] as? Double == 2.5)
                let video = try await api.createVideo(session, prompt: "owls", seconds: 9)
                #expect(video["creditsUsed"] as? Int == 23)
                #expect(try await api.balance(session) == 177)
            }
        }
    }

    @Test("a plan is priced by its target, or by its length once edits make it more than 10% longer", arguments: TestEngine.allCases)
    func editedPlanPrice(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let preview = try await api.call(.post, "/api/v1/plans", session: session, json: [
                    "prompt": "how volcanoes work", "settings": ["durationSeconds": 10, "quality": "480p"],
                ])
                #expect(preview.status == .ok && preview["price"] as? Int == 10 && preview["balance"] as? Int == 100)
                var plan = try #require(preview["plan"] as? [String: Any])
                var scenes = try #require(plan["scenes"] as? [[String: Any]])
                // Two more 8-second scenes.
                for number in 1...2 {
                    var extra = scenes[scenes.count - 1]
                    extra["id"] = "extra-\(number)"
                    extra["duration"] = 8.0
                    extra["transition"] = ["kind": "cut", "duration": 0]
                    scenes.append(extra)
                }
                plan["scenes"] = scenes
                let planned = scenes.dropLast().reduce(0.0) { total, scene in
                    let transition = scene["transition"] as? [String: Any]
                    let overlap = transition?["kind"] as? String == "cut" ? 0 : transition?["duration"] as? Double ?? 0
                    return total + (scene["duration"] as? Double ?? 0) - overlap
                } + 8
                let repriced = try await api.call(.post, "/api/v1/plans", session: session, json: ["plan": plan])
                #expect(repriced.status == .ok, "\(repriced.text)")
                #expect(repriced["price"] as? Int == Int(planned.rounded(.up)))
                let created = try await api.call(.post, "/api/v1/videos", session: session, json: ["plan": plan])
                #expect(created.status == .created && created["creditsUsed"] as? Int == Int(planned.rounded(.up)))
                #expect(try await api.balance(session) == 100 - Int(planned.rounded(.up)))
            }
        }
    }

    @Test("usage: credits per day and videos by status; lists sort newest or oldest first", arguments: TestEngine.allCases)
    func usageAndSort(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let a = try #require(try await api.createVideo(session, prompt: "first video about owls")["id"] as? String)
                let b = try #require(try await api.createVideo(session, prompt: "second video about foxes", seconds: 7)["id"] as? String)
                let usage = try await api.call(.get, "/api/v1/users/me/usage?days=7", session: session)
                #expect(usage.status == .ok)
                let days = try #require(usage["days"] as? [[String: Any]])
                #expect(days.count == 7)
                let today = try #require(days.last)
                #expect(today["spent"] as? Int == 12 && today["granted"] as? Int == 100)
                #expect(days.dropLast().allSatisfy { $0["spent"] as? Int == 0 })
                #expect((usage["videosByStatus"] as? [String: Int])?["queued"] == 2)
                #expect(usage["totalVideos"] as? Int == 2 && usage["creditsSpent"] as? Int == 12)
                #expect(try await api.call(.get, "/api/v1/users/me/usage?days=0", session: session).status == .unprocessableContent)

                let newest = try await api.call(.get, "/api/v1/videos", session: session)
                #expect((newest["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [b, a])
                let oldest = try await api.call(.get, "/api/v1/videos?sort=oldest&limit=1", session: session)
                #expect((oldest["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [a])
                let cursor = try #require(oldest["nextCursor"] as? String)
                let next = try await api.call(.get, "/api/v1/videos?sort=oldest&limit=1&cursor=\(cursor)", session: session)
                #expect((next["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [b])
                let wrong = try await api.call(.get, "/api/v1/videos?sort=sideways", session: session)
                #expect(wrong.status == .unprocessableContent && wrong.errorMessage == "sort: must be newest or oldest, got 'sideways'")
            }
        }
    }
}
