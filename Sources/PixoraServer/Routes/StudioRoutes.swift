import Foundation
import Hummingbird
import Logging
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
        // The limit is on what was sent (as the contract says), not on what is left once control characters go.
        if topic.isEmpty || body.topic.codePointCount > ProjectRoutes.maxTopic {
            issues.append(.init("topic", "must be 1 to \(ProjectRoutes.maxTopic) characters"))
        }
        let title = body.title.map { TextSanitizer.singleLine($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        if (body.title?.codePointCount ?? 0) > 200 {
            issues.append(.init("title", "must be at most 200 characters"))
        }
        guard issues.isEmpty else { throw APIError.validation(issues) }
        let settings = try VideoRoutes.settings(
            body.settings ?? SettingsRequest(), prompt: topic, defaultVoice: services.defaultVoice)
        try await services.enforcePlan(
            owner: context.userId,
            PlanAsk(duration: settings.durationSeconds, quality: settings.quality, generations: 0))
        let name = title.flatMap { $0.isEmpty ? nil : $0 } ?? String(topic.prefix(80))
        let project = try await StudioProjects.create(
            in: database, owner: context.userId, title: name, topic: topic, settings: settings)
        context.logger.info("studio project created", metadata: ["project": .string(project.id)])
        return JSONResponse(
            .created, try await ProjectRoutes(services: services).detail(project.id, owner: context.userId))
    }

    func target(_ context: AuthenticatedContext) async throws -> (Project, StudioWorkflow, StudioStep) {
        try await target(
            project: try context.parameters.require("id"), step: try context.parameters.require("step"),
            owner: context.userId)
    }

    /// The owner's studio project and the named step (for the routes and the MCP tools alike).
    func target(project id: String, step name: String, owner: String) async throws -> (
        Project, StudioWorkflow, StudioStep
    ) {
        guard let project = try await database.read({ db in try await Projects.find(db, owner: owner, id: id) })
        else { throw APIError.notFound("project") }
        guard let workflow = project.workflow else { throw Self.notStudio }
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
        let (queued, project) = try await run(
            body, project: try context.parameters.require("id"), step: try context.parameters.require("step"),
            owner: context.userId, logger: context.logger)
        return JSONResponse(queued ? .accepted : .ok, project)
    }

    /// Runs a step for its owner: the edit step at once (not queued: 200), any other charged and queued as a job
    /// (202). `POST /projects/{id}/steps/{step}` and the MCP tool `run_studio_step` both come here.
    func run(_ body: StudioRequest, project id: String, step name: String, owner: String, logger: Logger)
        async throws -> (queued: Bool, project: Schemas.Project)
    {
        let (project, workflow, step) = try await target(project: id, step: name, owner: owner)
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
            let changed = try await update(owner: owner, project) { current in
                var outputs = current.outputs
                outputs.edit = try pipeline.editedState(body, current)
                let started = try current.started(.edit, credits: 0, at: Clock.nowMillis())
                return started.completed(.edit, outputs: outputs, at: Clock.nowMillis())
            }
            return (false, changed)
        }
        try await services.enforcePlan(
            owner: owner,
            PlanAsk(
                duration: workflow.settings.durationSeconds, quality: body.quality ?? workflow.settings.quality,
                models: (body.models ?? [:]).values.sorted()))
        let started: Project?
        do {
            started = try await services.admittingJobs(of: owner) {
                try await StudioProjects.start(
                    in: database, owner: owner, id: project.id, step: step, request: body,
                    credits: estimate.credits, maxAttempts: services.jobAttempts)
            }
        } catch let error as StudioRuleError {
            throw Self.refusal(error)
        }
        guard started != nil else { throw APIError.notFound("project") }
        logger.info(
            "studio step queued",
            metadata: [
                "project": .string(project.id), "step": .string(step.rawValue),
                "credits": .stringConvertible(estimate.credits),
            ])
        return (true, try await ProjectRoutes(services: services).detail(project.id, owner: owner))
    }

    func approve(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Project> {
        let selection = try await request.decodeOptionalJSON(StudioSelection.self) ?? StudioSelection()
        return JSONResponse(
            try await approve(
                selection, project: try context.parameters.require("id"),
                step: try context.parameters.require("step"), owner: context.userId))
    }

    /// Approves a step in review with the owner's selection (the route and the MCP tool `approve_studio_step`).
    func approve(_ selection: StudioSelection, project id: String, step name: String, owner: String) async throws
        -> Schemas.Project
    {
        let (project, _, step) = try await target(project: id, step: name, owner: owner)
        let pipeline = pipeline
        return try await update(owner: owner, project) { current in
            guard current[step].state == .review else {
                throw StudioRuleError.notInReview(step: step, state: current[step].state)
            }
            let outputs = try pipeline.select(step, selection, workflow: current)
            return try current.approved(step, outputs: outputs, at: Clock.nowMillis())
        }
    }

    /// Applies `change` to the locked workflow and answers the project as it is afterwards.
    func update(
        owner: String, _ project: Project,
        _ change: @escaping @Sendable (StudioWorkflow) throws -> StudioWorkflow
    ) async throws -> Schemas.Project {
        do {
            guard try await StudioProjects.update(in: database, owner: owner, id: project.id, change) != nil
            else { throw APIError.notFound("project") }
        } catch let error as StudioRuleError {
            throw Self.refusal(error)
        }
        return try await ProjectRoutes(services: services).detail(project.id, owner: owner)
    }

    static func refusal(_ error: StudioRuleError) -> APIError {
        switch error {
        case .locked(let step, let missing):
            APIError(
                .conflict, .stepLocked, error.description,
                details: ["step": .string(step.rawValue), "missing": .string(missing.rawValue)])
        case .busy(let running):
            APIError(.conflict, .stepRunning, error.description, details: ["running": .string(running.rawValue)])
        case .paused(let step):
            APIError(.conflict, .stepPaused, error.description, details: ["paused": .string(step.rawValue)])
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
