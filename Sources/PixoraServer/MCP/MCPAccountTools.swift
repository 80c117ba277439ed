import Foundation
import Logging
import MCP
import PixoraAPI
import PixoraCore
import PixoraJobs
import PixoraPipeline
import PixoraStore

/// The tools of `/mcp`, acting as one signed-in user: each calls the same code as the REST route it mirrors
/// (`VideoRoutes`, the editor's typed operations, the store), so prices, limits, ownership and messages are the
/// API's own.
struct MCPAccountTools: Sendable {
    let services: AppServices
    let user: String
    let logger: Logger
    /// How often a waiting call looks at its job.
    var poll: Duration = .milliseconds(400)

    var videos: VideoRoutes { VideoRoutes(services: services) }
    var database: any Database { services.database }

    /// A server for one session, with the tools and resources registered.
    func makeServer() async -> Server {
        await PixoraMCPServer.make(
            title: "Pixora",
            instructions: "Plan, make and edit narrated videos, and run the guided studio's steps. plan_video is "
                + "free; create_video and run_studio_step charge credits.",
            place: .server,
            call: { await call($0, arguments: $1, progress: $2) }, resources: { try await resources() },
            read: { try await read($0) })
    }

    /// Runs a tool; every refusal becomes a tool error with the API's message, so the session carries on.
    func call(_ name: String, arguments: [String: Value]?, progress: MCPProgress) async -> CallTool.Result {
        guard let tool = MCPToolCatalogue.tools(.server).first(where: { $0.name == name }) else {
            return MCPToolResult.failure("unknown tool '\(name)'")
        }
        do {
            let arguments = try MCPArguments(arguments, tool: tool)
            switch name {
            case "plan_video": return try encode(try await videos.preview(try createBody(arguments), owner: user).body)
            case "create_video": return try encode(try await create(arguments, progress: progress))
            case "get_video": return try encode(try await video(try require(arguments, "videoId")))
            case "list_videos": return try encode(try await list(arguments))
            case "edit_video": return try encode(try await edit(arguments, progress: progress))
            case "run_studio_step": return try encode(try await runStep(arguments, progress: progress))
            case "approve_studio_step": return try encode(try await approveStep(arguments))
            case "get_project": return try encode(try await project(try require(arguments, "projectId")))
            case "analyze_sample": return try encode(try await analyze(arguments, progress: progress))
            case "regenerate_scene": return try encode(try await regenerate(arguments, progress: progress))
            default: return MCPToolResult.failure("unknown tool '\(name)'")
            }
        } catch let error as MCPToolError {
            return MCPToolResult.failure(error.message)
        } catch {
            if let refusal = APIError.from(error) {
                return MCPToolResult.failure(refusal.message)
            }
            logger.error("MCP tool failed", metadata: ["tool": .string(name), "error": .string("\(error)")])
            return MCPToolResult.failure("\(name) failed because of a fault on the server; it has been logged")
        }
    }

    func encode(_ value: some Encodable) throws -> CallTool.Result {
        try MCPToolResult.success(value, encoder: APIJSON.encoder())
    }

    func require(_ arguments: MCPArguments, _ name: String) throws -> String {
        guard let text = try arguments.string(name, max: 200), !text.isEmpty else {
            throw MCPToolError("\(name) is required")
        }
        return text
    }

    func createBody(_ arguments: MCPArguments) throws -> VideoRoutes.CreateRequest {
        VideoRoutes.CreateRequest(
            prompt: try arguments.string("prompt", max: .max),
            settings: try arguments.settings(), script: try arguments.string("script", max: .max),
            plan: try arguments.document("plan", as: Plan.self))
    }

    func waitSeconds(_ arguments: MCPArguments) throws -> Int {
        try arguments.integer("waitSeconds", in: 0...900) ?? 600
    }

    // MARK: Videos

    func create(_ arguments: MCPArguments, progress: MCPProgress) async throws -> Schemas.Video {
        let key = try arguments.string("idempotencyKey", max: 200)
        if key?.isEmpty == true { throw MCPToolError("idempotencyKey must be 1 to 200 characters") }
        let body = try createBody(arguments)
        let wait = try waitSeconds(arguments)
        let created = try await videos.create(body, key: key, owner: user, logger: logger).body
        await progress.report(0, "queued")
        guard wait > 0, let job = created.job?.id else { return created }
        try await follow(job: job, seconds: wait, progress: progress)
        return try await video(created.id)
    }

    func video(_ id: String) async throws -> Schemas.Video {
        let (video, job) = try await VideoRoutes.videoWithJob(database, owner: user, id: id)
        guard let video else { throw APIError.notFound("video") }
        return absolute(try Schemas.Video(video, job: job, tokens: services.tokens))
    }

