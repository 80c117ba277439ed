import Foundation
import PixoraCore
import SQLKit

/// A person's settings document (`user_settings`): the defaults until they first save it.
extension Users {
    public static func settings(_ db: any SQLDatabase, user: String) async throws -> UserSettings {
        guard
            let text = try await db.raw("SELECT document FROM user_settings WHERE user_id = \(bind: user)").first()?
                .decode(column: "document", as: String.self)
        else { return UserSettings() }
        return try decodeDocument(UserSettings.self, from: text, table: "user_settings", column: "document")
    }

    /// Replaces the document (one statement, so two saves never mix).
    public static func saveSettings(_ db: any SQLDatabase, user: String, _ settings: UserSettings) async throws {
        let document = try encodeDocument(settings)
        let now = Clock.nowMillis()
        try await db.raw(
            """
            INSERT INTO user_settings (user_id, document, updated_at) VALUES (\(bind: user), \(bind: document), \(bind: now))
            ON CONFLICT (user_id) DO UPDATE SET document = EXCLUDED.document, updated_at = EXCLUDED.updated_at
            """
        ).run()
    }
}
