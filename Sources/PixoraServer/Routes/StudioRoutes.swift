import Foundation
import Hummingbird
import PixoraAPI
import PixoraCore
import PixoraPipeline
import PixoraStore

/// The guided studio: a project of eight steps, each priced, run as a job (the edit step at once) and approved.
/// Creating one is `POST /api/v1/projects` with a JSON body (`ProjectRoutes.create` hands it here).
struct StudioRoutes {
    let services: AppServices
    var database: any Database { services.database }

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.get, "projects/:id/steps/:step/estimate", estimate)
        routes.add(.post, "projects/:id/steps/:step/estimate", estimateChoices)
        routes.add(.post, "projects/:id/steps/:step", run)
        routes.add(.post, "projects/:id/steps/:step/approve", approve)
        routes.add(.get, "studio/models", models)
    }

    var pipeline: StudioPipeline { StudioPipeline(video: services.pipeline, studio: services.studioGenerators) }

    /// The body of `POST /api/v1/projects` for a studio project (hand-written: `settings` is the domain's
    /// `SettingsRequest`, and a nullable title is dropped by the generated type).
    struct CreateRequest: Decodable {
        var kind: String
        var topic: String
        var title: String?
        var settings: SettingsRequest?
    }

    func create(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Project> {
        let body = try await request.decodeJSON(CreateRequest.self)
        var issues: [DocumentIssue] = []
        if body.kind.lowercased() != "studio" {
            issues.append(
                .init("kind", "must be 'studio' for a JSON body (a remix project is multipart/form-data)"))
        }
        let topic = TextSanitizer.singleLine(body.topic).trimmingCharacters(in: .whitespacesAndNewlines)
        if !(1...ProjectRoutes.maxTopic).contains(topic.codePointCount) {
            issues.append(.init("topic", "must be 1 to \(ProjectRoutes.maxTopic) characters"))
        }
        let title = body.title.map { TextSanitizer.singleLine($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        if let title, title.codePointCount > 200 { issues.append(.init("title", "must be at most 200 characters")) }
        guard issues.isEmpty else { throw APIError.validation(issues) }
        let settings = try VideoRoutes.settings(
            body.settings ?? SettingsRequest(), prompt: topic, defaultVoice: services.defaultVoice)
        let name = title.flatMap { $0.isEmpty ? nil : $0 } ?? String(topic.prefix(80))
        let project = try await StudioProjects.create(
            in: database, owner: context.userId, title: name, topic: topic, settings: settings)
        context.logger.info("studio project created", metadata: ["project": .string(project.id)])
        return JSONResponse(
            .created, try await ProjectRoutes(services: services).detail(project.id, owner: context.userId))
    }

    func target(_ context: AuthenticatedContext) async throws -> (Project, StudioWorkflow, StudioStep) {
        let project = try await ProjectRoutes.owned(database, context)
        guard let workflow = project.workflow else { throw Self.notStudio }
        let name = try context.parameters.require("step")
        guard let step = StudioStep(rawValue: name) else {
            throw APIError.validation("step", "must be one of: \(StudioStep.allowedValues)")
        }
        return (project, workflow, step)
    }

    static let notStudio = APIError(.conflict, .notStudio, "this is a remix project; it has no studio steps")

    func estimate(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<StudioEstimate> {
        let (_, workflow, step) = try await target(context)
        return JSONResponse(try priced(step, StudioRequest(), workflow))
    }

    func estimateChoices(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        StudioEstimate
    > {
        let body = try await request.decodeJSON(StudioRequest.self)
        let (_, workflow, step) = try await target(context)
        return JSONResponse(try priced(step, body, workflow))
    }

    /// The estimate, once the step could run: a locked step has inputs that are not approved yet.
    func priced(_ step: StudioStep, _ request: StudioRequest, _ workflow: StudioWorkflow) throws -> StudioEstimate {
        if let missing = workflow.missingPrerequisite(of: step) {
            throw Self.refusal(.locked(step: step, missing: missing))
        }
        return try pipeline.estimate(step, request, workflow: workflow)
    }

    func run(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Project> {
        let body = try await request.decodeJSON(StudioRequest.self)
        let (project, workflow, step) = try await target(context)
        do {
            try workflow.checkCanRun(step)
        } catch {
            throw Self.refusal(error)
        }
        let estimate = try priced(step, body, workflow)
        if step == .edit {
            // Nothing is generated: the timeline is edited here and now, on the locked document, so two edits at
            // once apply one after the other.
            let pipeline = pipeline
            let changed = try await update(context, project) { current in
                var outputs = current.outputs
                outputs.edit = try pipeline.editedState(body, current)
                let started = try current.started(.edit, credits: 0, at: Clock.nowMillis())
                return started.completed(.edit, outputs: outputs, at: Clock.nowMillis())
            }
            return JSONResponse(changed)
        }
        let started: Project?
        do {
            started = try await StudioProjects.start(
                in: database, owner: context.userId, id: project.id, step: step, request: body,
                credits: estimate.credits, maxAttempts: services.jobAttempts)
        } catch let error as StudioRuleError {
            throw Self.refusal(error)
        }
        guard started != nil else { throw APIError.notFound("project") }
        context.logger.info(
            "studio step queued",
            metadata: [
                "project": .string(project.id), "step": .string(step.rawValue),
                "credits": .stringConvertible(estimate.credits),
            ])
        return JSONResponse(
            .accepted, try await ProjectRoutes(services: services).detail(project.id, owner: context.userId))
    }

    func approve(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Project> {
        let selection = try await request.decodeOptionalJSON(StudioSelection.self) ?? StudioSelection()
        let (project, _, step) = try await target(context)
        let pipeline = pipeline
        return JSONResponse(
            try await update(context, project) { current in
                guard current[step].state == .review else {
                    throw StudioRuleError.notInReview(step: step, state: current[step].state)
                }
                let outputs = try pipeline.select(step, selection, workflow: current)
                return try current.approved(step, outputs: outputs, at: Clock.nowMillis())
            })
    }

    /// Applies `change` to the locked workflow and answers the project as it is afterwards.
    func update(
        _ context: AuthenticatedContext, _ project: Project,
        _ change: @escaping @Sendable (StudioWorkflow) throws -> StudioWorkflow
    ) async throws -> Schemas.Project {
        do {
            guard
                try await StudioProjects.update(in: database, owner: context.userId, id: project.id, change) != nil
            else { throw APIError.notFound("project") }
        } catch let error as StudioRuleError {
            throw Self.refusal(error)
        }
        return try await ProjectRoutes(services: services).detail(project.id, owner: context.userId)
    }

    static func refusal(_ error: StudioRuleError) -> APIError {
        switch error {
        case .locked(let step, let missing):
            APIError(
                .conflict, .stepLocked, error.description,
                details: ["step": .string(step.rawValue), "missing": .string(missing.rawValue)])
        case .busy(let running):
            APIError(.conflict, .stepRunning, error.description, details: ["running": .string(running.rawValue)])
        case .notInReview(let step, let state):
            APIError(
                .conflict, .stepNotInReview, error.description,
                details: ["step": .string(step.rawValue), "state": .string(state.rawValue)])
        }
    }

    func models(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<VideoModelCatalogue> {
        JSONResponse(services.studioGenerators.catalogue)
    }
}
