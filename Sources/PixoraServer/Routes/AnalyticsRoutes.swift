import Foundation
import Hummingbird
import PixoraStore

/// Analytics over a period: the caller's own (`users/me/analytics`), and everyone's for administrators.
struct AnalyticsRoutes {
    let services: AppServices

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.get, "users/me/analytics", mine)
        routes.add(.get, "admin/analytics", everyone)
    }

    /// The period the query asks for: malformed dates are a bad request, a period out of bounds a validation error.
    func period(_ request: Request) throws -> AnalyticsPeriod {
        let query = request.uri.queryParameters
        do {
            return try AnalyticsPeriod.resolve(
                from: query["from"].map(String.init), to: query["to"].map(String.init),
                today: AnalyticsPeriod.day(millis: Clock.nowMillis()))
        } catch {
            guard error.malformed else { throw APIError.validation(error.field, error.message) }
            throw APIError(.badRequest, .badRequest, "\(error.field): \(error.message)")
        }
    }

    @Sendable func mine(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.Analytics
    > {
        let period = try period(request)
        let report = try await services.database.read { db in
            try await Analytics.report(db, owner: context.userId, period: period)
        }
        return JSONResponse(Schemas.Analytics(report))
    }

    @Sendable func everyone(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.AdminAnalytics
    > {
        try await services.requireAdmin(context, to: "see everyone's analytics")
        let period = try period(request)
        let (report, operations) = try await services.database.read { db in
            (
                try await Analytics.report(db, owner: nil, period: period),
                try await Analytics.operations(db, period: period)
            )
        }
        return JSONResponse(Schemas.AdminAnalytics(report, operations: operations))
    }
}
