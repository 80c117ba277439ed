import Foundation
import Hummingbird
import Logging
import PixoraAPI
import PixoraCore
import PixoraMedia
import PixoraPipeline
import PixoraStore
import SQLKit

/// Projects: create a remix from an upload (a studio project from JSON, `StudioRoutes`), list, read, rename,
/// delete. Remix plans, chat and generation are in `ProjectPlanRoutes`; studio steps in `StudioRoutes`.
struct ProjectRoutes {
    let services: AppServices
    var database: any Database { services.database }

    static let maxTopic = 500
    static let maxCharacterBytes: Int64 = 20_000_000
    static let maxAudioBytes: Int64 = 200_000_000
    static let longestSample: Double = 600

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.post, "projects", create)
        routes.add(.get, "projects", list)
        routes.add(.get, "projects/:id", get)
        routes.add(.patch, "projects/:id", rename)
        routes.add(.delete, "projects/:id", delete)
    }

    static func owned(_ database: any Database, _ context: AuthenticatedContext) async throws -> Project {
        let id = try context.parameters.require("id")
        guard
            let project = try await database.read({ db in try await Projects.find(db, owner: context.userId, id: id) })
        else { throw APIError.notFound("project") }
        return project
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.Project
    > {
        if request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true {
            return try await StudioRoutes(services: services).create(request, context: context)
        }
        let rules = MultipartUpload.Rules(
            files: [
                "sample": services.uploadMaxBytes, "character": Self.maxCharacterBytes, "audio": Self.maxAudioBytes,
            ],
            texts: ["kind": 20, "topic": Self.maxTopic, "title": 200, "audioRole": 20])
        let scratch = try services.media.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let upload = try await MultipartUpload.receive(request, rules: rules, into: scratch)
        return JSONResponse(.created, try await createRemix(upload, owner: context.userId, logger: context.logger))
    }

    /// Makes a remix project from received parts (their files in a scratch folder the caller removes) and queues
    /// its analysis: the multipart route and the MCP tool `analyze_sample` both come here.
    func createRemix(_ upload: MultipartUpload, owner: String, logger: Logger) async throws -> Schemas.Project {
        let fields = try Self.fields(upload)
        try await services.enforcePlan(owner: owner, PlanAsk())
        let id = newID()
        do {
            let files = try await store(upload, fields: fields, project: id)
            let title = fields.title ?? Self.title(upload.files["sample"]?.name)
            let project = try await services.admittingJobs(of: owner) {
                try await Projects.create(
                    in: database, owner: owner, title: title, topic: fields.topic, files: files,
                    maxAttempts: services.jobAttempts, id: id)
            }
            logger.info("project created", metadata: ["project": .string(project.id)])
            let job = try await database.read { db in try await Jobs.latest(db, project: project.id) }
            return try Schemas.Project(
                project, files: files, job: job, latestPlan: nil, videoCount: 0, tokens: services.tokens)
        } catch {
            // A refused or failed upload leaves nothing behind.
            await services.removeStoredProject(id)
            throw error
        }
    }

    struct Fields {
        var topic: String
        var title: String?
        var audioRole: ProjectFileRole
    }

    static func fields(_ upload: MultipartUpload) throws -> Fields {
        var issues: [DocumentIssue] = []
        let kind = upload.texts["kind"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let kind {
            if ProjectKind(rawValue: kind.lowercased()) != .remix {
                issues.append(
                    .init(
                        "kind",
                        "must be 'remix' for a multipart upload (a studio project is a JSON body), "
                            + "got '\(kind.prefix(20))'"))
            }
        } else {
            issues.append(.init("kind", "is required; send 'remix'"))
        }
        if upload.files["sample"] == nil { issues.append(.init("sample", "is required: the sample video to remix")) }
        let topic = TextSanitizer.singleLine(upload.texts["topic"] ?? "").trimmingCharacters(
            in: .whitespacesAndNewlines)
        // On what was sent, as the studio route and the contract count it, not on what is left once sanitised.
        if (upload.texts["topic"] ?? "").codePointCount > maxTopic {
            issues.append(.init("topic", "must be at most \(maxTopic) characters"))
        }
        var title = upload.texts["title"].map {
            TextSanitizer.singleLine($0).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let given = title, given.codePointCount > 200 {
            issues.append(.init("title", "must be at most 200 characters"))
        }
        if title?.isEmpty == true { title = nil }
        var role = ProjectFileRole.music
        if let text = upload.texts["audioRole"] {
            switch text.trimmingCharacters(in: .whitespaces) {
            case "music": role = .music
            case "voiceOver": role = .voiceOver
            default: issues.append(.init("audioRole", "must be 'music' or 'voiceOver', got '\(text.prefix(20))'"))
            }
        }
        guard issues.isEmpty else { throw APIError.validation(issues) }
        return Fields(topic: topic, title: title, audioRole: role)
    }

    /// Checks every upload by what ffprobe finds in it and places it under the project's media keys; the character
    /// and the audio are also normalized into the asset store for the pipeline.
    func store(_ upload: MultipartUpload, fields: Fields, project: String) async throws
        -> [ProjectFile]
    {
        guard let sample = upload.files["sample"] else { throw APIError.validation("sample", "is required") }
        let probe: UploadProbe
        do {
            probe = try await SampleVideoCheck.check(sample.url)
        } catch let error as UploadError {
            throw Self.refusal(error, part: "sample")
        }
        let duration = probe.info?.duration ?? 0
        guard duration <= Self.longestSample else {
            throw APIError.validation(
                "sample", "is \(duration.formatted) s long; a sample may be at most 10 minutes (600 s)")
        }
        var files: [ProjectFile] = []
        // Uploads keep their files as long as a finished video does (`PIXORA_RETENTION`), counted from now.
        let expiresAt = services.workshop.retention.expiry(after: Clock.nowMillis())
        let sampleKey = MediaFolder.projectKey(project: project, file: "sample")
        try await services.storage.store(sample.url, as: sampleKey, contentType: Self.contentType(probe))
        files.append(
            ProjectFile(
                role: .sample, mediaKey: sampleKey, contentType: Self.contentType(probe), sizeBytes: sample.size,
                duration: duration, name: sample.name, asset: nil, expiresAt: expiresAt))
        let extras: [(part: String, role: ProjectFileRole, upload: UploadRole)] = [
            ("character", .character, .character),
            ("audio", fields.audioRole, fields.audioRole == .voiceOver ? .voiceOver : .music),
        ]
        for extra in extras {
            guard let file = upload.files[extra.part] else { continue }
            let ingested: IngestedUpload
            let kind: UploadProbe
            do {
                kind = try await UploadProbe.inspect(file.url)
                ingested = try await services.pipeline.store.ingest(upload: file.url, as: extra.upload)
            } catch let error as UploadError {
                throw Self.refusal(error, part: extra.part)
            }
            if extra.role == .voiceOver, let seconds = ingested.duration, seconds > RemixLimits.longestVideo {
                throw APIError.validation(
                    extra.part,
                    "is a \(seconds.rounded().formatted) s voice-over; a remix is at most 60 s, so its voice-over is too"
                )
            }
            let key = MediaFolder.projectKey(project: project, file: extra.part)
            try await services.storage.store(file.url, as: key, contentType: Self.contentType(kind))
            files.append(
                ProjectFile(
                    role: extra.role, mediaKey: key, contentType: Self.contentType(kind), sizeBytes: file.size,
                    duration: ingested.duration, name: file.name, asset: ingested.asset, expiresAt: expiresAt))
        }
        return files
    }

    /// 415 when the part is not the kind of media asked for, 422 when it is but cannot be used.
    static func refusal(_ error: UploadError, part: String) -> APIError {
        error.isUnsupportedType
            ? APIError(.unsupportedMediaType, .unsupportedMediaType, "'\(part)': \(error.description)")
            : APIError.validation(part, error.description)
    }

    static func contentType(_ probe: UploadProbe) -> String {
        let format = probe.info?.formatName ?? ""
        switch probe.kind {
        case .video:
            if format.contains("webm") || format.contains("matroska") { return "video/webm" }
            if format.contains("avi") { return "video/x-msvideo" }
            return format.contains("mp4") || format.contains("mov") ? "video/mp4" : "application/octet-stream"
        case .image:
            switch probe.codec {
            case "png": return "image/png"
            case "mjpeg": return "image/jpeg"
            case "webp": return "image/webp"
            default: return "application/octet-stream"
            }
        case .audio:
            if format.contains("wav") { return "audio/wav" }
            if format.contains("mp3") { return "audio/mpeg" }
            if format.contains("ogg") { return "audio/ogg" }
            if format.contains("mp4") || format.contains("mov") { return "audio/mp4" }
            if format.contains("flac") { return "audio/flac" }
            return "application/octet-stream"
        case .unknown:
            return "application/octet-stream"
        }
    }

    /// A project's default title: the sample's file name without its extension.
    static func title(_ name: String?) -> String {
        let base = (name ?? "").split(separator: ".").dropLast().joined(separator: ".")
        let cleaned = base.trimmingCharacters(in: .whitespacesAndNewlines)
        return cleaned.isEmpty ? "Remix" : "Remix of \(String(cleaned.prefix(180)))"
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.ProjectPage
    > {
        let parameters = request.uri.queryParameters
        let query = try LibraryQuery.parse(.projects, now: services.now()) {
            parameters[Substring($0)].map(String.init)
        }
        try await LibraryQuery.checkCollection(query.filter.collection, owner: context.userId, in: database)
        let (page, files, plans, counts) = try await database.read { db in
            let page = try await Projects.list(
                db, owner: context.userId, filter: query.filter, limit: query.limit, after: query.cursor)
            let ids = page.items.map(\.id)
            return (
                page, try await ProjectFiles.all(db, projects: ids),
                try await ProjectPlans.latestNumbers(db, projects: ids),
                try await Projects.videoCounts(db, projects: ids)
            )
        }
        let items = try page.items.map {
            try Schemas.Project(
                $0, files: files[$0.id] ?? [], job: nil, latestPlan: plans[$0.id], videoCount: counts[$0.id] ?? 0,
                tokens: services.tokens, detail: false)
        }
        return JSONResponse(Schemas.ProjectPage(items: items, nextCursor: page.next?.token))
    }

    /// The project with everything its page shows. The job is read first (see `VideoRoutes.videoWithJob`).
    func detail(_ id: String, owner: String) async throws -> Schemas.Project {
        let found = try await database.read { db -> (Project, [ProjectFile], Job?, Int?, Int)? in
            let job = try await Jobs.latest(db, project: id)
            guard let project = try await Projects.findInLibrary(db, owner: owner, id: id) else { return nil }
            return (
                project, try await ProjectFiles.all(db, project: id), job,
                try await ProjectPlans.latest(db, project: id)?.number,
                try await Projects.videoCounts(db, projects: [id])[id] ?? 0
            )
        }
        guard let (project, files, job, latest, count) = found else { throw APIError.notFound("project") }
        return try Schemas.Project(
            project, files: files, job: job, latestPlan: latest, videoCount: count, tokens: services.tokens)
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Project>
    {
        JSONResponse(try await detail(try context.parameters.require("id"), owner: context.userId))
    }

    @Sendable func rename(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.Project
    > {
        let project = try await Self.owned(database, context)
        let body = try await request.decodeJSON(Schemas.RenameRequest.self)
        let title = TextSanitizer.singleLine(body.title).trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(title.codePointCount) else {
            throw APIError.validation("title", "must be 1 to 200 characters")
        }
        guard
            try await database.transaction({ db in
                try await Projects.rename(db, owner: context.userId, id: project.id, title: title)
            }) != nil
        else { throw APIError.notFound("project") }
        return JSONResponse(try await detail(project.id, owner: context.userId))
    }

    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let project = try await Self.owned(database, context)
        let deleted = try await database.transaction { db in
            // Jobs before the project, the order a finishing worker takes them in, so the two never deadlock.
            try await Jobs.touch(db, project: project.id)
            try await StudioProjects.refundRunning(db, owner: context.userId, id: project.id)
            return try await Projects.delete(db, owner: context.userId, id: project.id)
        }
        guard deleted else { throw APIError.notFound("project") }
        await services.removeStoredProject(project.id)
        return Response(status: .noContent)
    }
}