    func list(_ arguments: MCPArguments) async throws -> Schemas.VideoPage {
        let limit = try arguments.integer("limit", in: 1...100) ?? 20
        var status: VideoStatus?
        if let text = try arguments.string("status", max: 20) {
            guard let value = VideoStatus(rawValue: text) else {
                throw MCPToolError(
                    "status must be one of \(VideoStatus.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'"
                )
            }
            status = value
        }
        let cursor = try VideoRoutes.cursor(try arguments.string("cursor", max: 200))
        let search = try arguments.string("query", max: 200)?.trimmingCharacters(in: .whitespaces)
        let page = try await database.read { db in
            try await Videos.list(db, owner: user, status: status, search: search, limit: limit, after: cursor)
        }
        return Schemas.VideoPage(
            items: try page.items.map { absolute(try Schemas.Video($0, detail: false, tokens: services.tokens)) },
            nextCursor: page.next?.token)
    }

    /// What `edit_video` answers: the changes the operations made and the version saved.
    struct EditOutcome: Encodable {
        var changes: [String]
        var version: Schemas.Version
        var removedVersions: [Int]
    }

    func edit(_ arguments: MCPArguments, progress: MCPProgress) async throws -> EditOutcome {
        let video = try await videos.ownedVideo(try require(arguments, "videoId"), owner: user)
        guard let operations = try arguments.document("operations", as: [EditorOperation].self),
            (1...100).contains(operations.count)
        else { throw MCPToolError("operations must hold 1 to 100 operations") }
        let wait = try waitSeconds(arguments)
        try APIError.refuseExpired(video)
        let state = try await currentState(of: video)
        let result = try state.applying(operations)
        let saved = try await videos.saveVersion(result.state, of: video, owner: user).body
        var version = saved.version
        if wait > 0 {
            try await follow(job: saved.jobId, seconds: wait, progress: progress)
            let stored = try await database.read { db in try await Versions.find(db, video: video.id, id: version.id) }
            let fresh = try await videos.ownedVideo(video.id, owner: user)
            if let stored {
                version = Schemas.Version(stored, video: fresh, includeState: false, tokens: services.tokens)
            }
        }
        version.videoUrl = version.videoUrl.map(absolute)
        version.thumbnailUrl = version.thumbnailUrl.map(absolute)
        return EditOutcome(changes: result.changes, version: version, removedVersions: saved.removedVersions)
    }

    /// The timeline of the video's current version (the newest when none is marked current).
    func currentState(of video: Video) async throws -> EditorState {
        let versions = try await database.read { db in try await Versions.list(db, video: video.id) }
        guard let version = versions.first(where: { $0.number == video.currentVersion }) ?? versions.last else {
            throw APIError(.conflict, .videoNotReady, "this video has no version to edit yet; it is \(video.status)")
        }
        return version.editorState
    }

    /// What `regenerate_scene` answers: the charge and revision, and the video as it is after the wait.
    struct RegenerateOutcome: Encodable {
        var regeneration: Schemas.Regeneration
        var video: Schemas.Video
    }

    func regenerate(_ arguments: MCPArguments, progress: MCPProgress) async throws -> RegenerateOutcome {
        let video = try await videos.ownedVideo(try require(arguments, "videoId"), owner: user)
        let number = try arguments.integer("scene", in: 1...500) ?? 1
        let wait = try waitSeconds(arguments)
        let scenes = try await database.read { db in try await Scenes.list(db, video: video.id) }
        let ordered = scenes.sorted { $0.position < $1.position }
        guard number <= ordered.count else {
            throw MCPToolError("scene must be from 1 to \(ordered.count): this video has \(ordered.count) scenes")
        }
        let body = VideoRoutes.RegenerateRequest(
            regenerate: try require(arguments, "regenerate"), narration: try arguments.string("narration", max: 1001),
            visual: try arguments.string("visual", max: 501))
        let regeneration = try await videos.regenerate(video, scene: ordered[number - 1].id, body, owner: user).body
        if wait > 0 { try await follow(job: regeneration.jobId, seconds: wait, progress: progress) }
        return RegenerateOutcome(regeneration: regeneration, video: try await self.video(video.id))
    }

    // MARK: Guided studio

    var studio: StudioRoutes { StudioRoutes(services: services) }

    func project(_ id: String) async throws -> Schemas.Project {
        absolute(try await ProjectRoutes(services: services).detail(id, owner: user))
    }

    /// `POST /projects/{id}/steps/{step}` through the route's own code, then the step's job followed to its end.
    func runStep(_ arguments: MCPArguments, progress: MCPProgress) async throws -> Schemas.Project {
        let id = try require(arguments, "projectId")
        let step = try require(arguments, "step")
        let request = try arguments.document("request", as: StudioRequest.self) ?? StudioRequest()
        let wait = try waitSeconds(arguments)
        let (queued, started) = try await studio.run(request, project: id, step: step, owner: user, logger: logger)
        guard queued, let job = started.job?.id else { return absolute(started) }
        await progress.report(0, "queued")
        guard wait > 0 else { return absolute(started) }
        try await follow(job: job, seconds: wait, progress: progress)
        return try await project(id)
    }

