import Foundation
import Logging
import PixoraCore
import PixoraGenerators
import PixoraMedia
import PixoraPipeline
import PixoraStore
import SQLKit

/// Payload of a `generate_video` job; the prompt, settings and any edited plan are on the video row.
public struct GenerateVideoPayload: Codable, Sendable {
    /// The user's own narration, split into scenes by the planner.
    public var script: String?
    /// Left out: `pipeline`.
    public var mode: GenerationMode?
    /// The director's step limit in agent mode.
    public var agentSteps: Int?
    public init(script: String?, mode: GenerationMode? = nil, agentSteps: Int? = nil) {
        self.script = script
        self.mode = mode
        self.agentSteps = agentSteps
    }
}

/// Payload of a `regenerate_scene` job; the new scene content is on the revision row.
public struct RegenerateScenePayload: Codable, Sendable {
    public var sceneId: String
    public var revisionId: String
    public var visual: Bool
    public var audio: Bool
    public var price: Int
    public init(sceneId: String, revisionId: String, visual: Bool, audio: Bool, price: Int) {
        self.sceneId = sceneId
        self.revisionId = revisionId
        self.visual = visual
        self.audio = audio
        self.price = price
    }
}

/// Payload of a `render_version` job.
public struct RenderVersionPayload: Codable, Sendable {
    public var versionId: String
    public init(versionId: String) { self.versionId = versionId }
}

/// What the video job handlers work with.
public struct VideoWorkshop: Sendable {
    public let database: any Database
    public let pipeline: VideoPipeline
    public let media: MediaFolder
    /// Writes a sample's description after the rules (a vision model); nil keeps the rules' words.
    public let describer: (any SampleDescriber)?
    /// The guided studio's concepts, sound effects and clip models.
    public let studio: StudioGenerators
    /// How long a completed video keeps its files (`PIXORA_RETENTION`).
    public let retention: Retention
    /// The plans; with billing on, a plan's retention replaces `retention` (`retention(for:in:)`).
    public var plans: PlanCatalog = .selfHosted
    /// Runs agent-mode videos; nil when no language model is configured.
    public let director: (any VideoDirecting)?
    /// Mails notifications (`notification_mail` jobs); nil leaves those jobs to a worker that has it.
    public let delivery: (any NotificationDelivery)?
    /// Where rendered videos and thumbnails go (a bucket with `PIXORA_STORAGE`); nil: the local media folder.
    public var mediaStorage: (any MediaStorage)?
    var storage: any MediaStorage { mediaStorage ?? FolderMediaStorage(folder: media) }

    public init(
        database: any Database, pipeline: VideoPipeline, media: MediaFolder, describer: (any SampleDescriber)? = nil,
        studio: StudioGenerators = .embedded, retention: Retention = .seconds(7 * 86_400),
        delivery: (any NotificationDelivery)? = nil, director: (any VideoDirecting)? = nil
    ) {
        self.director = director
        self.retention = retention
        self.delivery = delivery
        self.database = database
        self.pipeline = pipeline
        self.media = media
        self.describer = describer
        self.studio = studio
    }

    /// The handlers a worker needs: the three video jobs, the sample analysis and the studio steps.
    public var handlers: [any JobHandler] {
        [
            GenerateVideoJob(workshop: self), RegenerateSceneJob(workshop: self), RenderVersionJob(workshop: self),
            AnalyzeSampleJob(workshop: self, analyzer: SampleAnalyzer(describer: describer)),
            StudioStepJob(workshop: self), ExpireMediaJob(workshop: self), ExportAccountJob(workshop: self),
            RenderSegmentJob(workshop: self),
        ] + (delivery.map { [NotificationMailJob(database: database, delivery: $0)] } ?? [])
            + (plans.billingEnabled ? [GrantAllowancesJob(workshop: self)] : [])
    }

