extension Migrations {
    /// Migration 19: sign in with OpenID Connect providers (Google and any configured issuer).
    static let signIn = Migration(
        version: 19, name: "sign in with OpenID Connect",
        statements: [
            // A sign-in under way: the browser holds the state, the server the nonce and the PKCE verifier.
            // Only the state's SHA-256 is kept; a row is used once (used_at) and lives a few minutes.
            """
            CREATE TABLE oidc_logins (
                state_hash TEXT PRIMARY KEY,
                provider TEXT NOT NULL,
                nonce TEXT NOT NULL UNIQUE,
                code_verifier TEXT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX oidc_logins_by_expiry ON oidc_logins (expires_at)",
            // Who an account is at a provider: the provider's subject is stable, the email may change.
            """
            CREATE TABLE user_identities (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                provider TEXT NOT NULL,
                subject TEXT NOT NULL,
                email TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT NOT NULL,
                UNIQUE (provider, subject)
            )
            """,
            "CREATE INDEX user_identities_by_user ON user_identities (user_id)",
            // The one-time code the callback hands the studio, exchanged once for a session by a POST, so no
            // token ever travels in a URL. Only its SHA-256 is kept.
            """
            CREATE TABLE oidc_handoffs (
                code_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                expires_at BIGINT NOT NULL,
                used_at BIGINT,
                created_at BIGINT NOT NULL
            )
            """,
        ])
}
