import Crypto
import Foundation
import SQLKit

/// Secrets handed to a client (refresh tokens, password-reset tokens) are random; only their SHA-256 is stored.
public enum SecretToken {
    /// 32 random bytes, URL-safe base64.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
    }

    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// What presenting a refresh token led to.
public enum RefreshOutcome: Sendable, Equatable {
    /// The token was current: here is its successor (same family).
    case rotated(userId: String, token: String)
    /// The token had been used already: someone replayed it, so the whole family is revoked.
    case reused
    /// Unknown, expired or revoked.
    case invalid
}

/// Rotating refresh tokens, grouped in families (one per sign-in).
public enum RefreshTokens {
    /// Starts a new family (a sign-in) and returns its first token.
    public static func issue(in database: any Database, user: String, lifetime: TimeInterval) async throws -> String {
        try await database.transaction { db in try await insert(db, user: user, family: newID(), lifetime: lifetime) }
    }

    static func insert(_ db: any SQLDatabase, user: String, family: String, lifetime: TimeInterval) async throws
        -> String
    {
        let token = SecretToken.make()
        let now = Clock.nowMillis()
        try await db.raw(
            """
            INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, created_at)
            VALUES (\(bind: newID()), \(bind: user), \(bind: family), \(bind: SecretToken.hash(token)), \(bind: now + Int64(lifetime * 1000)), \(bind: now))
            """
        ).run()
        return token
    }

    private struct Row: Decodable {
        var id: String
        var userId: String
        var familyId: String
        var expiresAt: Int64
        var usedAt: Int64?
        var revokedAt: Int64?
    }

    /// Exchanges a token for its successor. A second use of the same token revokes its whole family.
    public static func rotate(in database: any Database, token: String, lifetime: TimeInterval) async throws
        -> RefreshOutcome
    {
        try await database.transaction { db in
            let now = Clock.nowMillis()
            guard
                let row = try await db.raw(
                    "SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = \(bind: SecretToken.hash(token))"
                ).first(as: Row.self)
            else { return .invalid }
            if row.revokedAt != nil { return .invalid }
            if row.usedAt != nil {
                try await revokeFamily(db, family: row.familyId)
                return .reused
            }
            if row.expiresAt <= now { return .invalid }
            // Only one of two concurrent rotations of the same token wins this update.
            let claimed = try await db.raw(
                "UPDATE refresh_tokens SET used_at = \(bind: now) WHERE id = \(bind: row.id) AND used_at IS NULL RETURNING id"
            ).first()
            guard claimed != nil else {
                try await revokeFamily(db, family: row.familyId)
                return .reused
            }
            let next = try await insert(db, user: row.userId, family: row.familyId, lifetime: lifetime)
            return .rotated(userId: row.userId, token: next)
        }
    }

    /// Signs out: revokes the family of `token`. Unknown tokens are ignored.
    public static func revoke(in database: any Database, token: String) async throws {
        try await database.transaction { db in
            if let family = try await db.raw(
                "SELECT family_id FROM refresh_tokens WHERE token_hash = \(bind: SecretToken.hash(token))"
            ).first()?.decode(column: "family_id", as: String.self) {
                try await revokeFamily(db, family: family)
            }
        }
    }

    /// Revokes every token of a user (after a password reset).
    public static func revokeAll(_ db: any SQLDatabase, user: String) async throws {
        try await db.raw(
            "UPDATE refresh_tokens SET revoked_at = \(bind: Clock.nowMillis()) WHERE user_id = \(bind: user) AND revoked_at IS NULL"
        ).run()
    }

    static func revokeFamily(_ db: any SQLDatabase, family: String) async throws {
        try await db.raw(
            "UPDATE refresh_tokens SET revoked_at = \(bind: Clock.nowMillis()) WHERE family_id = \(bind: family) AND revoked_at IS NULL"
        ).run()
    }
}

/// Single-use, expiring password-reset tokens.
public enum PasswordResets {
    public static func issue(in database: any Database, user: String, lifetime: TimeInterval) async throws -> String {
        let token = SecretToken.make()
        let now = Clock.nowMillis()
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO password_resets (id, user_id, token_hash, expires_at, created_at)
                VALUES (\(bind: newID()), \(bind: user), \(bind: SecretToken.hash(token)), \(bind: now + Int64(lifetime * 1000)), \(bind: now))
                """
            ).run()
        }
        return token
    }

    /// Sets a new password with `token`: the token is used up, every refresh token of the user revoked.
    /// Returns the user id, or nil when the token is unknown, used or expired.
    public static func redeem(in database: any Database, token: String, newHash: String) async throws -> String? {
        try await database.transaction { db in
            let now = Clock.nowMillis()
            guard
                let row = try await db.raw(
                    """
                    UPDATE password_resets SET used_at = \(bind: now)
                    WHERE token_hash = \(bind: SecretToken.hash(token)) AND used_at IS NULL AND expires_at > \(bind: now)
                    RETURNING user_id
                    """
                ).first()
            else { return nil }
            let user = try row.decode(column: "user_id", as: String.self)
            try await Users.setPassword(db, id: user, hash: newHash)
            try await RefreshTokens.revokeAll(db, user: user)
            return user
        }
    }
}
