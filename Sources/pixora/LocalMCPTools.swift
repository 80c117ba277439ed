import Foundation
import Logging
import MCP
import PixoraCore
import PixoraMedia
import PixoraPipeline
import PixoraServer

/// The tools of `pixora mcp`: the `generate` pipeline on this machine, writing where the caller says. The videos
/// made in the session are kept in memory (`LocalShelf`) for get_video, list_videos, edits and regeneration.
struct LocalMCPTools: Sendable {
    let pipeline: VideoPipeline
    let defaultVoice: Voice
    /// Describes analysed samples (a vision model when configured, the rules otherwise).
    let describer: (any SampleDescriber)?
    let logger: Logger
    let shelf = LocalShelf()

    func makeServer() async -> Server {
        await PixoraMCPServer.make(
            title: "Pixora (local)",
            instructions: "Plan, make and edit narrated videos on this machine; files go where outputPath says.",
            place: .local,
            call: { await call($0, arguments: $1, progress: $2) },
            resources: { await shelf.all().flatMap { MCPResourceURI.resources(videoID: $0.id, title: $0.title) } },
            read: { try await read($0) })
    }

    func call(_ name: String, arguments: [String: Value]?, progress: MCPProgress) async -> CallTool.Result {
        guard let tool = MCPToolCatalogue.tools(.local).first(where: { $0.name == name }) else {
            return MCPToolResult.failure("unknown tool '\(name)'")
        }
        do {
            let arguments = try MCPArguments(arguments, tool: tool)
            switch name {
            case "plan_video": return try MCPToolResult.success(try await plan(arguments))
            case "create_video": return try MCPToolResult.success(try await create(arguments, progress: progress))
            case "get_video": return try MCPToolResult.success(try await shelf.video(try videoID(arguments)))
            case "list_videos": return try MCPToolResult.success(LocalVideoList(items: await shelf.all()))
            case "edit_video": return try MCPToolResult.success(try await edit(arguments, progress: progress))
            case "analyze_sample": return try MCPToolResult.success(try await analyze(arguments, progress: progress))
            default: return try MCPToolResult.success(try await regenerate(arguments, progress: progress))
            }
        } catch let error as MCPToolError {
            return MCPToolResult.failure(error.message)
        } catch let error as any UserFacingError {
            return MCPToolResult.failure(error.description)
        } catch is CancellationError {
            return MCPToolResult.failure("\(name) was cancelled; temporary files were removed")
        } catch {
            logger.error("MCP tool failed", metadata: ["tool": .string(name), "error": .string("\(error)")])
            return MCPToolResult.failure("\(name) failed: \(error)")
        }
    }

    func videoID(_ arguments: MCPArguments) throws -> String {
        guard let id = try arguments.string("videoId", max: 200), !id.isEmpty else {
            throw MCPToolError("videoId is required")
        }
        return id
    }

    // MARK: Planning and making

