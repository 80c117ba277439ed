import Foundation
import SQLKit

/// What the server keeps while a provider sign-in is under way (`oidc_logins`).
public struct PendingSignIn: Sendable, Equatable {
    public var provider: String
    public var nonce: String
    public var codeVerifier: String

    public init(provider: String, nonce: String, codeVerifier: String) {
        self.provider = provider
        self.nonce = nonce
        self.codeVerifier = codeVerifier
    }
}

/// Sign-ins started at a provider: each state is used once and expires after a few minutes.
public enum PendingSignIns {
    public static func start(
        in database: any Database, state: String, pending: PendingSignIn, lifetime: TimeInterval, now: Int64
    ) async throws {
        try await database.transaction { db in
            // Abandoned sign-ins are no use to anyone after an hour; starting one sweeps them.
            try await db.raw("DELETE FROM oidc_logins WHERE expires_at < \(bind: now - 3_600_000)").run()
            try await db.raw(
                """
                INSERT INTO oidc_logins (state_hash, provider, nonce, code_verifier, expires_at, created_at)
                VALUES (
                    \(bind: SecretToken.hash(state)), \(bind: pending.provider), \(bind: pending.nonce),
                    \(bind: pending.codeVerifier), \(bind: now + Int64(lifetime * 1000)), \(bind: now))
                """
            ).run()
        }
    }

    /// Uses up `state`: the sign-in it started, or nil when it is unknown, used, expired or another provider's.
    /// One of two concurrent callbacks with the same state wins the update.
    public static func finish(in database: any Database, state: String, provider: String, now: Int64) async throws
        -> PendingSignIn?
    {
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    """
                    UPDATE oidc_logins SET used_at = \(bind: now)
                    WHERE state_hash = \(bind: SecretToken.hash(state)) AND used_at IS NULL
                        AND expires_at > \(bind: now)
                    RETURNING provider, nonce, code_verifier
                    """
                ).first()
            else { return nil }
            let pending = PendingSignIn(
                provider: try row.decode(column: "provider", as: String.self),
                nonce: try row.decode(column: "nonce", as: String.self),
                codeVerifier: try row.decode(column: "code_verifier", as: String.self))
            return pending.provider == provider ? pending : nil
        }
    }
}

/// A person as a provider vouches for them, from a verified ID token.
public struct ProviderIdentity: Sendable, Equatable {
    public var provider: String
    public var subject: String
    public var email: String
    public var name: String

    public init(provider: String, subject: String, email: String, name: String) {
        self.provider = provider
        self.subject = subject
        self.email = email
        self.name = name
    }
}

/// Accounts' identities at providers (`user_identities`): provider + subject is one account.
public enum ProviderIdentities {
    /// How a provider sign-in found its account.
    public enum Outcome: String, Sendable, Equatable {
        /// The identity was already linked.
        case known
        /// An account with the identity's (verified) email existed and is now linked.
        case linked
        /// A new account, without a password, was made for the identity.
        case created
    }

    /// The account of `identity`: the one already linked, else the one with its verified email, else a new one
    /// (no password, the sign-up grant). The caller has checked that the provider verified the email.
    public static func signIn(in database: any Database, identity: ProviderIdentity, grant: Int, now: Int64)
        async throws -> (user: User, outcome: Outcome)
    {
        if let user = try await linkedUser(database, identity: identity, now: now) { return (user, .known) }
        var outcome = Outcome.linked
        var user = try await database.read { db in try await Users.find(db, email: identity.email) }
        if user == nil {
            do {
                // An empty hash is "no password": bcrypt never verifies against it, and sign-in says so.
                user = try await Users.create(
                    in: database, email: identity.email, passwordHash: "", name: identity.name, grant: grant)
                outcome = .created
            } catch StoreError.conflict {
                // Made at the same moment by another sign-in with this email.
                user = try await database.read { db in try await Users.find(db, email: identity.email) }
            }
        }
        guard let user else { throw StoreError.notFound("the account of \(identity.email) vanished") }
        do {
            try await database.transaction { db in
                try await db.raw(
                    """
                    INSERT INTO user_identities (id, user_id, provider, subject, email, created_at, last_used_at)
                    VALUES (
                        \(bind: newID()), \(bind: user.id), \(bind: identity.provider), \(bind: identity.subject),
                        \(bind: Users.normalize(identity.email)), \(bind: now), \(bind: now))
                    """
                ).run()
            }
        } catch {
            // Two sign-ins of one identity at once: the other linked it first.
            if let linked = try await linkedUser(database, identity: identity, now: now) { return (linked, .known) }
            throw error
        }
        return (user, outcome)
    }

    static func linkedUser(_ database: any Database, identity: ProviderIdentity, now: Int64) async throws -> User? {
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    """
                    UPDATE user_identities SET last_used_at = \(bind: now)
                    WHERE provider = \(bind: identity.provider) AND subject = \(bind: identity.subject)
                    RETURNING user_id
                    """
                ).first()
            else { return nil }
            return try await Users.find(db, id: try row.decode(column: "user_id", as: String.self))
        }
    }

    /// The providers an account is linked to, for its owner.
    public static func providers(_ db: any SQLDatabase, user: String) async throws -> [String] {
        try await db.raw(
            "SELECT provider FROM user_identities WHERE user_id = \(bind: user) ORDER BY created_at, provider"
        ).all().map { try $0.decode(column: "provider", as: String.self) }
    }
}

/// One-time codes that carry a finished provider sign-in from the callback's redirect to the studio, which
/// exchanges its code for a session with a POST: the tokens never appear in a URL, a history or a log.
public enum SignInHandoffs {
    public static func issue(in database: any Database, user: String, lifetime: TimeInterval, now: Int64)
        async throws -> String
    {
        let code = SecretToken.make()
        try await database.transaction { db in
            try await db.raw("DELETE FROM oidc_handoffs WHERE expires_at < \(bind: now - 3_600_000)").run()
            try await db.raw(
                """
                INSERT INTO oidc_handoffs (code_hash, user_id, expires_at, created_at)
                VALUES (
                    \(bind: SecretToken.hash(code)), \(bind: user), \(bind: now + Int64(lifetime * 1000)),
                    \(bind: now))
                """
            ).run()
        }
        return code
    }

    /// The account a code was issued for; nil when it is unknown, used or expired. Works once.
    public static func redeem(in database: any Database, code: String, now: Int64) async throws -> String? {
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE oidc_handoffs SET used_at = \(bind: now)
                WHERE code_hash = \(bind: SecretToken.hash(code)) AND used_at IS NULL AND expires_at > \(bind: now)
                RETURNING user_id
                """
            ).first()?.decode(column: "user_id", as: String.self)
        }
    }
}
