import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MCP
import NIOCore
import PixoraAPI
import PixoraCore
import PixoraStore
import PixoraTestSupport
import Synchronization
import Testing

@testable import PixoraServer

/// An MCP client transport over the test server's `/mcp`: POSTs each message with the bearer token and the session
/// id, and hands back the JSON answer or each event of an SSE answer. (The SDK's own HTTP client transport cannot
/// read SSE answers on Linux.)
actor RouterMCPTransport: Transport {
    nonisolated let logger = Logger(label: "pixora.test.mcp")
    let api: API
    let token: String
    private(set) var sessionID: String?
    private(set) var streamedAnswers = 0
    private let stream: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation

    init(api: API, token: String) {
        self.api = api
        self.token = token
        (stream, continuation) = AsyncThrowingStream.makeStream()
    }

    func connect() async throws {}
    func disconnect() async { continuation.finish() }
    func receive() -> AsyncThrowingStream<Data, any Error> { stream }

    func send(_ data: Data) async throws {
        var headers: HTTPFields = [
            .authorization: "Bearer \(token)", .accept: "application/json, text/event-stream",
            .contentType: "application/json",
        ]
        if let sessionID { headers[.init("Mcp-Session-Id")!] = sessionID }
        let reply = try await api.call(.post, "/mcp", headers: headers, raw: ByteBuffer(bytes: data))
        if let id = reply.headers[.init("Mcp-Session-Id")!] { sessionID = id }
        if reply.status == .accepted { return }
        guard reply.status == .ok else { throw TestFailure("POST /mcp: \(reply.status) \(reply.text)") }
        if reply.headers[.contentType] == "text/event-stream" {
            streamedAnswers += 1
            for block in reply.text.components(separatedBy: "\n\n") {
                guard let line = block.split(separator: "\n").first(where: { $0.hasPrefix("data: ") }) else { continue }
                continuation.yield(Data(line.dropFirst(6).utf8))
            }
        } else {
            continuation.yield(Data(reply.body.readableBytesView))
        }
    }
}

/// Progress notifications a client received, in order.
final class ProgressLog: Sendable {
    private let list = Mutex<[ProgressNotification.Parameters]>([])
    func add(_ value: ProgressNotification.Parameters) { list.withLock { $0.append(value) } }
    var all: [ProgressNotification.Parameters] { list.withLock { $0 } }
}

extension CallTool.Result {
    var text: String {
        content.compactMap { if case .text(let text, _, _) = $0 { text } else { nil } }.joined(separator: "\n")
    }
    func value(_ path: String...) -> Value? {
        path.reduce(structuredContent) { value, key in value?.objectValue?[key] }
    }
}

@Suite("The MCP server over Streamable HTTP")
struct MCPServerTests {
    func connect(_ api: API, _ session: Session) async throws -> (Client, RouterMCPTransport, ProgressLog) {
        let client = Client(name: "pixora-test", version: "1")
        let transport = RouterMCPTransport(api: api, token: session.token)
        let log = ProgressLog()
        await client.onNotification(ProgressNotification.self) { message in log.add(message.params) }
        try await client.connect(transport: transport)
        return (client, transport, log)
    }

    func call(_ client: Client, _ name: String, _ arguments: [String: Value], progress: String? = nil) async throws
        -> CallTool.Result
    {
        let context: MCP.RequestContext<CallTool.Result> = try await client.callTool(
            name: name, arguments: arguments, meta: progress.map { Metadata(progressToken: .string($0)) })
        return try await context.value
    }

    @Test(
        "plan free, create with progress, read the media link, edit, refuse bad arguments and other users",
        arguments: TestEngine.allCases)
    func session(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let owner = try await api.register()
                let (client, transport, progress) = try await connect(api, owner)
                #expect(await transport.sessionID?.isEmpty == false)

                let (tools, _) = try await client.listTools()
                #expect(
                    Set(tools.map(\.name)).isSuperset(of: [
                        "plan_video", "create_video", "get_video", "list_videos", "edit_video", "regenerate_scene",
                    ]))
                #expect(tools.allSatisfy { $0.inputSchema.objectValue?["properties"] != nil && $0.description != nil })

                let settings: [String: Value] = [
                    "prompt": "a 5-second video about bees making honey", "durationSeconds": 5, "quality": "480p",
                ]
                let plan = try await call(client, "plan_video", settings)
                #expect(plan.isError == false)
                #expect(plan.value("price")?.intValue == 5)
                #expect(plan.value("balance")?.intValue == 100)
                #expect((plan.value("plan", "scenes")?.arrayValue?.count ?? 0) >= 1)
                #expect(try await ledger(app, owner.userId) == (100, 100))

