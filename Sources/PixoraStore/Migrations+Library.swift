extension Migrations {
    /// Migration 10: favorites, collections, and the columns the library filters on.
    static let library = Migration(
        version: 10, name: "library: favorites, collections, aspect",
        statements: [
            // When the owner starred it; null when not a favorite.
            "ALTER TABLE videos ADD COLUMN favorited_at BIGINT",
            "ALTER TABLE projects ADD COLUMN favorited_at BIGINT",
            // The settings' aspect ratio as a column, so the list can filter on it without reading JSON: settings
            // are never changed after the insert, which sets it (`Videos.insert`).
            "ALTER TABLE videos ADD COLUMN aspect TEXT",
            """
            UPDATE videos SET aspect = CASE
                WHEN settings LIKE '%"aspectRatio":"9:16"%' THEN '9:16'
                WHEN settings LIKE '%"aspectRatio":"1:1"%' THEN '1:1'
                WHEN settings LIKE '%"aspectRatio":"16:9"%' THEN '16:9' END
            """,
            "CREATE INDEX videos_favorites ON videos (user_id, favorited_at) WHERE favorited_at IS NOT NULL",
            "CREATE INDEX projects_favorites ON projects (user_id, favorited_at) WHERE favorited_at IS NOT NULL",
            "CREATE INDEX videos_by_status ON videos (user_id, status, created_at)",
            "CREATE INDEX videos_by_aspect ON videos (user_id, aspect, created_at)",
            // Names are unique per user whatever their case: `name_key` is the name lowercased.
            """
            CREATE TABLE collections (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                name_key TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (user_id, name_key)
            )
            """,
            """
            CREATE TABLE collection_videos (
                collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
                video_id TEXT NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
                added_at BIGINT NOT NULL,
                PRIMARY KEY (collection_id, video_id)
            )
            """,
            "CREATE INDEX collection_videos_by_video ON collection_videos (video_id)",
            """
            CREATE TABLE collection_projects (
                collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
                project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
                added_at BIGINT NOT NULL,
                PRIMARY KEY (collection_id, project_id)
            )
            """,
            "CREATE INDEX collection_projects_by_project ON collection_projects (project_id)",
        ],
        engineStatements: [
            // List items carry their collections, so a video joining or leaving one changes the cached list
            // (migration 6's stamp). The collection is read, not the video: the owner is the same, and a cascade
            // from a deleted video has no video row left to read.
            .sqlite: [
                """
                CREATE TRIGGER collection_videos_stamp_insert AFTER INSERT ON collection_videos
                BEGIN UPDATE users SET videos_version = videos_version + 1
                WHERE id = (SELECT user_id FROM collections WHERE id = NEW.collection_id); END
                """,
                """
                CREATE TRIGGER collection_videos_stamp_delete AFTER DELETE ON collection_videos
                BEGIN UPDATE users SET videos_version = videos_version + 1
                WHERE id = (SELECT user_id FROM collections WHERE id = OLD.collection_id); END
                """,
            ]
        ])
}
