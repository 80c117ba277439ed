extension Migrations {
    /// Migration 20: users' colour LUTs for editor looks.
    static let looks = Migration(
        version: 20, name: "colour LUTs",
        statements: [
            // A user's uploaded `.cube` table (`LUTs`); the file is the content-addressed asset `asset_key`
            // (`<sha256>.cube`), so the same table uploaded twice by one user is one row.
            """
            CREATE TABLE luts (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                asset_key TEXT NOT NULL,
                size INTEGER NOT NULL CHECK (size BETWEEN 2 AND 65),
                bytes BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                UNIQUE (user_id, asset_key)
            )
            """,
            "CREATE INDEX luts_by_user ON luts (user_id, created_at, id)",
            "CREATE INDEX luts_by_asset ON luts (asset_key)",
        ])
}