                // Created from the reviewed plan, followed to the end with progress on the call's own stream.
                var create = settings
                create["plan"] = try #require(plan.value("plan"))
                create["idempotencyKey"] = "mcp-bees-1"
                let made = try await app.withWorker {
                    try await call(client, "create_video", create, progress: "make-1")
                }
                #expect(made.isError == false, "\(made.text)")
                #expect(made.value("status")?.stringValue == "completed")
                let id = try #require(made.value("id")?.stringValue)
                let updates = progress.all.filter { $0.progressToken == .string("make-1") }
                #expect(updates.count >= 3)
                #expect(updates.map(\.progress) == updates.map(\.progress).sorted())
                #expect(updates.last?.progress == 100 && updates.last?.total == 100)
                #expect(await transport.streamedAnswers == 1)
                #expect(try await ledger(app, owner.userId) == (95, 95))

                let link = try #require(made.value("videoUrl")?.stringValue)
                #expect(link.hasPrefix(app.services.configuration.publicURL + "/api/v1/videos/\(id)/video?access="))
                let file = try await api.call(.get, String(link.dropFirst(app.services.configuration.publicURL.count)))
                #expect(file.status == .ok)
                let media = try await probe(Data(file.body.readableBytesView))
                #expect(abs(media.duration - 5) < 0.5)
                #expect(media.streams.contains("video") && media.streams.contains("audio"))

                // The same key answers the same video and charges nothing more.
                let again = try await call(client, "create_video", create.merging(["waitSeconds": 0]) { $1 })
                #expect(again.value("id")?.stringValue == id)
                #expect(try await ledger(app, owner.userId) == (95, 95))

                let got = try await call(client, "get_video", ["videoId": .string(id)])
                #expect(got.value("status")?.stringValue == "completed")
                #expect(got.value("job", "progress", "stage")?.stringValue == "done")
                let listed = try await call(client, "list_videos", [:])
                #expect(listed.value("items")?.arrayValue?.compactMap { $0.objectValue?["id"]?.stringValue } == [id])

