import Foundation
import SQLKit

/// One schema step. Steps run in order, each in its own transaction, and are recorded in `schema_migrations`.
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    /// Statements run in order; written in the SQL both engines accept, unless `engine` names the one they are for.
    public var statements: [String]
    /// The engine the statements are for; `nil` for both. The step is recorded as applied on either engine.
    public var engine: SQLEngine? = nil
    /// Statements for one engine only, run after `statements` (a step whose tables both engines share but whose
    /// triggers only one needs).
    public var engineStatements: [SQLEngine: [String]] = [:]
}

/// The ordered schema of Pixora (ARCHITECTURE.md §4). Append new steps; never edit an applied one.
public enum Migrations {
    public static let all: [Migration] = [
        Migration(
            version: 1, name: "accounts and credits",
            statements: [
                """
                CREATE TABLE users (
                    id TEXT PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE,
                    password_hash TEXT NOT NULL,
                    name TEXT NOT NULL DEFAULT '',
                    avatar_key TEXT,
                    role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
                    credits BIGINT NOT NULL DEFAULT 0 CHECK (credits >= 0),
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE credit_transactions (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    delta BIGINT NOT NULL,
                    balance_after BIGINT NOT NULL CHECK (balance_after >= 0),
                    reason TEXT NOT NULL,
                    reference TEXT,
                    idempotency_key TEXT UNIQUE,
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX credit_transactions_by_user ON credit_transactions (user_id, created_at, id)",
                """
                CREATE TABLE refresh_tokens (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    family_id TEXT NOT NULL,
                    token_hash TEXT NOT NULL UNIQUE,
                    expires_at BIGINT NOT NULL,
                    used_at BIGINT,
                    revoked_at BIGINT,
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id)",
                """
                CREATE TABLE password_resets (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    token_hash TEXT NOT NULL UNIQUE,
                    expires_at BIGINT NOT NULL,
                    used_at BIGINT,
                    created_at BIGINT NOT NULL
                )
                """,
            ]),
        Migration(
            version: 2, name: "videos, scenes, versions",
            statements: [
                """
                CREATE TABLE videos (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    title TEXT NOT NULL,
                    prompt TEXT NOT NULL,
                    settings TEXT NOT NULL,
                    status TEXT NOT NULL,
                    plan TEXT,
                    duration DOUBLE PRECISION,
                    video_key TEXT,
                    thumbnail_key TEXT,
                    credits_used BIGINT NOT NULL DEFAULT 0,
                    error TEXT,
                    idempotency_key TEXT,
                    current_version INTEGER,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    UNIQUE (user_id, idempotency_key)
                )
                """,
                "CREATE INDEX videos_by_user ON videos (user_id, created_at, id)",
                """
                CREATE TABLE scenes (
                    id TEXT PRIMARY KEY,
                    video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    current_revision INTEGER NOT NULL,
                    created_at BIGINT NOT NULL,
                    UNIQUE (video_id, position)
                )
                """,
                """
                CREATE TABLE scene_revisions (
                    id TEXT PRIMARY KEY,
                    scene_id TEXT NOT NULL REFERENCES scenes(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    plan_scene TEXT NOT NULL,
                    status TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    UNIQUE (scene_id, number)
                )
                """,
                """
                CREATE TABLE scene_assets (
                    id TEXT PRIMARY KEY,
                    revision_id TEXT NOT NULL REFERENCES scene_revisions(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    asset_key TEXT NOT NULL,
                    generator TEXT NOT NULL,
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX scene_assets_by_revision ON scene_assets (revision_id)",
                """
                CREATE TABLE video_versions (
                    id TEXT PRIMARY KEY,
                    video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    editor_state TEXT NOT NULL,
                    status TEXT NOT NULL,
                    video_key TEXT,
                    thumbnail_key TEXT,
                    duration DOUBLE PRECISION,
                    error TEXT,
                    created_at BIGINT NOT NULL,
                    UNIQUE (video_id, number)
                )
                """,
            ]),
        Migration(
            version: 3, name: "job queue",
            statements: [
                """
                CREATE TABLE jobs (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
                    video_id TEXT REFERENCES videos(id) ON DELETE CASCADE,
                    payload TEXT NOT NULL,
                    state TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    max_attempts INTEGER NOT NULL,
                    run_at BIGINT NOT NULL,
                    lease_owner TEXT,
                    lease_expires_at BIGINT,
                    progress TEXT,
                    error TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX jobs_ready ON jobs (state, run_at)",
                "CREATE INDEX jobs_by_video ON jobs (video_id)",
            ]),
        Migration(
            version: 4, name: "job claim indexes",
            statements: [
                // A claim looks only at ready jobs; partial indexes keep it from scanning finished ones.
                "CREATE INDEX jobs_queued ON jobs (run_at) WHERE state = 'queued'",
                "CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE state = 'running'",
            ]),
        Migration(
            version: 5, name: "asset cost",
            statements: [
                // What the provider charged for an asset, in US dollars; null for embedded generators.
                "ALTER TABLE scene_assets ADD COLUMN cost_usd DOUBLE PRECISION"
            ]),
        Migration(
            version: 6, name: "video list stamps (SQLite)",
            statements: [
                // Bumped by every insert, update and delete of a user's videos, whichever process makes it, so a
                // cached video list is known to be current by reading one number (`Videos.listStamp`).
                // SQLite only: it has one writer at a time. On PostgreSQL the trigger would take the user's row lock
                // inside every video write, while charges take that lock before the video's: a deadlock cycle.
                "ALTER TABLE users ADD COLUMN videos_version BIGINT NOT NULL DEFAULT 0",
                """
                CREATE TRIGGER videos_stamp_insert AFTER INSERT ON videos
                BEGIN UPDATE users SET videos_version = videos_version + 1 WHERE id = NEW.user_id; END
                """,
                """
                CREATE TRIGGER videos_stamp_update AFTER UPDATE ON videos
                BEGIN UPDATE users SET videos_version = videos_version + 1 WHERE id = NEW.user_id OR id = OLD.user_id; END
                """,
                """
                CREATE TRIGGER videos_stamp_delete AFTER DELETE ON videos
                BEGIN UPDATE users SET videos_version = videos_version + 1 WHERE id = OLD.user_id; END
                """,
            ], engine: .sqlite),
        Migration(
            version: 7, name: "remix projects",
            statements: [
                """
                CREATE TABLE projects (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    title TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    status TEXT NOT NULL,
                    analysis TEXT,
                    error TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX projects_by_user ON projects (user_id, created_at, id)",
                """
                CREATE TABLE project_files (
                    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    media_key TEXT NOT NULL,
                    content_type TEXT NOT NULL,
                    size_bytes BIGINT NOT NULL,
                    duration DOUBLE PRECISION,
                    name TEXT,
                    asset TEXT,
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (project_id, role)
                )
                """,
                """
                CREATE TABLE project_plans (
                    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    source TEXT NOT NULL,
                    note TEXT NOT NULL,
                    plan TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (project_id, number)
                )
                """,
                """
                CREATE TABLE project_messages (
                    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    role TEXT NOT NULL,
                    text TEXT NOT NULL,
                    plan_number INTEGER,
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (project_id, number)
                )
                """,
                "ALTER TABLE jobs ADD COLUMN project_id TEXT REFERENCES projects(id) ON DELETE CASCADE",
                "CREATE INDEX jobs_by_project ON jobs (project_id)",
                // Videos made from a project stay when it is deleted: they are ordinary videos.
                "ALTER TABLE videos ADD COLUMN project_id TEXT REFERENCES projects(id) ON DELETE SET NULL",
                "ALTER TABLE videos ADD COLUMN plan_number INTEGER",
                "CREATE INDEX videos_by_project ON videos (project_id, created_at)",
            ]),
        Migration(
            version: 8, name: "studio projects",
            statements: [
                // The guided studio's document (`StudioWorkflow`): steps, states and outputs, versioned JSON.
                "ALTER TABLE projects ADD COLUMN workflow TEXT"
            ]),
        Migration(
            version: 9, name: "video retention",
            statements: [
                // When a completed video's files are deleted (`PIXORA_RETENTION`); null keeps them.
                "ALTER TABLE videos ADD COLUMN expires_at BIGINT",
                // Only videos that still have files: cleaned ones (keys cleared) drop out of the index.
                "CREATE INDEX videos_expiring ON videos (expires_at) WHERE video_key IS NOT NULL",
                // At most one cleanup waits or runs at a time, however many workers schedule it.
                """
                CREATE UNIQUE INDEX jobs_one_expiry ON jobs (kind)
                WHERE kind = 'expire_media' AND state IN ('queued', 'running')
                """,
            ]),
        Migrations.library,
        Migration(
            version: 11, name: "share links",
            statements: [
                // A public link to a video. Only the token's SHA-256 is stored, so a leaked database opens no link;
                // the token is an HMAC of `seed` under a key derived from the server's secret, so the owner's
                // list can show the link again. Revoking deletes the row: a revoked link is an unknown one.
                """
                CREATE TABLE video_shares (
                    id TEXT PRIMARY KEY,
                    video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    token_hash TEXT NOT NULL UNIQUE,
                    seed TEXT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    views BIGINT NOT NULL DEFAULT 0 CHECK (views >= 0),
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX video_shares_by_video ON video_shares (video_id, created_at)",
            ]),
        Migration(
            version: 12, name: "notifications and user settings",
            statements: [
                // A person's settings document (`UserSettings`), absent until first saved: the defaults apply.
                """
                CREATE TABLE user_settings (
                    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                    document TEXT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                // One row per event (`event_key` unique: a second worker or a replay posts nothing). `in_app` 0
                // keeps a row only for its mail, out of the bell's list.
                """
                CREATE TABLE notifications (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN
                        ('video_ready', 'video_failed', 'video_expiring', 'credits_low', 'export_ready',
                         'webhook_disabled')),
                    title TEXT NOT NULL,
                    body TEXT NOT NULL,
                    link TEXT,
                    event_key TEXT NOT NULL UNIQUE,
                    in_app INTEGER NOT NULL CHECK (in_app IN (0, 1)),
                    read_at BIGINT,
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX notifications_by_user ON notifications (user_id, created_at, id)",
                "CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL AND in_app = 1",
            ]),
        Migration(
            version: 13, name: "video stage times",
            statements: [
                // When each stage of a video's generation started and ended (`StageTimes`), for analytics.
                """
                CREATE TABLE video_stage_times (
                    job_id TEXT NOT NULL,
                    video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
                    stage TEXT NOT NULL CHECK (stage IN ('plan', 'voices', 'pictures', 'clips', 'music', 'render')),
                    started_at BIGINT NOT NULL,
                    finished_at BIGINT NOT NULL CHECK (finished_at >= started_at),
                    PRIMARY KEY (job_id, stage)
                )
                """,
                "CREATE INDEX video_stage_times_by_video ON video_stage_times (video_id)",
                "CREATE INDEX video_stage_times_by_start ON video_stage_times (started_at)",
            ]),
        Migration(
            version: 14, name: "your data: exports, upload retention",
            statements: [
                // A user's data as a zip (`AccountExports`): one in flight per user, the file kept until expires_at.
                """
                CREATE TABLE account_exports (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'ready', 'failed', 'expired')),
                    job_id TEXT,
                    file_key TEXT,
                    size_bytes BIGINT,
                    error TEXT,
                    expires_at BIGINT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX account_exports_by_user ON account_exports (user_id, created_at)",
                """
                CREATE UNIQUE INDEX account_exports_one_running ON account_exports (user_id)
                WHERE status IN ('queued', 'running')
                """,
                "CREATE INDEX account_exports_expiring ON account_exports (expires_at) WHERE file_key IS NOT NULL",
                // Projects' uploads follow `PIXORA_RETENTION` from the upload; expired_at is set when the file is gone.
                "ALTER TABLE project_files ADD COLUMN expires_at BIGINT",
                "ALTER TABLE project_files ADD COLUMN expired_at BIGINT",
                "CREATE INDEX project_files_expiring ON project_files (expires_at) WHERE expired_at IS NULL",
            ]),
        Migration(
            version: 15, name: "job webhooks",
            statements: [
                // A user's endpoints (`Webhooks`); events is a JSON array of `WebhookEventType` values.
                """
                CREATE TABLE webhooks (
                    id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                    url TEXT NOT NULL,
                    events TEXT NOT NULL,
                    secret TEXT NOT NULL,
                    enabled BOOLEAN NOT NULL,
                    disabled_reason TEXT,
                    failing_since BIGINT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX webhooks_by_user ON webhooks (user_id, created_at)",
                // One row per event and endpoint (a replay is a new row with the same message id); each attempt is
                // a `deliver_webhook` job and a row in webhook_attempts.
                """
                CREATE TABLE webhook_deliveries (
                    id TEXT PRIMARY KEY,
                    webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
                    message_id TEXT NOT NULL,
                    event TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'retrying', 'succeeded', 'failed')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    response_status INTEGER,
                    latency_ms BIGINT,
                    response_excerpt TEXT,
                    error TEXT,
                    next_attempt_at BIGINT,
                    replay_of TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at, id)",
                """
                CREATE TABLE webhook_attempts (
                    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    response_status INTEGER,
                    latency_ms BIGINT NOT NULL,
                    response_excerpt TEXT,
                    error TEXT,
                    created_at BIGINT NOT NULL,
                    PRIMARY KEY (delivery_id, number)
                )
                """,
            ]),
        Migrations.plans,
        Migrations.stripe,
        Migrations.signIn,
        Migrations.looks,
    ]

    /// Applies every step not yet applied; returns the versions applied now. Safe to run from several
    /// processes at once: PostgreSQL serializes them on an advisory lock, SQLite on its write lock.
    @discardableResult
    public static func run(on database: any Database) async throws -> [Int] {
        try await database.transaction { db in
            try await lock(db, engine: database.engine)
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            ).run()
        }
        var applied: [Int] = []
        for migration in all {
            let ran = try await database.transaction { db -> Bool in
                try await lock(db, engine: database.engine)
                let done = try await db.raw(
                    "SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)"
                ).first()
                if done != nil { return false }
                if migration.engine == nil || migration.engine == database.engine {
                    for statement in migration.statements { try await db.raw(SQLQueryString(statement)).run() }
                    for statement in migration.engineStatements[database.engine] ?? [] {
                        try await db.raw(SQLQueryString(statement)).run()
                    }
                }
                try await db.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Clock.nowMillis()))"
                ).run()
                return true
            }
            if ran { applied.append(migration.version) }
        }
        return applied
    }

    /// Versions recorded as applied.
    public static func applied(on database: any Database) async throws -> [Int] {
        try await database.read { db in
            try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all().map {
                try $0.decode(column: "version", as: Int.self)
            }
        }
    }

    private static func lock(_ db: any SQLDatabase, engine: SQLEngine) async throws {
        if engine == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(7426) AS locked").run() }
    }
}

/// Milliseconds since 1970, the time unit of every timestamp column.
public enum Clock {
    /// A fixed time for the current task, so a test writes a known history through the store's own functions.
    @TaskLocal public static var fixedMillis: Int64?

    public static func nowMillis() -> Int64 { fixedMillis ?? Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
