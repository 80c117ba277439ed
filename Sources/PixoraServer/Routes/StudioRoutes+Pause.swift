import Foundation
import Hummingbird
import PixoraAPI
import PixoraCore
import PixoraStore
import SQLKit

/// `POST /api/v1/projects/{id}/steps/{step}/pause`, `…/resume` and `…/cancel`: stop a step's run and continue it
/// later, or end it with a refund, as a video's generation pauses (`VideoRoutes+Pause`). Pause and resume charge
/// and refund nothing; a cancel, from running or paused, refunds the run once.
extension StudioRoutes {
    func registerPause(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.post, "projects/:id/steps/:step/pause", pause)
        routes.add(.post, "projects/:id/steps/:step/resume", resume)
        routes.add(.post, "projects/:id/steps/:step/cancel", cancel)
    }

    @Sendable func pause(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.Project
    > {
        try await move(context, StudioProjects.pause(_:owner:id:step:))
    }

    @Sendable func resume(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.Project
    > {
        // Back in the queue, the step's job counts against the plan's generations at once again.
        let services = services
        return try await move(context) { db, owner, id, step in
            let outcome = try await StudioProjects.resume(db, owner: owner, id: id, step: step)
            if outcome == .done { try await services.admitResumed(db, owner: owner) }
            return outcome
        }
    }

    @Sendable func cancel(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.Project
    > {
        let answer = try await move(context, StudioProjects.cancel(_:owner:id:step:))
        context.logger.info(
            "studio step cancelled", metadata: ["project": .string(answer.body.id)])
        return answer
    }

    /// Runs one move in a transaction (a refusal rolls it back) and answers the project as it is now.
    private func move(
        _ context: AuthenticatedContext,
        _ transition:
            @escaping @Sendable (any SQLDatabase, String, String, StudioStep) async throws
            -> StepMoveOutcome?
    ) async throws -> JSONResponse<Schemas.Project> {
        let (project, _, step) = try await target(context)
        let owner = context.userId
        try await database.transaction { db in
            switch try await transition(db, owner, project.id, step) {
            case nil: throw APIError.notFound("project")
            case .done?: break
            case .notRunning(let state)?:
                throw APIError(
                    .conflict, .notRunning,
                    "the \(step.rawValue) step is \(state.rawValue); only a run under way "
                        + "can be paused or cancelled", details: ["state": .string(state.rawValue)])
            case .notPaused(let state)?:
                throw APIError(
                    .conflict, .notPaused,
                    "the \(step.rawValue) step is \(state.rawValue), not paused; there is "
                        + "nothing to resume", details: ["state": .string(state.rawValue)])
            }
        }
        return JSONResponse(try await ProjectRoutes(services: services).detail(project.id, owner: owner))
    }
}
