import Foundation
import Hummingbird
import NIOCore
import PixoraCore
import PixoraStore

/// `GET`/`PUT /api/v1/users/me/settings`: the caller's `UserSettings` document.
struct SettingsRoutes {
    let services: AppServices

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.get, "users/me/settings", read)
        routes.add(.put, "users/me/settings", replace)
    }

    @Sendable func read(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<UserSettings> {
        JSONResponse(try await services.database.read { db in try await Users.settings(db, user: context.userId) })
    }

    /// Unknown or unacceptable values are 400 `validation_failed` naming the field, and nothing is saved.
    @Sendable func replace(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        UserSettings
    > {
        let settings: UserSettings
        do {
            settings = try await request.decodeJSON(UserSettings.self, limit: 64 << 10)
        } catch var error as APIError where error.code == .validationFailed {
            error.status = .badRequest
            throw error
        }
        try await services.database.transaction { db in
            try await Users.saveSettings(db, user: context.userId, settings)
        }
        return JSONResponse(settings)
    }
}