                let templates = try await client.listResourceTemplates().templates.map(\.uriTemplate)
                #expect(templates.contains("pixora://videos/{id}/plan"))
                let planText = try await client.readResource(uri: "pixora://videos/\(id)/plan")
                guard case .some(let content) = planText.first, let text = content.text else {
                    throw TestFailure("the plan resource has no text")
                }
                #expect(text.contains("\"scenes\""))
                let mediaText = try #require(
                    try await client.readResource(uri: "pixora://videos/\(id)/media").first?.text)
                #expect(mediaText.contains("/api/v1/videos/\(id)/video?access="))

                // An edit is saved as version 2 and rendered; a wrong one names the operation, saving nothing.
                let edited = try await app.withWorker {
                    try await call(
                        client, "edit_video",
                        [
                            "videoId": .string(id),
                            "operations": [["op": "setTrackVolume", "track": "music", "volume": 0.3]],
                        ])
                }
                #expect(edited.isError == false, "\(edited.text)")
                #expect(edited.value("version", "number")?.intValue == 2)
                #expect(edited.value("version", "status")?.stringValue == "ready")
                let wrongEdit = try await call(
                    client, "edit_video", ["videoId": .string(id), "operations": [["op": "removeClip", "clip": 9]]])
                #expect(wrongEdit.isError == true)
                #expect(wrongEdit.text.contains("operations[0].clip"))
                let versions = try await app.services.database.read { db in try await Versions.list(db, video: id) }
                #expect(versions.count == 2)

                // One scene drawn again: charged as the REST route charges, followed to the end.
                let redrawn = try await app.withWorker {
                    try await call(
                        client, "regenerate_scene", ["videoId": .string(id), "scene": 1, "regenerate": "visual"],
                        progress: "redraw")
                }
                #expect(redrawn.isError == false, "\(redrawn.text)")
                #expect(redrawn.value("regeneration", "price")?.intValue == 3)
                #expect(redrawn.value("video", "status")?.stringValue == "completed")
                #expect(progress.all.filter { $0.progressToken == .string("redraw") }.last?.progress == 100)
                #expect(try await ledger(app, owner.userId) == (92, 92))
                let farScene = try await call(
                    client, "regenerate_scene", ["videoId": .string(id), "scene": 99, "regenerate": "visual"])
                #expect(farScene.isError == true && farScene.text.hasPrefix("scene must be from 1 to "))

                // Bad arguments: tool errors with the precise reason, nothing charged, the session goes on.
                let shape = try await call(client, "create_video", ["prompt": "bees", "aspectRatio": "4:3"])
                #expect(shape.isError == true)
                #expect(shape.text.contains("aspectRatio") && shape.text.contains("4:3"))
                let long = try await call(client, "create_video", ["prompt": "bees", "durationSeconds": 500])
                #expect(long.isError == true && long.text.contains("durationSeconds"))
                let typo = try await call(client, "plan_video", ["prompt": "bees", "durationSecs": 5])
                #expect(typo.isError == true && typo.text.contains("unknown argument 'durationSecs'"))
                let broke = try await call(client, "create_video", ["prompt": "bees", "durationSeconds": 120])
                #expect(broke.isError == true && broke.text.contains("120"))
                #expect(try await ledger(app, owner.userId) == (92, 92))
                #expect(try await call(client, "get_video", ["videoId": .string(id)]).isError == false)

                // Another user sees none of it.
                let stranger = try await api.register()
                let (other, otherTransport, _) = try await connect(api, stranger)
                let hidden = try await call(other, "get_video", ["videoId": .string(id)])
                #expect(hidden.isError == true && hidden.text == "video not found")
                let hiddenEdit = try await call(
                    other, "edit_video",
                    ["videoId": .string(id), "operations": [["op": "setDucking", "enabled": false]]])
                #expect(hiddenEdit.isError == true && hiddenEdit.text == "video not found")
                #expect(try await call(other, "list_videos", [:]).value("items")?.arrayValue?.isEmpty == true)
                await #expect(throws: (any Error).self) {
                    _ = try await other.readResource(uri: "pixora://videos/\(id)/plan")
                }

                // No token, a wrong one, or someone else's session: refused before any tool runs.
                let initialize = #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#
                let anonymous = try await api.call(.post, "/mcp", raw: ByteBuffer(string: initialize))
                #expect(anonymous.status == .unauthorized)
                #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
                let forged = try await api.call(
                    .post, "/mcp", headers: [.authorization: "Bearer not-a-token"], raw: ByteBuffer(string: initialize))
                #expect(forged.status == .unauthorized)
                let borrowed = try await api.call(
                    .post, "/mcp",
                    headers: [
                        .authorization: "Bearer \(stranger.token)",
                        .init("Mcp-Session-Id")!: try #require(await transport.sessionID),
                    ], raw: ByteBuffer(string: initialize))
                #expect(borrowed.status == .notFound)
                #expect(await otherTransport.sessionID != transport.sessionID)

                // resources/list names the owner's videos; GET has no stream; DELETE ends the session.
                let listedResources = try await client.listResources().resources.map(\.uri)
                #expect(listedResources.contains("pixora://videos/\(id)/editor-state"))
                let sessionHeaders: HTTPFields = [
                    .authorization: "Bearer \(owner.token)",
                    .init("Mcp-Session-Id")!: try #require(await transport.sessionID),
                ]
                let get = try await api.call(.get, "/mcp", headers: sessionHeaders)
                #expect(get.status == .methodNotAllowed && get.headers[.allow] == "DELETE, POST")
                #expect(try await api.call(.delete, "/mcp", headers: sessionHeaders).status == .noContent)
                let closed = try await api.call(
                    .post, "/mcp", headers: sessionHeaders, raw: ByteBuffer(string: initialize))
                #expect(closed.status == .notFound)
                await client.disconnect()
                await other.disconnect()
            }
        }
    }

    @Test(
        "studio steps through the tools: locked refused, idea run with progress and approved, others' hidden",
        arguments: TestEngine.allCases)
    func studio(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let owner = try await api.register()
                let created = try await api.createStudio(owner, topic: "bees at dawn \(UUID().uuidString.prefix(6))")
                let id = created.id
                let (client, transport, progress) = try await connect(api, owner)
                let (tools, _) = try await client.listTools()
                #expect(
                    Set(tools.map(\.name)).isSuperset(of: ["run_studio_step", "approve_studio_step", "get_project"]))

                // A step whose input is not approved: the API's own sentence, nothing charged.
                let locked = try await call(client, "run_studio_step", ["projectId": .string(id), "step": "hero"])
                #expect(locked.isError == true)
                #expect(locked.text == "The hero step needs the idea step to be approved first.")
                let wrongStep = try await call(client, "run_studio_step", ["projectId": .string(id), "step": "polish"])
                #expect(wrongStep.isError == true && wrongStep.text.hasPrefix("step: must be one of: "))
                #expect(try await ledger(app, owner.userId) == (100, 100))

                // The idea step, charged its estimate and followed to review on the call's own stream.
                let estimate = try await api.estimate(owner, id, .idea)
                let ran = try await app.withWorker {
                    try await call(
                        client, "run_studio_step", ["projectId": .string(id), "step": "idea", "request": [:]],
                        progress: "idea")
                }
                #expect(ran.isError == false, "\(ran.text)")
                let ideaView = ran.value("workflow", "steps")?.arrayValue?.first {
                    $0.objectValue?["step"]?.stringValue == "idea"
                }
                #expect(ideaView?.objectValue?["state"]?.stringValue == "review")
                #expect(ideaView?.objectValue?["lastRunCredits"]?.intValue == estimate.credits)
                let concepts = ran.value("workflow", "outputs", "idea", "concepts")?.arrayValue ?? []
                #expect(concepts.count == 3)
                let updates = progress.all.filter { $0.progressToken == .string("idea") }
                #expect(updates.count >= 2)
                #expect(updates.map(\.progress) == updates.map(\.progress).sorted())
                #expect(updates.last?.progress == 100)
                #expect(await transport.streamedAnswers == 1)
                #expect(try await ledger(app, owner.userId) == (100 - estimate.credits, 100 - estimate.credits))

                // Approved with the second concept; the steps that need it unlock.
                let approved = try await call(
                    client, "approve_studio_step",
                    ["projectId": .string(id), "step": "idea", "selection": ["choice": 1]])
                #expect(approved.isError == false, "\(approved.text)")
                #expect(approved.value("workflow", "outputs", "idea", "concept") == concepts[1])
                let again = try await call(client, "approve_studio_step", ["projectId": .string(id), "step": "idea"])
                #expect(again.isError == true)
                #expect(again.text == "The idea step has nothing to approve: it is done.")
                let got = try await call(client, "get_project", ["projectId": .string(id)])
                #expect(got.isError == false && got.value("id")?.stringValue == id)
                let states = Dictionary(
                    uniqueKeysWithValues: (got.value("workflow", "steps")?.arrayValue ?? []).compactMap {
                        step -> (String, String)? in
                        guard let name = step.objectValue?["step"]?.stringValue,
                            let state = step.objectValue?["state"]?.stringValue
                        else { return nil }
                        return (name, state)
                    })
                #expect(states["idea"] == "done" && states["storyboard"] == "ready" && states["hero"] == "locked")

                // A paid step (the storyboard: the plan, and the voices the asset cache lacks, at most the
                // estimate), charged as the route charges, the ledger matching the balance.
                let storyboard = try await api.estimate(owner, id, .storyboard)
                #expect(storyboard.credits > 0)
                let boardRun = try await app.withWorker {
                    try await call(client, "run_studio_step", ["projectId": .string(id), "step": "storyboard"])
                }
                #expect(boardRun.isError == false, "\(boardRun.text)")
                let boardView = boardRun.value("workflow", "steps")?.arrayValue?.first {
                    $0.objectValue?["step"]?.stringValue == "storyboard"
                }
                #expect(boardView?.objectValue?["state"]?.stringValue == "review")
                let charged = try #require(boardView?.objectValue?["lastRunCredits"]?.intValue)
                #expect((1...storyboard.credits).contains(charged))
                let spent = estimate.credits + charged
                #expect(try await ledger(app, owner.userId) == (100 - spent, 100 - spent))

                // Another user: the project does not exist for them, and nothing of theirs is charged.
                let stranger = try await api.register()
                let (other, _, _) = try await connect(api, stranger)
                let probes: [(String, [String: Value])] = [
                    ("get_project", ["projectId": .string(id)]),
                    ("run_studio_step", ["projectId": .string(id), "step": "hero"]),
                    ("approve_studio_step", ["projectId": .string(id), "step": "idea"]),
                ]
                for (tool, arguments) in probes {
                    let hidden = try await call(other, tool, arguments)
                    #expect(hidden.isError == true && hidden.text == "project not found", "\(tool)")
                }
                #expect(try await ledger(app, stranger.userId) == (100, 100))
                #expect(try await ledger(app, owner.userId) == (100 - spent, 100 - spent))
                await client.disconnect()
                await other.disconnect()
            }
        }
    }

    @Test(
        "analyze_sample: a base64 sample becomes a remix project analysed with progress; wrong type and size refused",
        arguments: TestEngine.allCases)
    func analyzeSample(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let owner = try await api.register()
                let (client, _, progress) = try await connect(api, owner)
                let sample = try await ProjectFixtures.sample.base64EncodedString()
                let analysed = try await app.withWorker {
                    try await call(
                        client, "analyze_sample",
                        ["sampleBase64": .string(sample), "fileName": "clips/my sample.mp4", "topic": "bees"],
                        progress: "analyse")
                }
                #expect(analysed.isError == false, "\(analysed.text)")
                #expect(analysed.value("status")?.stringValue == "analyzed")
                #expect(analysed.value("kind")?.stringValue == "remix")
                #expect(analysed.value("title")?.stringValue == "Remix of my sample")
                #expect(analysed.value("analysis", "shots")?.arrayValue?.count == 3)
                let keyframes = analysed.value("keyframeUrls")?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(keyframes.count == 3)
                #expect(keyframes.allSatisfy { $0.hasPrefix(app.services.configuration.publicURL + "/api/v1/") })
                let file = analysed.value("files")?.arrayValue?.first?.objectValue
                #expect(file?["contentType"]?.stringValue == "video/mp4")
                #expect(file?["name"]?.stringValue == "my sample.mp4")
                let updates = progress.all.filter { $0.progressToken == .string("analyse") }
                #expect(updates.count >= 2 && updates.last?.progress == 100)
                #expect(updates.map(\.progress) == updates.map(\.progress).sorted())
                let id = try #require(analysed.value("id")?.stringValue)
                let listed = try await api.call(.get, "/api/v1/projects/\(id)", session: owner)
                #expect(listed.status == .ok)

                // A picture is not a video: refused by the upload's own check, as the multipart route words it.
                var picture = MultipartBody()
                picture.text("kind", "remix")
                picture.file("sample", try await ProjectFixtures.character, filename: "hero.png", type: "image/png")
                let viaRoute = try await api.upload(owner, picture)
                let notVideo = try await call(
                    client, "analyze_sample",
                    ["sampleBase64": .string(ProjectFixtures.character.base64EncodedString()), "fileName": "hero.png"])
                #expect(notVideo.isError == true && notVideo.text == viaRoute.errorMessage, "\(notVideo.text)")
                let tooBig = try await call(
                    client, "analyze_sample",
                    [
                        "sampleBase64": .string(Data(count: 3_000_001).base64EncodedString()),
                        "fileName": "big.mp4", "waitSeconds": 0,
                    ])
                #expect(tooBig.text == "the sample is 3000001 bytes; analyze_sample takes at most 3000000")
                let garbage = try await call(client, "analyze_sample", ["sampleBase64": "!!!", "fileName": "x.mp4"])
                #expect(garbage.isError == true && garbage.text == "sampleBase64 is not base64 of a file")
                let projects = try await api.call(.get, "/api/v1/projects", session: owner)
                    .decode(Schemas.ProjectPage.self)
                #expect(projects.items.map(\.id) == [id])
                #expect(try await ledger(app, owner.userId) == (100, 100))
                await client.disconnect()
            }
        }
    }

    @Test("sessions answer only their user, and close when idle or when a user opens too many")
    func sessions() async throws {
        let sessions = MCPSessions(idle: .seconds(3600), perUser: 2)
        func open(_ user: String) async -> String {
            await sessions.open(
                user: user, server: Server(name: "t", version: "1"), transport: MCPSessionTransport(logger: testLogger))
        }
        let first = await open("ann")
        let second = await open("ann")
        #expect(await sessions.find(first, user: "ann") != nil)
        #expect(await sessions.find(first, user: "bob") == nil)
        // The least recently used goes: `first` was just used, so `second` is closed.
        let third = await open("ann")
        #expect(await sessions.find(second, user: "ann") == nil)
        #expect(await sessions.find(first, user: "ann") != nil)
        #expect(await sessions.find(third, user: "ann") != nil)
        let clock = Mutex(ContinuousClock.now)
        let brief = MCPSessions(idle: .seconds(3600), perUser: 2, now: { clock.withLock { $0 } })
        let gone = await brief.open(
            user: "ann", server: Server(name: "t", version: "1"), transport: MCPSessionTransport(logger: testLogger))
        clock.withLock { $0 += .seconds(3000) }
        #expect(await brief.find(gone, user: "ann") != nil)
        clock.withLock { $0 += .seconds(3601) }
        #expect(await brief.find(gone, user: "ann") == nil)
    }
}
