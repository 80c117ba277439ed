import Foundation
import PixoraCore
import PixoraJobs
import PixoraPipeline
import PixoraStore
import PixoraTestSupport
import Testing

/// `"mode": "agent"` on `POST /api/v1/videos`: the director agent runs as the video's job, against the emulated
/// Chat Completions model (every reply scripted, every request recorded).
@Suite("The director agent as a video mode")
struct AgentModeAPITests {
    /// The environment of a server whose language model is the emulator at `base`; the planner and the editor
    /// assistant stay the rules, so only the director talks to the model. Retries are quick.
    static func environment(_ base: String, attempts: Int = 2) -> [String: String] {
        [
            "OPENAI_BASE_URL": base + "/v1", "OPENAI_API_KEY": "sk-emulated", "PIXORA_PLANNER_PROVIDER": "embedded",
            "PIXORA_ASSISTANT_PROVIDER": "embedded", "PIXORA_PROVIDER_ATTEMPTS": "\(attempts)",
            "PIXORA_PROVIDER_RETRY_SECONDS": "0.01",
        ]
    }

    /// A model turn: optional words, then calls to tools with arguments.
    static func turn(_ calls: [(String, Any)], saying content: String? = nil) -> ProviderEmulator.Reply {
        let message: [String: Any] = [
            "role": "assistant", "content": content.map { $0 as Any } ?? NSNull(),
            "tool_calls": calls.enumerated().map { index, call in
                let arguments: String
                if let text = call.1 as? String {
                    arguments = text  // as the model wrote it, even when it is not JSON
                } else {
                    let data = try! JSONSerialization.data(withJSONObject: call.1)
                    arguments = String(decoding: data, as: UTF8.self)
                }
                return [
                    "id": "call_\(UUID().uuidString.prefix(6))_\(index)", "type": "function",
                    "function": ["name": call.0, "arguments": arguments],
                ] as [String: Any]
            },
        ]
        return .json([
            "id": "chatcmpl-emulated", "object": "chat.completion", "created": 1_700_000_000, "model": "emulated",
            "choices": [["index": 0, "finish_reason": "tool_calls", "message": message]],
        ])
    }

    /// Creates a 480p video of `seconds` in agent mode.
    static func create(
        _ api: API, _ session: Session, seconds: Int, steps: Int? = nil, prompt: String = "how bees make honey"
    ) async throws -> Reply {
        var body: [String: Any] = [
            "prompt": prompt, "mode": "agent",
            "settings": ["durationSeconds": seconds, "quality": "480p", "aspectRatio": "16:9"],
        ]
        if let steps { body["agentSteps"] = steps }
        return try await api.call(.post, "/api/v1/videos", session: session, json: body)
    }

    /// Creates an agent-mode video and runs a worker until it ends; the video as it ended.
    static func finished(
        _ app: TestApp, _ api: API, _ session: Session, seconds: Int, steps: Int? = nil
    ) async throws -> Schemas.Video {
        let id = try await create(api, session, seconds: seconds, steps: steps).decode(Schemas.Video.self).id
        return try await app.withWorker { try await api.waitForVideo(session, id).decode(Schemas.Video.self) }
    }

    /// The video's ledger lines, oldest first.
    static func ledgerLines(_ app: TestApp, user: String, video: String) async throws -> [CreditReason] {
        try await app.services.database.read { db in
            try await CreditLedger.transactions(db, user: user, limit: 100, after: nil).items
                .filter { $0.reference == video }.reversed().map(\.reason)
        }
    }

    static let script = "Bees visit flowers for nectar. They carry it home and turn it into honey."

