import Foundation
import Hummingbird
import PixoraAPI
import PixoraStore
import SQLKit

/// `POST /api/v1/videos/{id}/pause` and `…/resume`: stop a generation and continue it later. Nothing is charged or
/// refunded by either (the price was charged up front; a cancel, from paused too, refunds it once).
extension VideoRoutes {
    @Sendable func pause(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Video>
    {
        try await move(context, Videos.pause(_:owner:id:)) { status in
            APIError(.conflict, .notRunning, "this video is \(status); only a generation under way can be paused")
        }
    }

    @Sendable func resume(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Video>
    {
        // Back in the queue, it counts against the plan's generations at once again.
        let services = services
        let resume: @Sendable (any SQLDatabase, String, String) async throws -> PauseOutcome? = { db, owner, id in
            let outcome = try await Videos.resume(db, owner: owner, id: id)
            if outcome == .done { try await services.admitResumed(db, owner: owner) }
            return outcome
        }
        return try await move(context, resume) { status in
            APIError(.conflict, .notPaused, "this video is \(status), not paused; there is nothing to resume")
        }
    }

    /// Runs one transition in a transaction and answers the video as it is now, with its job, as `GET /videos/{id}`
    /// does; `refused` is the error when the video's status allows no such move.
    private func move(
        _ context: AuthenticatedContext,
        _ transition: @escaping @Sendable (any SQLDatabase, String, String) async throws -> PauseOutcome?,
        refused: (VideoStatus) -> APIError
    ) async throws -> JSONResponse<Schemas.Video> {
        let id = try context.parameters.require("id")
        let outcome = try await database.transaction { db in try await transition(db, context.userId, id) }
        switch outcome {
        case nil: throw APIError.notFound("video")
        case .done?: break
        case .notGenerating(let status)?, .notPaused(let status)?: throw refused(status)
        }
        let (video, job) = try await Self.videoWithJob(database, owner: context.userId, id: id)
        guard let video else { throw APIError.notFound("video") }
        return JSONResponse(try Schemas.Video(video, job: job, tokens: tokens))
    }
}
