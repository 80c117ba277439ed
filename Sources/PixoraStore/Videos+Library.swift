import Foundation
import PixoraCore
import SQLKit

extension Videos {
    /// One page of the owner's videos that pass `filter`, in its order, each with its collection ids.
    public static func list(
        _ db: any SQLDatabase, owner: String, filter: LibraryFilter, limit: Int, after cursor: LibraryCursor?
    ) async throws -> LibraryPage<Video> {
        // Every column but the plan and the settings (NULL in their place): list items show neither, and a
        // planned video's plan is kilobytes of JSON per row.
        var query = SQLQueryString(
            """
            SELECT id, user_id, title, prompt, NULL AS settings, status, NULL AS plan, duration, video_key, thumbnail_key,
            credits_used, error, idempotency_key, current_version, expires_at, created_at, updated_at, favorited_at
            \(unsafeRaw: filter.sort.selectedKey) FROM videos WHERE user_id = \(bind: owner)
            """)
        query.appendLibrary(filter, table: .videos, after: cursor, limit: limit)
        let rows = try await db.raw(query).all()
        var items = try rows.prefix(limit).map(Video.init(row:))
        let memberships = try await Collections.memberships(db, of: .videos, items: items.map(\.id))
        for index in items.indices { items[index].collectionIds = memberships[items[index].id] ?? [] }
        guard rows.count > limit, let last = items.last else { return LibraryPage(items: items, next: nil) }
        let key: LibraryCursor.Key
        switch filter.sort {
        case .newest, .oldest: key = .created(last.createdAt)
        case .title: key = .title(try rows[limit - 1].decode(column: "sort_title", as: String.self))
        case .expiring: key = .expiring(last.expiringKey, created: last.createdAt)
        }
        return LibraryPage(items: items, next: LibraryCursor(key: key, id: last.id))
    }

    /// The video with its collection ids, or nil when it is not the owner's.
    public static func findInLibrary(_ db: any SQLDatabase, owner: String, id: String) async throws -> Video? {
        guard var video = try await find(db, owner: owner, id: id) else { return nil }
        video.collectionIds = try await Collections.memberships(db, of: .videos, items: [id])[id] ?? []
        return video
    }

    /// Stars or unstars the owner's video; false when there is no such video. Starring twice keeps the first time.
    public static func setFavorite(_ db: any SQLDatabase, owner: String, id: String, _ favorite: Bool, at now: Int64)
        async throws -> Bool
    {
        try await LibraryTable.videos.setFavorite(db, owner: owner, id: id, favorite, at: now)
    }
}

extension Video {
    /// This video's place in the `expiring` order (`LibrarySort.expiringKey`).
    var expiringKey: Int64 { status == .completed ? expiresAt ?? LibraryCursor.never : LibraryCursor.never }
}

extension NewVideo {
    /// The aspect ratio its settings name, for the `aspect` column the library filters on.
    var aspect: String? {
        struct Shape: Decodable { var aspectRatio: String? }
        return (try? JSONDecoder().decode(Shape.self, from: Data(settings.utf8)))?.aspectRatio
    }
}