    /// The plan for the arguments, validated as `pixora generate` and the API validate them.
    func plan(_ arguments: MCPArguments) async throws -> Plan {
        if let plan = try arguments.document("plan", as: Plan.self) {
            let issues = plan.validate()
            guard issues.isEmpty else { throw InvalidDocument(document: "plan", issues: issues) }
            return plan
        }
        let prompt = (try arguments.string("prompt", max: .max) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !prompt.isEmpty else { throw MCPToolError("prompt is required (or a plan): describe the video you want") }
        guard prompt.codePointCount <= PixoraCore.SettingsOptions.maxPromptLength else {
            throw MCPToolError(
                "prompt must be at most \(PixoraCore.SettingsOptions.maxPromptLength) characters, got \(prompt.codePointCount)"
            )
        }
        let settings = try arguments.settings().resolved(prompt: prompt, defaultVoice: defaultVoice)
        let issues = settings.validate()
        guard issues.isEmpty else { throw MCPToolError(issues.map(\.description).joined(separator: "; ")) }
        var script = try arguments.string("script", max: 20_000)?.trimmingCharacters(in: .whitespacesAndNewlines)
        if script?.isEmpty == true { script = nil }
        return try await pipeline.plan(prompt: prompt, settings: settings, script: script)
    }

    /// `outputPath`: an .mp4 in an existing, writable folder (relative paths from the working directory).
    static func output(_ path: String?) throws -> URL {
        guard let path, !path.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw MCPToolError("outputPath is required: where to write the MP4, e.g. /tmp/bees.mp4")
        }
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard url.pathExtension.lowercased() == "mp4" else {
            throw MCPToolError("outputPath must name an .mp4 file, got '\(url.lastPathComponent)'")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw MCPToolError("outputPath \(url.path) is a folder; name a file ending in .mp4")
        }
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw MCPToolError("outputPath's folder \(folder.path) does not exist") }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw MCPToolError("outputPath's folder \(folder.path) is not writable")
        }
        return url
    }

    func create(_ arguments: MCPArguments, progress: MCPProgress) async throws -> LocalVideo {
        let key = try arguments.string("idempotencyKey", max: 200)
        if let key, let known = await shelf.video(key: key) { return known }
        let output = try Self.output(try arguments.string("outputPath", max: 4096))
        let plan = try await plan(arguments)
        try checkTools()
        let id = await shelf.add(title: plan.title, plan: plan, output: output.path, key: key)
        return try await make(id, plan: plan, to: output, progress: progress)
    }

    func checkTools() throws {
        for tool in SystemTool.embeddedPipeline where tool.locate() == nil {
            throw MediaError.toolMissing(tool: tool.name, package: tool.debianPackage)
        }
    }

    /// Runs the pipeline for a video on the shelf and writes its files; a failure is recorded and rethrown.
    func make(_ id: String, plan: Plan, to output: URL, progress: MCPProgress) async throws -> LocalVideo {
        let files = LocalFiles(video: output)
        do {
            let (made, result) = try await reporting(progress) { handler in
                try await pipeline.makeVideo(plan, to: output, thumbnail: files.thumbnail, progress: handler)
            }
            try await write(plan, to: files.plan)
            try await write(made.state, to: files.editorState)
            return try await shelf.finished(id, plan: plan, state: made.state, result: result, files: files)
        } catch {
            await shelf.failed(id, error: (error as? any UserFacingError)?.description ?? "\(error)")
            throw error
        }
    }

    /// Runs `work` with a pipeline progress handler whose events reach the client in order.
    func reporting<T: Sendable>(
        _ progress: MCPProgress, _ work: (@escaping ProgressHandler) async throws -> T
    ) async throws -> T {
        let (events, continuation) = AsyncStream<ProgressEvent>.makeStream()
        let sender = Task {
            for await event in events { await progress.report(event.fraction, event.message) }
        }
        defer {
            continuation.finish()
        }
        let value = try await work { continuation.yield($0) }
        continuation.finish()
        await sender.value
        await progress.report(1, "done")
        return value
    }

    func write(_ value: some Encodable, to url: URL) async throws {
        let data = try CanonicalJSON.encode(value, pretty: true)
        try await AtomicFile.write(to: url) { try data.write(to: $0) }
    }

    // MARK: Editing

    func edit(_ arguments: MCPArguments, progress: MCPProgress) async throws -> LocalVideo {
        let video = try await shelf.video(try videoID(arguments))
        guard let operations = try arguments.document("operations", as: [EditorOperation].self),
            (1...100).contains(operations.count)
        else { throw MCPToolError("operations must hold 1 to 100 operations") }
        guard let state = video.editorState, video.status == "completed" else {
            throw MCPToolError("video \(video.id) is \(video.status); only a completed video can be edited")
        }
        let result = try state.applying(operations)
        let files = LocalFiles(video: video.nextVersionPath)
        let rendered = try await reporting(progress) { handler in
            try await pipeline.render(result.state, to: files.video, thumbnail: files.thumbnail, progress: handler)
        }
        try await write(result.state, to: files.editorState)
        return try await shelf.versioned(
            video.id, state: result.state, plan: nil, result: rendered, files: files, changes: result.changes)
    }

    func regenerate(_ arguments: MCPArguments, progress: MCPProgress) async throws -> LocalVideo {
        let video = try await shelf.video(try videoID(arguments))
        guard var plan = video.plan, video.status == "completed" else {
            throw MCPToolError(
                "video \(video.id) is \(video.status); only a completed video's scenes can be made again")
        }
        let number = try arguments.integer("scene", in: 1...500) ?? 1
        guard number <= plan.scenes.count else {
            throw MCPToolError(
                "scene must be from 1 to \(plan.scenes.count): this video has \(plan.scenes.count) scenes")
        }
        let what = (try arguments.string("regenerate", max: 10) ?? "").lowercased()
        guard ["visual", "audio", "both"].contains(what) else {
            throw MCPToolError("regenerate must be visual, audio or both, got '\(what)'")
        }
        var scene = plan.scenes[number - 1]
        let visual = try arguments.string("visual", max: 500)?.trimmingCharacters(in: .whitespacesAndNewlines)
        let narration = try arguments.string("narration", max: 1000)?.trimmingCharacters(in: .whitespacesAndNewlines)
        if what == "audio", visual != nil { throw MCPToolError("visual only applies with regenerate visual or both") }
        if what == "visual", narration != nil {
            throw MCPToolError("narration only applies with regenerate audio or both")
        }
        if what != "audio" {
            if let visual, !visual.isEmpty { scene.visual = visual }
            scene.variation = (scene.variation ?? 0) + 1
        }
        if what != "visual" {
            guard let narration, narration != scene.narration else {
                guard what == "both" else {
                    throw MCPToolError("narration is unchanged; send the new narration text to regenerate the voice")
                }
                plan.scenes[number - 1] = scene
                return try await remake(video, plan: plan, progress: progress)
            }
            scene.narration = narration
        }
        plan.scenes[number - 1] = scene
        return try await remake(video, plan: plan, progress: progress)
    }

    /// The whole chain again for a changed plan: the cache makes only what the change touched.
    func remake(_ video: LocalVideo, plan: Plan, progress: MCPProgress) async throws -> LocalVideo {
        let issues = plan.validate()
        guard issues.isEmpty else { throw InvalidDocument(document: "plan", issues: issues) }
        let files = LocalFiles(video: video.nextVersionPath)
        let (made, result) = try await reporting(progress) { handler in
            try await pipeline.makeVideo(plan, to: files.video, thumbnail: files.thumbnail, progress: handler)
        }
        try await write(plan, to: files.plan)
        try await write(made.state, to: files.editorState)
        return try await shelf.versioned(
            video.id, state: made.state, plan: plan, result: result, files: files, changes: [])
    }

    // MARK: Samples

    func analyze(_ arguments: MCPArguments, progress: MCPProgress) async throws -> SampleAnalysis {
        let path = try arguments.string("path", max: 4096) ?? ""
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw MCPToolError("path \(path) is not a file")
        }
        let keyframes = try arguments.string("keyframesFolder", max: 4096).map { URL(fileURLWithPath: $0) }
        if let keyframes {
            guard FileManager.default.fileExists(atPath: keyframes.path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { throw MCPToolError("keyframesFolder \(keyframes.path) is not an existing folder") }
        }
        for tool in [SystemTool.ffmpeg, .ffprobe] where tool.locate() == nil {
            throw MediaError.toolMissing(tool: tool.name, package: tool.debianPackage)
        }
        let analysis = try await SampleAnalyzer(describer: describer).analyze(
            video: URL(fileURLWithPath: path), keyframesTo: keyframes
        ) { fraction in await progress.report(fraction, "analysing") }
        await progress.report(1, "done")
        return analysis
    }

    // MARK: Resources

    func read(_ uri: String) async throws -> ReadResource.Result {
        guard let resource = MCPResourceURI(uri) else { throw MCPResourceURI.unknown(uri) }
        guard let video = try? await shelf.video(resource.videoID) else {
            throw MCPError.invalidParams("video not found: \(resource.videoID)")
        }
        let data: Data
        switch resource.kind {
        case .plan:
            guard let plan = video.plan else { throw MCPError.invalidParams("this video has no plan") }
            data = try CanonicalJSON.encode(plan, pretty: true)
        case .editorState:
            guard let state = video.editorState else { throw MCPError.invalidParams("this video has no timeline yet") }
            data = try CanonicalJSON.encode(state, pretty: true)
        case .media:
            data = try JSONEncoder().encode(
                MCPMediaLinks(status: video.status, video: video.outputPath, thumbnail: video.thumbnailPath))
        }
        return .init(contents: [.text(String(decoding: data, as: UTF8.self), uri: uri, mimeType: "application/json")])
    }
}
