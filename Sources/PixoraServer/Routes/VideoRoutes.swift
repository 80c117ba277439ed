import Foundation
import Hummingbird
import Logging
import PixoraAPI
import PixoraCore
import PixoraGenerators
import PixoraJobs
import PixoraPipeline
import PixoraStore
import SQLKit

/// Videos: create (charged), list, read, rename, delete, cancel, pause, resume; scenes and their regeneration;
/// versions.
struct VideoRoutes {
    let services: AppServices
    var database: any Database { services.database }
    var tokens: TokenService { services.tokens }

    static let maxPrompt = SettingsOptions.maxPromptLength
    static let maxScript = 20_000

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.post, "plans", previewPlan)
        routes.add(.post, "videos", create)
        routes.add(.get, "videos", list)
        routes.add(.get, "videos/:id", get)
        routes.add(.patch, "videos/:id", rename)
        routes.add(.delete, "videos/:id", delete)
        routes.add(.post, "videos/:id/cancel", cancel)
        routes.add(.post, "videos/:id/pause", pause)
        routes.add(.post, "videos/:id/resume", resume)
        routes.add(.get, "videos/:id/scenes", scenes)
        routes.add(.post, "videos/:id/scenes/:sid", regenerateScene)
        routes.add(.get, "videos/:id/versions", versions)
        routes.add(.post, "videos/:id/versions", saveVersion)
        routes.add(.get, "videos/:id/versions/:vid", version)
        routes.add(.post, "videos/:id/versions/:vid/restore", restoreVersion)
    }

    // MARK: Creating

    /// Not the generated `VideoRequest`: its `anyOf` (a prompt, or a plan) comes out as two optional halves with the
    /// plan as an untyped object, and settings must decode as the domain's `SettingsRequest` anyway.
    struct CreateRequest: Decodable {
        var prompt: String?
        var settings: SettingsRequest?
        var script: String?
        var plan: Plan?
        /// `pipeline` (left out) or `agent`; see `agentRun`.
        var mode: String?
        var agentSteps: Int?
    }

    /// What a request asks to make: validated prompt, settings, script and plan.
    func validated(_ body: CreateRequest) throws -> (prompt: String, settings: Settings, script: String?, plan: Plan?) {
        // The document's limits hold for what is sent, with a plan too (which makes the script and settings unused).
        if let prompt = body.prompt, prompt.codePointCount > Self.maxPrompt {
            throw APIError.validation(
                "prompt", "must be at most \(Self.maxPrompt) characters, got \(prompt.codePointCount)")
        }
        if let script = body.script, script.isEmpty || script.codePointCount > Self.maxScript {
            throw APIError.validation(
                "script", "must be 1 to \(Self.maxScript) characters; leave it out to have it written")
        }
        let settings = try Self.settings(
            body.settings ?? SettingsRequest(), prompt: body.prompt ?? "", defaultVoice: services.defaultVoice)
        if let plan = body.plan {
            let issues = plan.validate()
            guard issues.isEmpty else {
                throw APIError.validation(issues.map { DocumentIssue("plan.\($0.path)", $0.message) })
            }
            let prompt = (body.prompt ?? plan.prompt).trimmingCharacters(in: .whitespacesAndNewlines)
            guard prompt.codePointCount <= Self.maxPrompt else {
                throw APIError.validation("prompt", "must be at most \(Self.maxPrompt) characters")
            }
            return (prompt.isEmpty ? plan.title : prompt, plan.settings, nil, plan)
        }
        let prompt = (body.prompt ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !prompt.isEmpty else { throw APIError.validation("prompt", "is required: describe the video you want") }
        guard prompt.codePointCount <= Self.maxPrompt else {
            throw APIError.validation(
                "prompt", "must be at most \(Self.maxPrompt) characters, got \(prompt.codePointCount)")
        }
        let script = body.script?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let script {
            guard !script.isEmpty else {
                throw APIError.validation("script", "is empty; leave it out to have the script written for you")
            }
            guard script.codePointCount <= Self.maxScript else {
                throw APIError.validation("script", "must be at most \(Self.maxScript) characters")
            }
            // Refused now rather than by the job: a script too long for the video keeps every word, so it cannot fit.
            do {
                _ = try ScriptFit.rate(for: script, settings: settings)
            } catch let error as UsageError {
                throw APIError.validation("script", error.message)
            }
        }
        return (prompt, settings, script, nil)
    }

    /// What is left out comes from the prompt's words, then the defaults; problems are `settings.<field>` issues.
    /// A plan sent by a client may use only the caller's own uploads as media.
    func checkMedia(_ plan: Plan?, owner: String) async throws {
        guard let media = plan?.media else { return }
        let named: [(String, AssetRef?)] = [
            ("character", media.character), ("music", media.music), ("voiceOver", media.voiceOver),
        ]
        let wanted = named.compactMap(\.1)
        let owned = try await database.read { db in try await ProjectFiles.owned(db, owner: owner, assets: wanted) }
        let issues = named.compactMap { field, asset in
            asset.flatMap {
                owned.contains($0) ? nil : DocumentIssue("plan.media.\(field)", "is not one of your uploads")
            }
        }
        guard issues.isEmpty else { throw APIError.validation(issues) }
    }

    static func settings(_ request: SettingsRequest, prompt: String, defaultVoice: Voice) throws -> Settings {
        let settings = request.resolved(prompt: prompt, defaultVoice: defaultVoice)
        let issues = settings.validate()
        guard issues.isEmpty else {
            throw APIError.validation(issues.map { DocumentIssue("settings.\($0.path)", $0.message) })
        }
        return settings
    }

    /// Plans without generating anything (free), so the user can review and edit the breakdown first.
    @Sendable func previewPlan(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.PlanPreview
    > {
        try await preview(try await request.decodeJSON(CreateRequest.self), owner: context.userId)
    }

    /// The plan and its price for a create body, charging nothing (also the MCP tool `plan_video`).
    func preview(_ body: CreateRequest, owner: String) async throws -> JSONResponse<Schemas.PlanPreview> {
        _ = try agentSteps(body)
        let input = try validated(body)
        try await checkMedia(input.plan, owner: owner)
        let plan: Plan
        if let given = input.plan {
            plan = given
        } else {
            plan = try await services.pipeline.plan(
                prompt: input.prompt, settings: input.settings, script: input.script)
        }
        let balance = try await database.read { db in try await CreditLedger.balance(db, user: owner) } ?? 0
        return JSONResponse(
            Schemas.PlanPreview(
                plan: plan, price: services.pricing.price(for: plan), balance: balance,
                creditsPerSecond: services.pricing.creditsPerSecond))
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Video>
    {
        let key = try IdempotencyKey.from(request)
        let body = try await request.decodeJSON(CreateRequest.self)
        return try await create(body, key: key, owner: context.userId, logger: context.logger)
    }

    /// Prices, charges and queues a video (also the MCP tool `create_video`); a known key answers its video again.
    func create(_ body: CreateRequest, key: String?, owner: String, logger: Logger) async throws -> JSONResponse<
        Schemas.Video
    > {
        let new = try await newVideo(body, key: key, owner: owner)
        try await services.enforcePlan(owner: owner, PlanAsk())
        let (video, created) = try await services.admittingJobs(of: owner) {
            try await Videos.create(in: database, owner: owner, new, jobKind: JobKind.generateVideo)
        }
        let job = try await database.read { db in try await Jobs.latest(db, video: video.id) }
        if created {
            logger.info(
                "video queued", metadata: ["video": .string(video.id), "credits": .stringConvertible(new.price)])
        }
        return JSONResponse(
            created ? .created : .ok, headers: created ? [:] : [.init("Idempotent-Replayed")!: "true"],
            try Schemas.Video(video, job: job, tokens: tokens))
    }

    /// A create body validated and priced as the video to insert (also each item of a batch).
    func newVideo(_ body: CreateRequest, key: String?, owner: String) async throws -> NewVideo {
        let input = try validated(body)
        let agent = try agentRun(body)
        try await checkMedia(input.plan, owner: owner)
        let settings = input.plan?.settings ?? input.settings
        try await services.enforcePlan(
            owner: owner,
            PlanAsk(
                duration: max(settings.durationSeconds, input.plan?.plannedDuration ?? 0), quality: settings.quality,
                generations: 0))
        let payload = String(
            decoding: try JSONEncoder().encode(
                GenerateVideoPayload(script: input.script, mode: agent.map { _ in .agent }, agentSteps: agent)),
            as: UTF8.self)
        return NewVideo(
            title: input.plan?.title ?? Self.title(for: input.prompt), prompt: input.prompt,
            settings: input.settings.json, plan: input.plan?.json,
            price: input.plan.map(services.pricing.price(for:)) ?? services.pricing.price(for: input.settings),
            idempotencyKey: key, jobPayload: payload, maxAttempts: agent == nil ? services.jobAttempts : 1)
    }

    static func title(for prompt: String) -> String {
        let topic = PromptHints(prompt: prompt).topic.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = topic.isEmpty ? prompt : topic
        let title = text.prefix(1).uppercased() + text.dropFirst()
        return String(title.prefix(120))
    }

    // MARK: Reading and changing

    func ownedVideo(_ context: AuthenticatedContext) async throws -> Video {
        try await ownedVideo(try context.parameters.require("id"), owner: context.userId)
    }

    /// The owner's video; another user's id is as unknown as a made-up one.
    func ownedVideo(_ id: String, owner: String) async throws -> Video {
        guard let video = try await database.read({ db in try await Videos.find(db, owner: owner, id: id) })
        else {
            throw APIError.notFound("video")
        }
        return video
    }

    /// Seconds in which list answers carry the same signed links (and may be answered from the cache).
    static let linkWindow: Int64 = 600

    static func limit(_ text: String?) throws -> Int {
        guard let text else { return 20 }
        guard let limit = Int(text), (1...100).contains(limit) else {
            throw APIError.validation("limit", "must be a number from 1 to 100")
        }
        return limit
    }

    static func cursor(_ text: String?) throws -> PageCursor? {
        guard let text, !text.isEmpty else { return nil }
        guard let cursor = PageCursor(token: text) else {
            throw APIError.validation("cursor", "is not a cursor this API returned")
        }
        return cursor
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Video> {
        let id = try context.parameters.require("id")
        let (video, job) = try await Self.videoWithJob(database, owner: context.userId, id: id)
        guard let video else { throw APIError.notFound("video") }
        return JSONResponse(try Schemas.Video(video, job: job, tokens: tokens))
    }

    /// The video and its newest job. The job is read first: a job's results and its success commit together, so
    /// a finished job read first guarantees the video read after it shows those results (no snapshot needed).
    static func videoWithJob(_ database: any Database, owner: String, id: String) async throws -> (Video?, Job?) {
        try await database.read { db in
            let job = try await Jobs.latest(db, video: id)
            guard let video = try await Videos.findInLibrary(db, owner: owner, id: id) else { return (nil, nil) }
            return (video, job)
        }
    }

    @Sendable func rename(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Video>
    {
        let video = try await ownedVideo(context)
        let body = try await request.decodeJSON(Schemas.RenameRequest.self)
        let title = body.title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(title.codePointCount) else {
            throw APIError.validation("title", "must be 1 to 200 characters")
        }
        guard
            let renamed = try await database.transaction({ db in
                try await Videos.rename(db, owner: context.userId, id: video.id, title: title)
            })
        else {
            throw APIError.notFound("video")
        }
        return JSONResponse(try Schemas.Video(renamed, tokens: tokens))
    }

    /// Cancels the video's unfinished jobs, refunding what they charged. Inside a transaction.
    func cancelJobs(_ db: any SQLDatabase, video: Video) async throws -> Int {
        let jobs = try await Jobs.unfinished(db, video: video.id)
        try await Jobs.cancel(db, video: video.id)
        try await Videos.finishUnsuccessfully(db, id: video.id, status: .cancelled, error: "cancelled by the user")
        let handlers = services.workshop.handlers
        for job in jobs where job.kind != JobKind.generateVideo {
            try await handlers.first { $0.kind == job.kind }?.failed(job, error: "cancelled by the user", in: db)
        }
        return jobs.count
    }

    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let video = try await ownedVideo(context)
        try await database.transaction { db in
            _ = try await cancelJobs(db, video: video)
            _ = try await Videos.delete(db, owner: context.userId, id: video.id)
        }
        services.media.removeVideo(video.id)
        await services.removeStoredVideo(video.id)
        return Response(status: .noContent)
    }

    @Sendable func cancel(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Video>
    {
        let video = try await ownedVideo(context)
        let cancelled = try await database.transaction { db in try await cancelJobs(db, video: video) }
        guard cancelled > 0 || !video.status.isFinished else {
            throw APIError(.conflict, .notRunning, "this video is \(video.status); there is nothing to cancel")
        }
        let (updated, job) = try await Self.videoWithJob(database, owner: context.userId, id: video.id)
        guard let updated else { throw APIError.notFound("video") }
        return JSONResponse(try Schemas.Video(updated, job: job, tokens: tokens))
    }

    // MARK: Scenes

    @Sendable func scenes(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.SceneList
    > {
        let video = try await ownedVideo(context)
        let (scenes, revisions, assets) = try await database.read { db in
            (
                try await Scenes.list(db, video: video.id), try await Scenes.revisions(db, video: video.id),
                try await Scenes.assets(db, video: video.id)
            )
        }
        let bodies = scenes.map { scene in
            let own = revisions.filter { $0.sceneId == scene.id }
            let current = own.first { $0.number == scene.currentRevision }
            let planScene = current?.planScene
            return Schemas.Scene(
                id: scene.id, position: scene.position, currentRevision: scene.currentRevision, scene: planScene,
                revisions: own.map { Schemas.Revision($0) },
                assets: assets.filter { $0.revisionId == current?.id }.compactMap {
                    Schemas.SceneAsset($0, tokens: tokens, user: context.userId)
                })
        }
        return JSONResponse(Schemas.SceneList(scenes: bodies))
    }

    /// Not the generated `RegenerateRequest`: its `regenerate` enum is case-sensitive and loses the message below.
    struct RegenerateRequest: Decodable {
        var regenerate: String
        var narration: String?
        var visual: String?
    }

    @Sendable func regenerateScene(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.Regeneration
    > {
        let video = try await ownedVideo(context)
        let sceneID = try context.parameters.require("sid")
        let body = try await request.decodeJSON(RegenerateRequest.self)
        return try await regenerate(video, scene: sceneID, body, owner: context.userId)
    }

    /// Makes a new revision of one scene, charged, and queues its job (also the MCP tool `regenerate_scene`).
    func regenerate(_ video: Video, scene sceneID: String, _ body: RegenerateRequest, owner: String) async throws
        -> JSONResponse<Schemas.Regeneration>
    {
        var body = body
        body.regenerate = body.regenerate.lowercased()
        guard let reason = RevisionReason(rawValue: body.regenerate), reason != .initial else {
            throw APIError.validation("regenerate", "must be visual, audio or both, got '\(body.regenerate)'")
        }
        let (scene, current) = try await database.read { db -> (Scene?, SceneRevision?) in
            guard let scene = try await Scenes.find(db, video: video.id, id: sceneID) else { return (nil, nil) }
            return (scene, try await Scenes.revision(db, scene: scene.id, number: scene.currentRevision))
        }
        guard let scene, let current else { throw APIError.notFound("scene") }
        try APIError.refuseExpired(video)
        guard video.status == .completed else {
            throw APIError(
                .conflict, .videoNotReady,
                "scenes can be regenerated once the video is completed; it is \(video.status)")
        }
        var planScene = current.planScene
        let visual = body.regenerate != "audio"
        var audio = body.regenerate != "visual"
        if visual {
            if let text = body.visual?.trimmingCharacters(in: .whitespacesAndNewlines) {
                guard (1...500).contains(text.codePointCount) else {
                    throw APIError.validation("visual", "must be 1 to 500 characters")
                }
                planScene.visual = text
            }
            planScene.variation = (planScene.variation ?? 0) + 1
        } else if body.visual != nil {
            throw APIError.validation(
                "visual", "only applies when regenerating the visual (regenerate: visual or both)")
        }
        if audio {
            let text = body.narration?.trimmingCharacters(in: .whitespacesAndNewlines)
            if let text {
                guard text.codePointCount <= 1000 else {
                    throw APIError.validation("narration", "must be at most 1000 characters")
                }
            }
            if let text, text != planScene.narration {
                planScene.narration = text
            } else if body.regenerate == "audio" {
                throw APIError.validation(
                    "narration", "is unchanged; send the new narration text to regenerate the voice")
            } else {
                audio = false  // "both" without new words: the voice would come out the same, so it is not charged.
            }
        } else if body.narration != nil {
            throw APIError.validation(
                "narration", "only applies when regenerating the audio (regenerate: audio or both)")
        }
        let price = services.pricing.sceneRegeneration(visual: visual, audio: audio)
        try await services.enforcePlan(owner: owner, PlanAsk())
        let (revision, pruned, job, balance) = try await services.admittingJobs(of: owner) {
            try await database.transaction { db -> (SceneRevision, Int, Job, Int) in
                if !(try await Jobs.unfinished(db, video: video.id)).isEmpty {
                    throw APIError(
                        .conflict, .videoBusy, "this video is being worked on; wait for the current job to finish")
                }
                let (revision, pruned) = try await Scenes.addRevision(
                    db, scene: scene.id, reason: reason, planScene: planScene)
                if price > 0 {
                    try await CreditLedger.apply(
                        db, user: owner, delta: -price, reason: .sceneCharge, reference: revision.id,
                        key: "revision:\(revision.id):charge")
                }
                let payload = RegenerateScenePayload(
                    sceneId: scene.id, revisionId: revision.id, visual: visual, audio: audio, price: price)
                let job = try await Jobs.enqueue(
                    db, kind: JobKind.regenerateScene, user: owner, video: video.id,
                    payload: String(decoding: try JSONEncoder().encode(payload), as: UTF8.self),
                    maxAttempts: services.jobAttempts)
                return (revision, pruned, job, try await CreditLedger.balance(db, user: owner) ?? 0)
            }
        }
        return JSONResponse(
            .accepted,
            Schemas.Regeneration(
                revision: Schemas.Revision(revision, content: planScene),
                jobId: job.id, price: price, balance: balance, prunedRevisions: pruned))
    }

    // MARK: Versions

    @Sendable func versions(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.VersionList
    > {
        let video = try await ownedVideo(context)
        let versions = try await database.read { db in try await Versions.list(db, video: video.id) }
        return JSONResponse(
            Schemas.VersionList(
                versions: versions.map { Schemas.Version($0, video: video, includeState: false, tokens: tokens) }))
    }

    @Sendable func version(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.Version
    > {
        let video = try await ownedVideo(context)
        let id = try context.parameters.require("vid")
        guard let version = try await database.read({ db in try await Versions.find(db, video: video.id, id: id) })
        else { throw APIError.notFound("version") }
        return JSONResponse(Schemas.Version(version, video: video, includeState: true, tokens: tokens))
    }

    @Sendable func saveVersion(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.SavedVersion
    > {
        let video = try await ownedVideo(context)
        let body = try await request.decodeJSON(Schemas.SaveVersionRequest.self, limit: 4 << 20)
        return try await saveVersion(body.editorState, of: video, owner: context.userId)
    }

    /// Stores an edited timeline as a new version and queues its render (also the MCP tool `edit_video`).
    func saveVersion(_ state: EditorState, of video: Video, owner: String) async throws -> JSONResponse<
        Schemas.SavedVersion
    > {
        var issues = state.validate().map { DocumentIssue("editorState.\($0.path)", $0.message) }
        // Only this video's own assets may be used: a render must not reach another user's files.
        let owned = Set(try await database.read { db in try await Scenes.assets(db, video: video.id) }.map(\.assetKey))
        for (index, clip) in state.clips.enumerated() where !owned.contains(clip.asset.description) {
            issues.append(DocumentIssue("editorState.clips[\(index)].asset", "is not an asset of this video"))
        }
        for (name, track) in state.audio.namedTracks {
            for (index, segment) in track.segments.enumerated() where !owned.contains(segment.asset.description) {
                issues.append(
                    DocumentIssue("editorState.audio.\(name).segments[\(index)].asset", "is not an asset of this video")
                )
            }
        }
        issues += try await LUTRoutes.unowned(in: state, owner: owner, database: database)
        guard issues.isEmpty else { throw APIError.validation(issues) }
        try APIError.refuseExpired(video)
        guard video.status == .completed else {
            throw APIError(
                .conflict, .videoNotReady, "versions can be saved once the video is completed; it is \(video.status)")
        }
        try await services.enforcePlan(owner: owner, PlanAsk())
        let (version, removed, job) = try await services.admittingJobs(of: owner) {
            try await database.transaction { db -> (VideoVersion, [VideoVersion], Job) in
                let (version, removed) = try await Versions.add(
                    db, video: video.id, editorState: state, status: .queued, current: video.currentVersion)
                let job = try await Jobs.enqueue(
                    db, kind: JobKind.renderVersion, user: owner, video: video.id,
                    payload: String(
                        decoding: try JSONEncoder().encode(RenderVersionPayload(versionId: version.id)), as: UTF8.self),
                    maxAttempts: services.jobAttempts)
                return (version, removed, job)
            }
        }
        for old in removed {
            for key in [old.videoKey, old.thumbnailKey].compactMap({ $0 }) { try? await services.storage.remove(key) }
        }
        return JSONResponse(
            .accepted,
            Schemas.SavedVersion(
                version: Schemas.Version(version, video: video, includeState: false, tokens: tokens), jobId: job.id,
                removedVersions: removed.map(\.number)))
    }

    @Sendable func restoreVersion(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.Video
    > {
        let video = try await ownedVideo(context)
        try APIError.refuseExpired(video)
        let id = try context.parameters.require("vid")
        let restored = try await database.transaction { db -> Video? in
            guard let version = try await Versions.find(db, video: video.id, id: id) else {
                throw APIError.notFound("version")
            }
            guard version.status == .ready, let key = version.videoKey, let duration = version.duration else {
                throw APIError(
                    .conflict, .versionNotReady,
                    "version \(version.number) is \(version.status); only a rendered version can be restored")
            }
            try await Videos.setOutput(
                db, id: video.id, videoKey: key, thumbnailKey: version.thumbnailKey, duration: duration,
                version: version.number)
            return try await Videos.find(db, owner: context.userId, id: video.id)
        }
        guard let restored else { throw APIError.notFound("video") }
        return JSONResponse(try Schemas.Video(restored, tokens: tokens))
    }
}