    @Test(
        "the agent writes, plans, makes and edits the video: an ordinary video with its plan, steps kept in order, charged once",
        arguments: TestEngine.allCases)
    func endToEnd(engine: TestEngine) async throws {
        let thought = "First the words: <b>short</b> & plain."
        let llm = ProviderEmulator([
            Self.turn([("write_script", ["script": Self.script])], saying: thought),
            Self.turn([("dance", [String: Any]()), ("plan_scenes", "{not json")]),  // no such tool; bad arguments
            Self.turn([("set_transition", ["scene": 1, "kind": "wipeleft"])]),
            Self.turn([("generate_media", [String: Any]())]),
            Self.turn([
                (
                    "apply_edits",
                    ["operations": [["op": "addOverlay", "overlay": ["text": "Honey", "start": 0, "end": 2]]]]
                )
            ]),
            Self.turn([("finish", [String: Any]())]),
        ])
        try await llm.run { base in
            try await TestApp.with(engine, environment: Self.environment(base)) { app in
                try await app.test { api in
                    let options = try await api.call(.get, "/api/v1/settings/options").rawJSON()
                    let agent = options["agent"] as? [String: Any]
                    #expect(agent?["available"] as? Bool == true && agent?["defaultSteps"] as? Int == 12)

                    let session = try await api.register()
                    let created = try await Self.create(api, session, seconds: 10)
                    #expect(created.status == .created, "\(created.text)")
                    let id = try created.decode(Schemas.Video.self).id
                    #expect(try await api.balance(session) == 90)
                    let events = try await app.withWorker {
                        try await api.call(.get, "/api/v1/videos/\(id)/events", session: session)
                    }
                    #expect(events.text.contains("\"agent\":["))
                    let video = try await api.waitForVideo(session, id).decode(Schemas.Video.self)
                    #expect(video.status == .completed, "\(video.error ?? "")")
                    #expect(video.currentVersion == 1 && video.creditsUsed == 10)

                    // The plan is the one the emulated agent built: its script, its transition.
                    let plan = try #require(video.plan)
                    #expect(plan.scenes.map(\.narration).joined(separator: " ") == Self.script)
                    #expect(plan.scenes.first?.transition.kind == .wipeleft)
                    let scenes = try await api.call(.get, "/api/v1/videos/\(id)/scenes", session: session)
                    #expect(try scenes.decode(Schemas.SceneList.self).scenes.count == plan.scenes.count)
                    let versions = try await api.call(.get, "/api/v1/videos/\(id)/versions", session: session)
                        .decode(Schemas.VersionList.self)
                    #expect(versions.versions.count == 1)
                    let editor = try await api.call(
                        .get, "/api/v1/videos/\(id)/versions/\(versions.versions[0].id)",
                        session: session
                    ).decode(Schemas.Version.self)
                    #expect(editor.editorState?.overlays.map(\.text) == ["Honey"])

                    // Its steps, in order, as the progress page reads them after a reload.
                    let steps = try #require(video.job?.progress?.agent)
                    #expect(steps.first == DirectorStep(round: 1, kind: .thought, summary: thought))
                    #expect(
                        steps.filter { $0.kind == .tool }.map { $0.tool ?? "" } == [
                            "write_script", "dance", "plan_scenes", "set_transition", "generate_media",
                            "apply_edits", "finish",
                        ])
                    #expect(steps.map(\.round) == [1, 1, 2, 2, 3, 4, 5, 6])
                    #expect(steps[2].summary == "There is no tool named dance.")
                    #expect(steps[3].arguments == "{not json" && steps[3].summary.contains("scenes"))
                    #expect(steps[4].summary.contains("wipeleft"))
                    #expect(llm.requests.count == 6)

                    // Charged once, not refunded; the balance is the ledger's sum.
                    #expect(try await Self.ledgerLines(app, user: session.userId, video: id) == [.videoCharge])
                    let (balance, sum) = try await ledger(app, session.userId)
                    #expect(balance == 90 && sum == 90)
                    let file = try await api.call(.get, "/api/v1/videos/\(id)/video", session: session)
                    let media = try await probe(Data(file.body.readableBytesView))
                    #expect(abs(media.duration - 10) < 1 && media.streams.contains("audio"))
                }
            }
        }
    }

    @Test(
        "the agent cannot make the video longer than what was paid: the edit is refused and the video stays 5 s",
        arguments: TestEngine.allCases)
    func durationCap(engine: TestEngine) async throws {
        let llm = ProviderEmulator([
            Self.turn([("plan_scenes", [String: Any]())]),
            Self.turn([("generate_media", [String: Any]())]),
            Self.turn([("apply_edits", ["operations": [["op": "trimClip", "clip": 0, "duration": 40]]])]),
            Self.turn([("finish", [String: Any]())]),
        ])
        try await llm.run { base in
            try await TestApp.with(engine, environment: Self.environment(base)) { app in
                try await app.test { api in
                    let session = try await api.register()
                    let video = try await Self.finished(app, api, session, seconds: 5)
                    #expect(video.status == .completed, "\(video.error ?? "")")
                    // The model was told why, and nothing changed.
                    let told = (llm.requests[3].json["messages"] as? [[String: Any]])?.last?["content"] as? String
                    #expect(told?.contains("5 s were paid for") == true, "\(told ?? "")")
                    let edit = video.job?.progress?.agent?.first { $0.tool == "apply_edits" }
                    #expect(edit?.summary.contains("Nothing was changed") == true)
                    #expect(try #require(video.durationSeconds) < 5.5)
                    #expect(try await api.balance(session) == 95)
                }
            }
        }
    }

    @Test(
        "out of steps, the job fails with the reason and one refund; the steps taken are kept",
        arguments: TestEngine.allCases)
    func stepLimit(engine: TestEngine) async throws {
        let llm = ProviderEmulator([
            Self.turn([("write_script", ["script": Self.script])]),
            Self.turn([("plan_scenes", [String: Any]())]),
            Self.turn([("generate_media", [String: Any]())]),
        ])
        try await llm.run { base in
            try await TestApp.with(engine, environment: Self.environment(base)) { app in
                try await app.test { api in
                    let session = try await api.register()
                    let video = try await Self.finished(app, api, session, seconds: 10, steps: 2)
                    let id = video.id
                    #expect(video.status == .failed)
                    #expect(video.error?.contains("did not finish in 2 steps") == true, "\(video.error ?? "")")
                    #expect(video.job?.attempts == 1 && video.job?.maxAttempts == 1)
                    #expect(llm.requests.count == 2)
                    #expect(video.job?.progress?.agent?.map { $0.tool ?? "" } == ["write_script", "plan_scenes"])
                    #expect(
                        try await Self.ledgerLines(app, user: session.userId, video: id) == [
                            .videoCharge, .videoRefund,
                        ])
                    let (balance, sum) = try await ledger(app, session.userId)
                    #expect(balance == 100 && sum == 100)
                }
            }
        }
    }

    @Test(
        "a model that keeps failing (429, then 500) is retried per the provider policy, then the job fails once, refunded",
        arguments: TestEngine.allCases)
    func modelError(engine: TestEngine) async throws {
        let llm = ProviderEmulator([
            .init(status: 429, body: #"{"error":{"message":"slow down"}}"#),
            .init(status: 500, body: #"{"error":{"message":"the model fell over"}}"#),
        ])
        try await llm.run { base in
            try await TestApp.with(engine, environment: Self.environment(base, attempts: 2)) { app in
                try await app.test { api in
                    let session = try await api.register()
                    let video = try await Self.finished(app, api, session, seconds: 5)
                    let id = video.id
                    #expect(video.status == .failed)
                    #expect(video.error?.contains("HTTP 500") == true, "\(video.error ?? "")")
                    #expect(llm.requests.count == 2)
                    #expect(
                        try await Self.ledgerLines(app, user: session.userId, video: id) == [
                            .videoCharge, .videoRefund,
                        ])
                    let (balance, sum) = try await ledger(app, session.userId)
                    #expect(balance == 100 && sum == 100)
                }
            }
        }
    }

    @Test(
        "cancel while the agent waits on the model: refunded once, and the agent asks nothing more",
        arguments: TestEngine.allCases)
    func cancelDuringRun(engine: TestEngine) async throws {
        let llm = ProviderEmulator([
            Self.turn([("write_script", ["script": Self.script])]),
            // The model thinks far longer than a loaded machine takes to cancel: only the cancel ends this wait.
            .init(body: ProviderEmulator.toolCall("plan_scenes", arguments: [:]), delay: 900),
        ])
        try await llm.run { base in
            var environment = Self.environment(base)
            environment["PIXORA_HEARTBEAT_SECONDS"] = "0.2"
            try await TestApp.with(engine, environment: environment) { app in
                try await app.test { api in
                    let session = try await api.register()
                    // Every request of a video's agent carries its prompt: the counts are of those, not of a
                    // stray retry from another suite's client that reached this emulator's reused port.
                    let marker = "take \(Int.random(in: 100_000...999_999))"
                    let id = try await Self.create(
                        api, session, seconds: 5, prompt: "how bees make honey, \(marker)"
                    ).decode(Schemas.Video.self).id
                    let other = try await api.register()
                    let next = "next \(Int.random(in: 100_000...999_999))"
                    try await app.withWorker {
                        // Once the first step is stored, the model is thinking over the second.
                        let deadline = ContinuousClock.now + .seconds(600)
                        while ContinuousClock.now < deadline {
                            let video = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                                .decode(Schemas.Video.self)
                            if video.job?.progress?.agent?.isEmpty == false { break }
                            try await Task.sleep(for: .milliseconds(50))
                        }
                        let cancelled = try await api.call(.post, "/api/v1/videos/\(id)/cancel", session: session)
                        #expect(cancelled.status == .ok)
                        // The worker runs one job at a time: it takes the next video only once the cancel has
                        // stopped the agent's wait on the model (a shutdown would stop it too, so not yet that).
                        _ = try await Self.create(api, other, seconds: 5, prompt: "how owls hunt, \(next)")
                        let freed = ContinuousClock.now + .seconds(600)
                        while ContinuousClock.now < freed, !Self.asked(llm, next) {
                            try await Task.sleep(for: .milliseconds(100))
                        }
                        #expect(Self.asked(llm, next), "the worker never took the next video")
                    }
                    let video = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                        .decode(Schemas.Video.self)
                    #expect(video.status == .cancelled)
                    let ours = llm.requests.filter { String(decoding: $0.body, as: UTF8.self).contains(marker) }
                    #expect(ours.count == 2, "\(llm.requests.count) requests in all")
                    #expect(
                        try await Self.ledgerLines(app, user: session.userId, video: id) == [
                            .videoCharge, .videoRefund,
                        ])
                    let (balance, sum) = try await ledger(app, session.userId)
                    #expect(balance == 100 && sum == 100)
                }
            }
        }
    }

    /// Whether the model was sent a request carrying `marker`.
    static func asked(_ llm: ProviderEmulator, _ marker: String) -> Bool {
        llm.requests.contains { String(decoding: $0.body, as: UTF8.self).contains(marker) }
    }

    @Test(
        "without a language model agent mode is 409 no_language_model and charges nothing; bad mode fields are 422",
        arguments: TestEngine.allCases)
    func refusals(engine: TestEngine) async throws {
        try await TestApp.with(engine, environment: ["OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""]) { app in
            try await app.test { api in
                let options = try await api.call(.get, "/api/v1/settings/options").rawJSON()
                #expect((options["agent"] as? [String: Any])?["available"] as? Bool == false)
                let session = try await api.register()
                let refused = try await Self.create(api, session, seconds: 5)
                #expect(refused.status == .conflict)
                #expect(refused.errorCode == .noLanguageModel)
                #expect(refused.errorMessage?.contains("needs a language model") == true)

                let settings: [String: Any] = ["durationSeconds": 5, "quality": "480p"]
                let bad: [([String: Any], String)] = [
                    (["mode": "robot"], "mode"), (["mode": "agent", "agentSteps": 1], "agentSteps"),
                    (["mode": "agent", "agentSteps": 51], "agentSteps"), (["agentSteps": 5], "agentSteps"),
                    (["mode": "agent", "script": "Bees make honey."], "script"),
                ]
                for (fields, field) in bad {
                    var body: [String: Any] = ["prompt": "bees", "settings": settings]
                    body.merge(fields) { $1 }
                    let reply = try await api.call(.post, "/api/v1/videos", session: session, json: body)
                    #expect(reply.status == .unprocessableContent, "\(fields)")
                    let issues = try reply.decode(Schemas.ValidationError.self).value2.error?.details?.issues ?? []
                    #expect(issues.map(\.field) == [field], "\(fields)")
                }
                // A preview checks the mode too, rather than planning a body it would refuse to create.
                for (fields, field) in bad {
                    var body: [String: Any] = ["prompt": "bees", "settings": settings]
                    body.merge(fields) { $1 }
                    let preview = try await api.call(.post, "/api/v1/plans", session: session, json: body)
                    #expect(preview.status == .unprocessableContent, "\(fields)")
                    let issues = try preview.decode(Schemas.ValidationError.self).value2.error?.details?.issues
                    #expect(issues?.map(\.field) == [field], "\(fields)")
                }
                #expect(try await api.balance(session) == 100)
                let count = try await app.services.database.read { db in
                    try await Videos.list(
                        db, owner: session.userId, status: nil, search: nil, limit: 10, after: nil
                    ).items.count
                }
                #expect(count == 0)
            }
        }
    }
}
