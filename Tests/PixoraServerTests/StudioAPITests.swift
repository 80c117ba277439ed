import Foundation
import Hummingbird
import HummingbirdTesting
import PixoraAPI
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
                #expect(api404.status == .notFound && api404.errorCode == .notFound)
                #expect(try await api.call(.get, "/healthz").text.contains("ok"))
                #expect(try await api.call(.post, "/").status != .ok)
            }
        }
    }

    @Test(
        "the editor document, server-side edits, the assistant, and a saved edit that lengthens a scene",
        arguments: TestEngine.allCases)
    func editorFlow(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let stranger = try await api.register()
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                let early = try await api.call(.get, "/api/v1/videos/\(id)/editor", session: session)
                #expect(early.status == .conflict && early.errorCode == .videoNotReady)
                try await app.withWorker {
                    _ = try await api.waitForVideo(session, id)
                    let document = try await api.call(.get, "/api/v1/videos/\(id)/editor", session: session)
                    #expect(document.status == .ok, "\(document.text)")
                    let editor = try document.decode(Schemas.EditorDocument.self)
                    #expect(editor.version.number == 1)
                    let state = try api.object(editor.editorState)
                    let assets = editor.assets.additionalProperties
                    let clips = editor.editorState.clips
                    // Every clip has a signed link that plays without a token.
                    for clip in clips {
                        let link = try #require(assets[clip.asset.description])
                        let file = try await api.call(.get, link)
                        #expect(file.status == .ok && file.headers[.contentType] == "video/mp4")
                    }
                    #expect(
                        try await api.call(.get, "/api/v1/videos/\(id)/editor", session: stranger).status == .notFound)
                    #expect(
                        try await api.call(.get, "/api/v1/videos/\(id)/editor?version=7", session: session).status
                            == .notFound)
                    #expect(
                        try await api.call(.get, "/api/v1/videos/\(id)/editor?version=x", session: session).status
                            == .unprocessableContent)

                    // Typed edits: the first scene 1.5 s longer than its file, a wipe at the first cut.
                    let first = clips[0].duration
                    var edits: [Schemas.EditorOperation] = [.trimClip(0, duration: first + 1.5)]
                    if clips.count > 1 { edits.append(.setTransition(0, kind: .wipeleft)) }
                    let operations = try api.object(edits)
                    let applied = try await api.call(
                        .post, "/api/v1/editor/apply", session: session,
                        json: ["editorState": state, "operations": operations])
                    #expect(applied.status == .ok, "\(applied.text)")
                    let result = try applied.decode(Schemas.EditResult.self)
                    #expect(abs(result.editorState.clips[0].duration - first - 1.5) < 0.002)
                    #expect(result.changes.first?.hasPrefix("Scene 1 is now") == true)
                    let edited = try api.object(result.editorState)

                    let bad = try await api.call(
                        .post, "/api/v1/editor/apply", session: session,
                        json: ["editorState": state, "operations": [["op": "trimClip", "clip": 40, "duration": 2]]])
                    #expect(
                        bad.status == .unprocessableContent
                            && bad.errorMessage?.hasPrefix("operations[0].clip: there is no clip 40") == true)
                    let words = try await api.call(
                        .post, "/api/v1/editor/apply", session: session,
                        json: ["editorState": state, "operations": [["op": "setCaptions", "mode": "words"]]])
                    #expect(try words.decode(Schemas.EditResult.self).editorState.captions.mode == .words)
                    let unknown = try await api.call(
                        .post, "/api/v1/editor/apply", session: session,
                        json: ["editorState": state, "operations": [["op": "explode"]]])
                    #expect(unknown.status == .unprocessableContent)
                    let none = try await api.call(
                        .post, "/api/v1/editor/apply", session: session, json: ["editorState": state, "operations": []])
                    #expect(none.status == .unprocessableContent)
                    #expect(
                        try await api.call(
                            .post, "/api/v1/editor/apply", json: ["editorState": state, "operations": operations]
                        ).status == .unauthorized)

                    // The assistant turns words into the same operations.
                    let answer = try await api.call(
                        .post, "/api/v1/editor/assistant", session: session,
                        json: ["instruction": "quieter music and turn captions off", "editorState": edited])
                    #expect(answer.status == .ok, "\(answer.text)")
                    let answered = try answer.decode(Schemas.AssistantAnswer.self)
                    #expect(answered.operations.map(\.op) == [.setTrackVolume, .setCaptions])
                    #expect(answered.editorState.audio.music.volume < 0.32)
                    #expect(answered.editorState.captions.enabled == false)
                    #expect(answered.reply.hasPrefix("Done:"))
                    let assisted = try api.object(answered.editorState)
                    let puzzled = try await api.call(
                        .post, "/api/v1/editor/assistant", session: session,
                        json: ["instruction": "make it pop", "editorState": edited])
                    #expect(puzzled.status == .unprocessableContent && puzzled.errorCode == .notUnderstood)
                    #expect(puzzled.errorMessage?.contains("make scene 2 longer") == true)

                    // Saved, the longer scene renders: the video is 1.5 s longer and plays.
                    let saved = try await api.call(
                        .post, "/api/v1/videos/\(id)/versions", session: session, json: ["editorState": assisted])
                    #expect(saved.status == .accepted, "\(saved.text)")
                    let done = try await api.waitForVideo(session, id)
                    let finished = try done.decode(Schemas.Video.self)
                    #expect(finished.status == .completed && finished.currentVersion == 2, "\(done.text)")
                    let before = editor.version.durationSeconds ?? 0
                    let after = finished.durationSeconds ?? 0
                    #expect(abs(after - before - 1.5) < 0.1, "before \(before) after \(after)")
                    let second = try await api.call(.get, "/api/v1/videos/\(id)/editor", session: session)
                    #expect(try second.decode(Schemas.EditorDocument.self).version.number == 2)
                    let played = try await api.call(.get, try #require(finished.videoUrl))
                    #expect(abs(try await probe(Data(played.body.readableBytesView)).duration - after) < 0.1)
                }
            }
        }
    }

    @Test(
        "the assistant asks the configured language model first, falls back to the rules when it fails, and passes on its words"
    )
    func languageModelAssistant() async throws {
        let clip = { (n: Int) in
            Clip(
                id: "s\(n)", sceneId: "s\(n)", asset: AssetRef(String(repeating: "\(n)", count: 64) + ".mp4")!,
                duration: 4)
        }
        let state = EditorState(
            title: "Bees", canvas: Canvas(width: 640, height: 360, fps: 30), clips: [clip(1), clip(2)],
            transitions: [Transition(kind: .fade, duration: 1)], captions: Captions(enabled: true, cues: []),
            audio: AudioMix(voice: AudioTrack(segments: []), music: AudioTrack(volume: 0.3, segments: [])))
        let model = ProviderEmulator([
            .init(
                body: ProviderEmulator.toolCall(
                    "apply_edits",
                    arguments: [
                        "reply": "Slides it is.", "operations": [["op": "setAllTransitions", "kind": "slideleft"]],
                    ])),
            .init(status: 500, body: #"{"error":{"message":"overloaded"}}"#),
            .init(body: ProviderEmulator.chatCompletion("I can only edit this video's timeline.")),
        ])
        try await model.run { base in
            try await TestApp.with(
                .sqlite,
                environment: [
                    "OPENAI_BASE_URL": base + "/v1", "OPENAI_API_KEY": "sk-test", "PIXORA_PROVIDER_ATTEMPTS": "1",
                ]
            ) { app in
                try await app.test { api in
                    let document = try api.object(state)
                    let session = try await api.register()
                    let first = try await api.call(
                        .post, "/api/v1/editor/assistant", session: session,
                        json: ["instruction": "slides between the scenes please", "editorState": document])
                    #expect(first.status == .ok)
                    let answer = try first.decode(Schemas.AssistantAnswer.self)
                    #expect(answer.assistant == "llm.gpt-4o-mini" && answer.reply == "Slides it is.")
                    #expect(answer.editorState.transitions.first?.kind == .slideleft)
                    let second = try await api.call(
                        .post, "/api/v1/editor/assistant", session: session,
                        json: ["instruction": "quieter music", "editorState": document])
                    #expect(second.status == .ok, "\(second.text)")
                    #expect(try second.decode(Schemas.AssistantAnswer.self).assistant == "embedded.rules")
                    let third = try await api.call(
                        .post, "/api/v1/editor/assistant", session: session,
                        json: ["instruction": "write me a poem", "editorState": document])
                    #expect(third.status == .unprocessableContent && third.errorCode == .notUnderstood)
                    #expect(third.errorMessage?.hasPrefix("I can only edit this video's timeline.") == true)
                }
            }
        }
        #expect(model.requests.count == 3)
    }

    @Test("configured prices apply to plans, videos, the sign-up grant and the published price list")
    func configuredPrices() async throws {
        try await TestApp.with(
            .sqlite,
            environment: [
                "PIXORA_CREDITS_PER_SECOND": "2.5", "PIXORA_SIGNUP_CREDITS": "200", "PIXORA_SCENE_VISUAL_CREDITS": "6",
            ]
        ) { app in
            try await app.test { api in
                // The price list is public: a visitor sees it before signing up.
                let list = try await api.call(.get, "/api/v1/pricing")
                #expect(list.status == .ok)
                let published = try list.decode(Schemas.Pricing.self)
                #expect(published.creditsPerSecond == 2.5 && published.signupGrant == 200)
                let session = try await api.register()
                let credits = try await api.call(.get, "/api/v1/users/me/credits", session: session).decode(
                    Schemas.Credits.self)
                #expect(credits.balance == 200)
                #expect(credits.pricing.creditsPerSecond == 2.5 && credits.pricing.sceneVisual == 6)
                let plan = try await api.call(
                    .post, "/api/v1/plans", session: session,
                    json: ["prompt": "owls", "settings": ["durationSeconds": 9]])
                let preview = try plan.decode(Schemas.PlanPreview.self)
                #expect(preview.price == 23 && preview.creditsPerSecond == 2.5)
                let video = try await api.createVideo(session, prompt: "owls", seconds: 9)
                #expect(try video.decode(Schemas.Video.self).creditsUsed == 23)
                #expect(try await api.balance(session) == 177)
            }
        }
    }

    @Test(
        "a plan is priced by its target, or by its length once edits make it more than 10% longer",
        arguments: TestEngine.allCases)
    func editedPlanPrice(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let preview = try await api.call(
                    .post, "/api/v1/plans", session: session,
                    json: [
                        "prompt": "how volcanoes work", "settings": ["durationSeconds": 10, "quality": "480p"],
                    ])
                #expect(preview.status == .ok)
                let previewed = try preview.decode(Schemas.PlanPreview.self)
                #expect(previewed.price == 10 && previewed.balance == 100)
                var edited = previewed.plan
                // Two more 8-second scenes.
                for number in 1...2 {
                    var extra = edited.scenes[edited.scenes.count - 1]
                    extra.id = "extra-\(number)"
                    extra.duration = 8.0
                    extra.transition = .cut
                    edited.scenes.append(extra)
                }
                let planned =
                    edited.scenes.dropLast().reduce(0.0) { total, scene in
                        let overlap = scene.transition.kind == .cut ? 0 : scene.transition.duration
                        return total + scene.duration - overlap
                    } + 8
                let plan = try api.object(edited)
                let repriced = try await api.call(.post, "/api/v1/plans", session: session, json: ["plan": plan])
                #expect(repriced.status == .ok, "\(repriced.text)")
                #expect(try repriced.decode(Schemas.PlanPreview.self).price == Int(planned.rounded(.up)))
                let created = try await api.call(.post, "/api/v1/videos", session: session, json: ["plan": plan])
                #expect(created.status == .created)
                #expect(try created.decode(Schemas.Video.self).creditsUsed == Int(planned.rounded(.up)))
                #expect(try await api.balance(session) == 100 - Int(planned.rounded(.up)))
            }
        }
    }

    @Test(
        "usage: credits per day and videos by status; lists sort newest or oldest first", arguments: TestEngine.allCases
    )
    func usageAndSort(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let a = try await api.createVideo(session, prompt: "first video about owls").decode(Schemas.Video.self)
                    .id
                let b = try await api.createVideo(session, prompt: "second video about foxes", seconds: 7).decode(
                    Schemas.Video.self
                ).id
                let reply = try await api.call(.get, "/api/v1/users/me/usage?days=7", session: session)
                #expect(reply.status == .ok)
                let usage = try reply.decode(Schemas.Usage.self)
                let days = usage.days
                #expect(days.count == 7)
                let today = try #require(days.last)
                #expect(today.spent == 12 && today.granted == 100)
                #expect(days.dropLast().allSatisfy { $0.spent == 0 })
                #expect(usage.videosByStatus.queued == 2 && usage.videosByStatus.expired == 0)
                #expect(usage.totalVideos == 2 && usage.creditsSpent == 12)
                #expect(
                    try await api.call(.get, "/api/v1/users/me/usage?days=0", session: session).status
                        == .unprocessableContent)

                let newest = try await api.call(.get, "/api/v1/videos", session: session)
                #expect(try newest.decode(Schemas.VideoPage.self).items.map(\.id) == [b, a])
                let oldest = try await api.call(.get, "/api/v1/videos?sort=oldest&limit=1", session: session)
                let oldestPage = try oldest.decode(Schemas.VideoPage.self)
                #expect(oldestPage.items.map(\.id) == [a])
                let cursor = try #require(oldestPage.nextCursor)
                let next = try await api.call(
                    .get, "/api/v1/videos?sort=oldest&limit=1&cursor=\(cursor)", session: session)
                #expect(try next.decode(Schemas.VideoPage.self).items.map(\.id) == [b])
                let wrong = try await api.call(.get, "/api/v1/videos?sort=sideways", session: session)
                #expect(
                    wrong.status == .unprocessableContent
                        && wrong.errorMessage == "sort: must be one of newest, oldest, title, expiring, got 'sideways'")
            }
        }
    }
}