    func video(_ id: String?) async throws -> Video {
        guard let id, let video = try await database.read({ db in try await Videos.find(db, id: id) }) else {
            throw UsageError("the video of this job no longer exists")
        }
        // An edit queued just as the retention ended: its video's files are gone, so it fails (and is refunded).
        if video.status == .expired { throw UsageError("the video expired and its files were deleted") }
        return video
    }

    /// Runs the pipeline with its events folded into stored progress reports, written in order.
    func assemble(_ plan: Plan, context: JobContext, tracker: ProgressTracker) async throws -> AssembledVideo {
        try await reporting(to: context, tracker: tracker) { report in
            try await pipeline.assemble(plan, progress: report)
        }
    }

    /// Runs `body` with a progress handler whose events are folded by `tracker` and stored in order, newest first
    /// when the database is slower than the events.
    func reporting<T: Sendable>(
        to context: JobContext, tracker: ProgressTracker, _ body: (@escaping ProgressHandler) async throws -> T
    ) async throws -> T {
        let (stream, continuation) = AsyncStream.makeStream(of: JobProgress.self, bufferingPolicy: .bufferingNewest(1))
        let writer = Task {
            for await progress in stream { await context.report(progress) }
        }
        defer { continuation.finish() }
        let value = try await body { event in continuation.yield(tracker.apply(event)) }
        continuation.finish()
        await writer.value
        return value
    }

    /// Records the job's results with `context.complete`; if the job was cancelled or taken over meanwhile, the
    /// files rendered for it are removed and nothing is recorded.
    func complete(
        _ context: JobContext, final progress: JobProgress, files: [String],
        _ body: (any SQLDatabase) async throws -> Void
    ) async throws {
        do {
            try await context.complete(final: progress, body)
        } catch let error as JobLeaseLost {
            for file in files { try? await storage.remove(file) }
            throw error
        }
    }

    /// Renders `state` into a scratch folder and moves the MP4 and thumbnail under the version's keys.
    func render(_ state: EditorState, video: String, version: Int, context: JobContext, tracker: ProgressTracker)
        async throws -> (RenderResult, videoKey: String, thumbnailKey: String)
    {
        let scratch = try media.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("video.mp4")
        let thumbnail = scratch.appendingPathComponent("video.jpg")
        // The renderer's first event comes after its probing and loudness pass, so the stage is marked around it.
        tracker.stages.mark(.render)
        let result = try await reporting(to: context, tracker: tracker) { report in
            try await pipeline.render(
                state, to: output, thumbnail: thumbnail,
                dispatcher: segmentDispatcher(
                    owner: context.worker, video: video, settings: context.settings, logger: context.logger),
                progress: report)
        }
        tracker.stages.mark(.render)
        let videoKey = MediaFolder.videoKey(video: video, version: version)
        let thumbnailKey = MediaFolder.thumbnailKey(video: video, version: version)
        try await storage.store(output, as: videoKey, contentType: "video/mp4")
        try await storage.store(thumbnail, as: thumbnailKey, contentType: "image/jpeg")
        return (result, videoKey, thumbnailKey)
    }

    /// The asset rows of one scene: its picture, clip, voice, timings, and its music group's track, each with
    /// the provider and model that made it (and what that cost) when a provider did.
    func assetRows(scene index: Int, plan: Plan, assets: PlanAssets) -> [NewSceneAsset] {
        let generators = pipeline.generators
        let store = pipeline.store
        let scene = assets.scenes[index]
        func row(_ kind: AssetKind, _ asset: AssetRef, _ generator: any Generator) -> NewSceneAsset {
            if let made = store.provenance(of: asset) {
                return NewSceneAsset(
                    kind: kind, key: asset.description, generator: "\(made.provider):\(made.model)",
                    costUsd: made.costUSD)
            }
            return NewSceneAsset(kind: kind, key: asset.description, generator: "\(generator.id)@\(generator.version)")
        }
        var rows = [row(.image, scene.image, generators.image), row(.clip, scene.clip, generators.video)]
        if let voice = scene.voice {
            rows.append(row(.voice, voice, generators.speech))
            let timings = AssetRef(key: voice.key, ext: "json").description
            rows.append(NewSceneAsset(kind: .timings, key: timings, generator: rows[rows.count - 1].generator))
        }
        if let music = assets.music.first(where: { $0.group == plan.scenes[index].musicGroup }) {
            rows.append(row(.music, music.track, generators.music))
        }
        return rows
    }
}

