import Foundation
import Hummingbird
import PixoraAPI
import PixoraCore
import PixoraStore

/// `POST /videos/batch`: up to 50 create bodies, validated one by one, charged and queued together.
struct VideoBatchRoutes {
    let services: AppServices
    var videos: VideoRoutes { VideoRoutes(services: services) }

    static let maxItems = 50

    struct BatchRequest: Decodable {
        var items: [VideoRoutes.CreateRequest]
    }

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.post, "videos/batch", create)
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.VideoBatch
    > {
        let key = try IdempotencyKey.from(request)
        // Fifty plans are larger than one request's usual 1 MiB.
        let body = try await request.decodeJSON(BatchRequest.self, limit: 8 << 20)
        guard (1...Self.maxItems).contains(body.items.count) else {
            throw APIError.validation("items", "must hold 1 to \(Self.maxItems) videos, got \(body.items.count)")
        }
        var items: [NewVideo] = []
        for (index, item) in body.items.enumerated() {
            do {
                items.append(
                    try await videos.newVideo(item, key: key.map { "\($0)#\(index + 1)" }, owner: context.userId))
            } catch let error as APIError {
                throw Self.naming(error, item: index)
            }
        }
        try await services.enforcePlan(owner: context.userId, PlanAsk(generations: items.count))
        let (created, fresh) = try await services.admittingJobs(of: context.userId) {
            try await Videos.createBatch(in: services.database, owner: context.userId, items, jobKind: .generateVideo)
        }
        let (jobs, balance) = try await services.database.read { db in
            var jobs: [String: Job] = [:]
            for video in created { jobs[video.id] = try await Jobs.latest(db, video: video.id) }
            return (jobs, try await CreditLedger.balance(db, user: context.userId) ?? 0)
        }
        let price = created.reduce(0) { $0 + $1.creditsUsed }
        if fresh {
            context.logger.info(
                "video batch queued",
                metadata: ["videos": .stringConvertible(created.count), "credits": .stringConvertible(price)])
        }
        let answer = Schemas.VideoBatch(
            videos: try created.map { try Schemas.Video($0, job: jobs[$0.id], tokens: services.tokens) },
            price: price, balance: balance)
        return JSONResponse(
            fresh ? .created : .ok, headers: fresh ? [:] : [.init("Idempotent-Replayed")!: "true"], answer)
    }

    /// A refusal of one item, its fields named under `items[<index>]`.
    static func naming(_ error: APIError, item index: Int) -> APIError {
        if error.code == .planLimit {
            var named = error
            named.message = "items[\(index)]: " + error.message
            named.details?["item"] = .number(Double(index))
            return named
        }
        guard error.code == .validationFailed, case .array(let list)? = error.details?["issues"] else { return error }
        let issues = list.compactMap { entry -> DocumentIssue? in
            guard case .object(let issue) = entry, case .string(let field)? = issue["field"],
                case .string(let message)? = issue["message"]
            else { return nil }
            return DocumentIssue("items[\(index)].\(field)", message)
        }
        return issues.isEmpty ? error : APIError.validation(issues)
    }
}
