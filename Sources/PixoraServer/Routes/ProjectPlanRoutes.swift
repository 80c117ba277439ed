import Foundation
import Hummingbird
import PixoraAPI
import PixoraCore
import PixoraJobs
import PixoraPipeline
import PixoraStore
import SQLKit

/// A remix project's plans: made from the analysis, changed by chat, compared, restored, and generated as one to
/// three charged videos.
struct ProjectPlanRoutes {
    let services: AppServices
    var database: any Database { services.database }

    static let maxMessage = 2000
    static let maxVariants = 3

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.post, "projects/:id/plans", makePlan)
        routes.add(.get, "projects/:id/plans", listPlans)
        routes.add(.get, "projects/:id/plans/:number", getPlan)
        routes.add(.get, "projects/:id/plans/:number/compare", compare)
        routes.add(.post, "projects/:id/plans/:number/restore", restore)
        routes.add(.post, "projects/:id/chat", chat)
        routes.add(.get, "projects/:id/chat", history)
        routes.add(.post, "projects/:id/videos", generate)
        routes.add(.get, "projects/:id/videos", videos)
    }

    /// The body of `POST …/plans`. Written here because the generator leaves out a property whose schema is
    /// `anyOf: [SettingsRequest, null]`, as for `VideoRoutes.CreateRequest`.
    struct PlanRequest: Decodable {
        var topic: String?
        var settings: SettingsRequest?
    }

    /// The project and what a plan is edited against; 409 before the analysis is stored.
    func context(_ context: AuthenticatedContext) async throws -> (Project, RemixContext) {
        let project = try await ProjectRoutes.owned(database, context)
        guard let analysis = project.analysis, project.status == .analyzed else {
            let state = project.status == .failed ? "its analysis failed" : "it is still being analyzed"
            throw APIError(.conflict, .notAnalyzed, "this project's sample has no analysis yet: \(state)")
        }
        let files = try await database.read { db in try await ProjectFiles.all(db, project: project.id) }
        return (project, RemixContext(analysis: analysis, topic: project.topic, uploads: ProjectFiles.media(files)))
    }

    static func number(_ context: AuthenticatedContext) throws -> Int {
        let text = try context.parameters.require("number")
        guard let number = Int(text), (1...100_000).contains(number) else { throw APIError.notFound("plan version") }
        return number
    }

    func version(_ project: Project, _ number: Int) async throws -> ProjectPlan {
        guard
            let found = try await database.read({ db in
                try await ProjectPlans.find(db, project: project.id, number: number)
            })
        else { throw APIError.notFound("plan version") }
        return found
    }

    @Sendable func makePlan(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.PlanVersion
    > {
        _ = try await ProjectRoutes.owned(database, context)
        let body = try await request.decodeOptionalJSON(PlanRequest.self)
        let (project, remix) = try await self.context(context)
        let topic = body?.topic.map { TextSanitizer.singleLine($0).trimmingCharacters(in: .whitespaces) } ?? remix.topic
        if body?.topic != nil && topic.isEmpty {
            throw APIError.validation("topic", "must not be empty; leave it out to use the project's topic")
        }
        guard topic.codePointCount <= ProjectRoutes.maxTopic else {
            throw APIError.validation("topic", "must be at most \(ProjectRoutes.maxTopic) characters")
        }
        let request = body?.settings ?? SettingsRequest()
        let duration = request.durationSeconds
        if let duration, !(RemixLimits.shortestVideo...RemixLimits.longestVideo).contains(duration) {
            throw APIError.validation(
                "settings.durationSeconds", "must be between 5 and 60 seconds for a remix, got \(duration.formatted)")
        }
        var settings = try VideoRoutes.settings(request, prompt: topic, defaultVoice: services.defaultVoice)
        settings.aspectRatio = .vertical
        let plan: Plan
        do {
            plan = try await services.remixPlanner.plan(
                analysis: remix.analysis, topic: topic, settings: settings, media: remix.uploads, duration: duration)
        } catch let invalid as InvalidDocument {
            throw APIError.validation(invalid.issues)
        }
        let saved = try await database.transaction { db in
            try await ProjectPlans.append(
                db, project: project.id, plan: plan, source: .analysis,
                note: "Planned from the sample's analysis: \(plan.scenes.count) scenes, "
                    + "\(plan.plannedDuration.rounded().formatted) s.")
        }
        return JSONResponse(.created, Schemas.PlanVersion(saved, pricing: services.pricing, includePlan: true))
    }

    @Sendable func listPlans(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.PlanVersionList
    > {
        let project = try await ProjectRoutes.owned(database, context)
        let all = try await database.read { db in try await ProjectPlans.all(db, project: project.id) }
        return JSONResponse(
            Schemas.PlanVersionList(
                items: all.map { Schemas.PlanVersion($0, pricing: services.pricing, includePlan: false) }))
    }

    @Sendable func getPlan(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.PlanVersion
    > {
        let project = try await ProjectRoutes.owned(database, context)
        let found = try await version(project, try Self.number(context))
        return JSONResponse(Schemas.PlanVersion(found, pricing: services.pricing, includePlan: true))
    }

    @Sendable func compare(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.PlanComparison
    > {
        let project = try await ProjectRoutes.owned(database, context)
        let number = try Self.number(context)
        guard let text = request.uri.queryParameters["with"].map(String.init) else {
            throw APIError.validation("with", "is required: the number of the version to compare with")
        }
        guard let other = Int(text), (1...100_000).contains(other) else {
            throw APIError.validation("with", "must be a plan version number, got '\(text.prefix(20))'")
        }
        let newer = try await version(project, number)
        let older = try await version(project, other)
        let changes = PlanComparison(from: older.plan, to: newer.plan).changes.map(Schemas.PlanChange.init)
        return JSONResponse(Schemas.PlanComparison(from: other, to: number, changes: changes))
    }

    @Sendable func restore(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.PlanVersion
    > {
        let project = try await ProjectRoutes.owned(database, context)
        let number = try Self.number(context)
        let old = try await version(project, number)
        let saved = try await database.transaction { db in
            try await ProjectPlans.append(
                db, project: project.id, plan: old.plan, source: .restore, note: "Restored version \(number).")
        }
        return JSONResponse(.created, Schemas.PlanVersion(saved, pricing: services.pricing, includePlan: true))
    }

    @Sendable func chat(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.ChatReply
    > {
        // Whose project it is before what the body says: another user's project is a 404 whatever was sent.
        _ = try await ProjectRoutes.owned(database, context)
        let body = try await request.decodeJSON(Schemas.ChatRequest.self)
        let message = TextSanitizer.lines(body.message).trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Self.maxMessage).contains(message.codePointCount) else {
            throw APIError.validation("message", "must be 1 to \(Self.maxMessage) characters")
        }
        let (project, remix) = try await self.context(context)
        guard let latest = try await database.read({ db in try await ProjectPlans.latest(db, project: project.id) })
        else { throw APIError(.conflict, .noPlan, "this project has no plan yet; make one first") }
        let outcome = await services.planChat.respond(to: message, plan: latest.plan, context: remix)
        let (saved, messages) = try await database.transaction { db -> (ProjectPlan?, [ProjectMessage]) in
            var saved: ProjectPlan?
            if let changed = outcome.plan {
                saved = try await ProjectPlans.append(
                    db, project: project.id, plan: changed, source: .chat, note: outcome.reply)
            }
            let messages = try await ProjectMessages.append(
                db, project: project.id,
                [(.user, message, nil), (.assistant, outcome.reply, saved?.number)])
            return (saved, messages)
        }
        return JSONResponse(
            Schemas.ChatReply(
                reply: outcome.reply, changed: saved != nil,
                planVersion: saved.map { Schemas.PlanVersion($0, pricing: services.pricing, includePlan: true) },
                messages: messages.map(Schemas.ChatMessage.init)))
    }

    @Sendable func history(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.ChatHistory
    > {
        let project = try await ProjectRoutes.owned(database, context)
        let messages = try await database.read { db in try await ProjectMessages.all(db, project: project.id) }
        return JSONResponse(Schemas.ChatHistory(items: messages.map(Schemas.ChatMessage.init)))
    }

    @Sendable func generate(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.ProjectVideos
    > {
        let key = try IdempotencyKey.from(request)
        let project = try await ProjectRoutes.owned(database, context)
        let body = try await request.decodeJSON(Schemas.ProjectVideosRequest.self)
        let count = body.variants ?? 1
        guard (1...Self.maxVariants).contains(count) else {
            throw APIError.validation("variants", "must be 1 to \(Self.maxVariants), got \(count)")
        }
        let chosen: ProjectPlan
        if let number = body.planVersion {
            chosen = try await version(project, number)
        } else {
            guard
                let latest = try await database.read({ db in
                    try await ProjectPlans.latest(db, project: project.id)
                })
            else { throw APIError(.conflict, .noPlan, "this project has no plan yet; make one first") }
            chosen = latest
        }
        let price = try await price(chosen.plan, project: project)
        try await services.enforcePlan(
            owner: context.userId,
            PlanAsk(
                duration: max(chosen.plan.settings.durationSeconds, chosen.plan.plannedDuration),
                quality: chosen.plan.settings.quality, generations: count))
        let payload = String(decoding: try JSONEncoder().encode(GenerateVideoPayload(script: nil)), as: UTF8.self)
        let variants = (1...count).map { variant -> NewVideo in
            let plan = RemixVariants.variant(chosen.plan, number: variant)
            let title = count == 1 ? plan.title : "\(plan.title) (\(variant) of \(count))"
            return NewVideo(
                title: String(title.prefix(200)), prompt: project.topic.isEmpty ? plan.prompt : project.topic,
                settings: plan.settings.json, plan: plan.json, price: price,
                idempotencyKey: key.map { "\($0)#\(variant)" }, jobPayload: payload,
                maxAttempts: services.jobAttempts)
        }
        let (videos, created) = try await services.admittingJobs(of: context.userId) {
            try await Videos.createVariants(
                in: database, owner: context.userId, project: project.id, planNumber: chosen.number, variants,
                jobKind: .generateVideo)
        }
        if created {
            context.logger.info(
                "project videos queued",
                metadata: ["project": .string(project.id), "videos": .stringConvertible(videos.count)])
        }
        var items: [Schemas.Video] = []
        for video in videos {
            let job = try await database.read { db in try await Jobs.latest(db, video: video.id) }
            items.append(try Schemas.Video(video, job: job, tokens: services.tokens))
        }
        return JSONResponse(
            created ? .created : .ok, headers: created ? [:] : [.init("Idempotent-Replayed")!: "true"],
            Schemas.ProjectVideos(items: items, price: price))
    }

    /// What one video of `plan` costs: with an uploaded voice-over, priced as long as the voice-over makes it.
    func price(_ plan: Plan, project: Project) async throws -> Int {
        guard plan.media?.voiceOver != nil else { return services.pricing.price(for: plan) }
        let files = try await database.read { db in try await ProjectFiles.all(db, project: project.id) }
        guard let seconds = files.first(where: { $0.role == .voiceOver })?.duration else {
            return services.pricing.price(for: plan)
        }
        return services.pricing.price(for: VoiceOverFit.fitted(plan, voiceOver: seconds))
    }

    @Sendable func videos(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.ProjectVideos
    > {
        let project = try await ProjectRoutes.owned(database, context)
        let videos = try await database.read { db in
            try await Videos.list(db, owner: context.userId, project: project.id)
        }
        return JSONResponse(
            Schemas.ProjectVideos(
                items: try videos.map { try Schemas.Video($0, detail: false, tokens: services.tokens) }))
    }
}