/// Documents stored as text columns, in canonical JSON.
public protocol StoredDocument: Encodable {}

extension StoredDocument {
    public var json: String { String(decoding: (try? CanonicalJSON.encode(self)) ?? Data(), as: UTF8.self) }
}

extension Plan: StoredDocument {}
extension PlanScene: StoredDocument {}
extension EditorState: StoredDocument {}
extension Settings: StoredDocument {}

/// Plans (unless the user sent a plan), generates every asset, renders version 1.
struct GenerateVideoJob: JobHandler {
    let workshop: VideoWorkshop
    var kind: JobKind { .generateVideo }

    func run(_ context: JobContext) async throws {
        let database = workshop.database
        let video = try await workshop.video(context.job.videoId)
        let payload = try context.job.payload(as: GenerateVideoPayload.self)
        try await database.transaction { db in try await Videos.markRunning(db, id: video.id) }
        if payload.mode == .agent {
            return try await directed(context, video: video, steps: payload.agentSteps ?? DirectorSteps.standard)
        }
        let tracker = ProgressTracker(sceneCount: 0)
        await context.report(tracker.apply(ProgressEvent(stage: .planning, fraction: 0, message: "planning")))
        tracker.stages.mark(.plan)

        let plan: Plan
        if let stored = video.plan {
            plan = try stored.validated()
        } else {
            guard let settings = video.settings else { throw UsageError("the video has no settings") }
            plan = try await workshop.pipeline.plan(prompt: video.prompt, settings: settings, script: payload.script)
        }
        try await database.transaction { db in
            try await Videos.setPlan(db, id: video.id, plan: plan.json, title: plan.title)
            _ = try await Scenes.createInitial(db, video: video.id, planScenes: plan.scenes)
        }
        tracker.stages.mark(.plan)
        tracker.setSceneCount(plan.scenes.count)
        await context.report(
            tracker.apply(
                ProgressEvent(
                    stage: .voice, fraction: ProgressEvent.fraction(.voice, done: 0, of: 1),
                    message: "planned \(plan.scenes.count) scenes")))

        let assembled = try await workshop.assemble(plan, context: context, tracker: tracker)
        try await finish(context, video: video, made: assembled, tracker: tracker)
    }

    /// Renders version 1 and records the scenes' assets, the version and the finished video in the transaction
    /// that completes the job; `newPlan` also stores the plan and its scenes there (the director's plan, made
    /// during the job).
    func finish(
        _ context: JobContext, video: Video, made assembled: AssembledVideo, tracker: ProgressTracker,
        newPlan: Bool = false
    ) async throws {
        let (plan, assets, state) = (assembled.plan, assembled.assets, assembled.state)
        let (result, videoKey, thumbnailKey) = try await workshop.render(
            state, video: video.id, version: 1, context: context, tracker: tracker)
        let done = tracker.apply(ProgressEvent(stage: .done, fraction: 1, message: "done"))
        try await workshop.complete(context, final: done, files: [videoKey, thumbnailKey]) { db in
            if newPlan {
                try await Videos.setPlan(db, id: video.id, plan: plan.json, title: plan.title)
                _ = try await Scenes.createInitial(db, video: video.id, planScenes: plan.scenes)
            }
            let scenes = try await Scenes.list(db, video: video.id)
            for scene in scenes where scene.position < plan.scenes.count {
                guard let revision = try await Scenes.revision(db, scene: scene.id, number: scene.currentRevision)
                else { continue }
                try await Scenes.completeRevision(
                    db, revision: revision, planScene: plan.scenes[scene.position],
                    assets: workshop.assetRows(scene: scene.position, plan: plan, assets: assets))
            }
            let (version, _) = try await Versions.add(
                db, video: video.id, editorState: state, status: .rendering, current: nil)
            try await Versions.setOutput(
                db, id: version.id, videoKey: videoKey, thumbnailKey: thumbnailKey, duration: result.duration)
            try await Videos.setOutput(
                db, id: video.id, videoKey: videoKey, thumbnailKey: thumbnailKey, duration: result.duration,
                version: version.number)
            let retention = try await workshop.retention(for: video.userId, in: db)
            try await Videos.complete(db, id: video.id, expiresAt: retention.expiry(after: Clock.nowMillis()))
            try await WebhookEvents.video(db, id: video.id, type: .videoCompleted)
            try await StageTimes.record(db, job: context.job.id, video: video.id, times: tracker.stages.times)
            try await Notifications.videoReady(db, video: video.id)
        }
    }