    func approveStep(_ arguments: MCPArguments) async throws -> Schemas.Project {
        let selection = try arguments.document("selection", as: StudioSelection.self) ?? StudioSelection()
        return absolute(
            try await studio.approve(
                selection, project: try require(arguments, "projectId"), step: try require(arguments, "step"),
                owner: user))
    }

    func absolute(_ project: Schemas.Project) -> Schemas.Project {
        var project = project
        project.eventsUrl = project.eventsUrl.map(absolute)
        project.keyframeUrls = project.keyframeUrls?.map(absolute)
        return project
    }

    /// `POST /projects` (a remix) through the route's own code, with the sample from base64 instead of a multipart
    /// part, then the analysis followed to its end.
    func analyze(_ arguments: MCPArguments, progress: MCPProgress) async throws -> Schemas.Project {
        let largest = min(Int64(MCPToolCatalogue.largestUpload), services.uploadMaxBytes)
        guard let text = try arguments.string("sampleBase64", max: Int(largest / 3 + 1) * 4 + 4) else {
            throw MCPToolError("sampleBase64 is required")
        }
        guard let bytes = Data(base64Encoded: text, options: .ignoreUnknownCharacters), !bytes.isEmpty else {
            throw MCPToolError("sampleBase64 is not base64 of a file")
        }
        guard bytes.count <= largest else {
            throw MCPToolError("the sample is \(bytes.count) bytes; analyze_sample takes at most \(largest)")
        }
        let wait = try waitSeconds(arguments)
        var upload = MultipartUpload()
        upload.texts["kind"] = "remix"
        for name in ["topic", "title"] {
            if let value = try arguments.string(name, max: .max) {
                upload.texts[name] = value
            }
        }
        let scratch = try services.media.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("sample")
        try bytes.write(to: file)
        upload.files["sample"] = .init(
            url: file, size: Int64(bytes.count),
            name: MultipartUpload.displayName(try require(arguments, "fileName")))
        let created = try await ProjectRoutes(services: services).createRemix(upload, owner: user, logger: logger)
        await progress.report(0, "queued")
        guard wait > 0, let job = created.job?.id else { return absolute(created) }
        try await follow(job: job, seconds: wait, progress: progress)
        return try await project(created.id)
    }

    /// Waits for a job to end (or the time to run out), reporting its progress.
    func follow(job id: String, seconds: Int, progress: MCPProgress) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            guard let job = try await database.read({ db in try await Jobs.find(db, id: id) }) else { return }
            if let report = try job.progressReport() { await progress.report(report.fraction, report.message) }
            if [.succeeded, .failed, .cancelled].contains(job.state) {
                await progress.report(1, job.state.rawValue)
                return
            }
            try await Task.sleep(for: poll)
        }
    }

    // MARK: Links and resources

    /// Signed links as full URLs, since an MCP client does not know the server's address for relative ones.
    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? services.configuration.publicURL + path : path
    }

    func absolute(_ video: Schemas.Video) -> Schemas.Video {
        var video = video
        video.videoUrl = video.videoUrl.map(absolute)
        video.thumbnailUrl = video.thumbnailUrl.map(absolute)
        video.eventsUrl = video.eventsUrl.map(absolute)
        return video
    }

    func resources() async throws -> [Resource] {
        let page = try await database.read { db in
            try await Videos.list(db, owner: user, status: nil, search: nil, limit: 20, after: nil)
        }
        return page.items.flatMap { MCPResourceURI.resources(videoID: $0.id, title: $0.title) }
    }

    func read(_ uri: String) async throws -> ReadResource.Result {
        guard let resource = MCPResourceURI(uri) else { throw MCPResourceURI.unknown(uri) }
        guard
            let stored = try await database.read({ db in try await Videos.find(db, owner: user, id: resource.videoID) })
        else { throw MCPError.invalidParams("video not found: \(resource.videoID)") }
        let json: Data
        switch resource.kind {
        case .plan:
            guard let plan = stored.plan else { throw MCPError.invalidParams("this video has no plan yet") }
            json = try CanonicalJSON.encode(plan, pretty: true)
        case .editorState:
            do {
                json = try CanonicalJSON.encode(try await currentState(of: stored), pretty: true)
            } catch { throw MCPError.invalidParams("this video has no timeline yet; it is \(stored.status)") }
        case .media:
            let video = try await self.video(stored.id)
            json = try APIJSON.encoder().encode(
                MCPMediaLinks(status: video.status.rawValue, video: video.videoUrl, thumbnail: video.thumbnailUrl))
        }
        return .init(contents: [.text(String(decoding: json, as: UTF8.self), uri: uri, mimeType: "application/json")])
    }
}
