import PixoraStore

extension AppServices {
    /// Throws 403 unless the caller is an administrator. The role is read from the database, not the token, so a
    /// demoted admin loses the right at once. `action` completes "only administrators can …".
    func requireAdmin(_ context: AuthenticatedContext, to action: String) async throws {
        let caller = try await database.read { db in try await Users.find(db, id: context.userId) }
        guard caller?.isAdmin == true else {
            throw APIError(.forbidden, .forbidden, "only administrators can \(action)")
        }
    }
}