    func failed(_ job: Job, error: String, in db: any SQLDatabase) async throws {
        guard let video = job.videoId else { return }
        let unfinished = try await Videos.find(db, id: video).map { !$0.status.isFinished } ?? false
        try await Videos.finishUnsuccessfully(db, id: video, status: .failed, error: error)
        if unfinished { try await WebhookEvents.video(db, id: video, type: .videoFailed) }
    }
}

/// Makes a new revision of one scene (new picture, new narration, or both), reusing every other asset, and
/// renders a new version of the video with it.
struct RegenerateSceneJob: JobHandler {
    let workshop: VideoWorkshop
    var kind: JobKind { .regenerateScene }

    func run(_ context: JobContext) async throws {
        let database = workshop.database
        let video = try await workshop.video(context.job.videoId)
        let payload = try context.job.payload(as: RegenerateScenePayload.self)
        let (scene, revision, current) = try await database.read { db -> (Scene?, SceneRevision?, VideoVersion?) in
            let scene = try await Scenes.find(db, video: video.id, id: payload.sceneId)
            let revision = try await Scenes.revision(db, id: payload.revisionId)
            let current = try await Versions.list(db, video: video.id).first { $0.number == video.currentVersion }
            return (scene, revision, current)
        }
        guard let scene, let revision, let stored = video.plan else {
            throw UsageError("the scene or revision no longer exists")
        }
        var plan = try stored.validated()
        guard plan.scenes.indices.contains(scene.position) else { throw UsageError("the scene is not in the plan") }
        plan.scenes[scene.position] = revision.planScene

        let tracker = ProgressTracker(sceneCount: plan.scenes.count)
        let assembled = try await workshop.assemble(plan, context: context, tracker: tracker)
        let assets = assembled.assets
        var state = assembled.state
        if let current { state.carryOverEdits(from: current.editorState) }
        let number =
            (try await database.read { db in try await Versions.list(db, video: video.id).map(\.number).max() } ?? 0)
            + 1
        let (result, videoKey, thumbnailKey) = try await workshop.render(
            state, video: video.id, version: number, context: context, tracker: tracker)
        var removed: [VideoVersion] = []
        let done = tracker.apply(
            ProgressEvent(stage: .done, fraction: 1, message: "scene \(scene.position + 1) regenerated"))
        try await workshop.complete(context, final: done, files: [videoKey, thumbnailKey]) { db in
            try await Scenes.completeRevision(
                db, revision: revision, planScene: plan.scenes[scene.position],
                assets: workshop.assetRows(scene: scene.position, plan: plan, assets: assets))
            try await Videos.setPlan(db, id: video.id, plan: plan.json, title: plan.title)
            let (version, pruned) = try await Versions.add(
                db, video: video.id, editorState: state, status: .rendering, current: video.currentVersion)
            removed = pruned
            guard version.number == number else { throw VersionRace() }
            try await Versions.setOutput(
                db, id: version.id, videoKey: videoKey, thumbnailKey: thumbnailKey, duration: result.duration)
            try await Videos.setOutput(
                db, id: video.id, videoKey: videoKey, thumbnailKey: thumbnailKey, duration: result.duration,
                version: version.number)
            try await WebhookEvents.version(db, video: video.id, version: version.id)
        }
        for version in removed {
            for key in [version.videoKey, version.thumbnailKey].compactMap({ $0 }) {
                try? await workshop.storage.remove(key)
            }
        }
    }

    func failed(_ job: Job, error: String, in db: any SQLDatabase) async throws {
        let payload = try job.payload(as: RegenerateScenePayload.self)
        try await Scenes.failRevision(db, revision: payload.revisionId)
        if payload.price > 0, let user = job.userId {
            try await CreditLedger.apply(
                db, user: user, delta: payload.price, reason: .sceneRefund, reference: payload.revisionId,
                key: "revision:\(payload.revisionId):refund")
        }
    }
}

/// Another save took the version number this job rendered under; the attempt is retried with a fresh number.
struct VersionRace: Error, CustomStringConvertible {
    var description: String { "another version was saved at the same time; retrying" }
}

/// Renders a saved EditorState as a version of the video and makes it the current one.
struct RenderVersionJob: JobHandler {
    let workshop: VideoWorkshop
    var kind: JobKind { .renderVersion }

    func run(_ context: JobContext) async throws {
        let database = workshop.database
        let video = try await workshop.video(context.job.videoId)
        let payload = try context.job.payload(as: RenderVersionPayload.self)
        guard
            let version = try await database.read({ db in
                try await Versions.find(db, video: video.id, id: payload.versionId)
            })
        else {
            throw UsageError("the version no longer exists")
        }
        try await database.transaction { db in try await Versions.setStatus(db, id: version.id, .rendering) }
        let state = try version.editorState.validated()
        let tracker = ProgressTracker(sceneCount: 0)
        let (result, videoKey, thumbnailKey) = try await workshop.render(
            state, video: video.id, version: version.number, context: context, tracker: tracker)
        let done = tracker.apply(
            ProgressEvent(stage: .done, fraction: 1, message: "version \(version.number) rendered"))
        try await workshop.complete(context, final: done, files: [videoKey, thumbnailKey]) { db in
            try await Versions.setOutput(
                db, id: version.id, videoKey: videoKey, thumbnailKey: thumbnailKey, duration: result.duration)
            try await Videos.setOutput(
                db, id: video.id, videoKey: videoKey, thumbnailKey: thumbnailKey, duration: result.duration,
                version: version.number)
            try await WebhookEvents.version(db, video: video.id, version: version.id)
        }
    }

    func failed(_ job: Job, error: String, in db: any SQLDatabase) async throws {
        let payload = try job.payload(as: RenderVersionPayload.self)
        try await Versions.setStatus(db, id: payload.versionId, .failed, error: error)
    }
}

extension EditorState {
    /// Keeps the user's timeline edits that still apply after a scene was regenerated: overlays, track volumes,
    /// ducking, caption switch and style, looks, and the transitions when the cuts are the same.
    mutating func carryOverEdits(from previous: EditorState) {
        overlays = previous.overlays.filter { $0.start < duration }.map { overlay in
            var overlay = overlay
            overlay.end = min(overlay.end, duration)
            overlay.animation = overlay.animation?.fitted(to: overlay.end - overlay.start)
            return overlay
        }
        audio.voice.volume = previous.audio.voice.volume
        audio.music.volume = previous.audio.music.volume
        audio.ducking = previous.audio.ducking
        captions.enabled = previous.captions.enabled
        captions.style = previous.captions.style
        if previous.transitions.count == transitions.count { transitions = previous.transitions }
        // The grade stays: the video's look, and each clip's own where the clip is still there.
        look = previous.look
        let clipLooks = Dictionary(previous.clips.map { ($0.id, $0.look) }, uniquingKeysWith: { first, _ in first })
        for index in clips.indices { clips[index].look = clipLooks[clips[index].id] ?? nil }
    }
}
