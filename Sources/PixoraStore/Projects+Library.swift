import Foundation
import SQLKit

extension Projects {
    /// Newest first, without the analysis (kilobytes per row that list items do not show).
    public static func list(_ db: any SQLDatabase, owner: String, limit: Int, after cursor: PageCursor?) async throws
        -> Page<Project>
    {
        let page = try await list(
            db, owner: owner, filter: LibraryFilter(), limit: limit,
            after: cursor.map { LibraryCursor(key: .created($0.createdAt), id: $0.id) })
        guard case .created(let at)? = page.next?.key, let id = page.next?.id else {
            return Page(items: page.items, next: nil)
        }
        return Page(items: page.items, next: PageCursor(createdAt: at, id: id))
    }

    /// One page of the owner's projects that pass `filter` (`aspect` and `expiringAfter` do not apply to projects
    /// and must be nil), in its order, each with its collection ids.
    public static func list(
        _ db: any SQLDatabase, owner: String, filter: LibraryFilter, limit: Int, after cursor: LibraryCursor?
    ) async throws -> LibraryPage<Project> {
        precondition(filter.aspect == nil && filter.expiringAfter == nil && filter.sort != .expiring)
        var query = SQLQueryString(
            """
            SELECT id, user_id, kind, title, topic, status, NULL AS analysis, error, NULL AS workflow, created_at,
                   updated_at, favorited_at \(unsafeRaw: filter.sort.selectedKey)
            FROM projects WHERE user_id = \(bind: owner)
            """)
        query.appendLibrary(filter, table: .projects, after: cursor, limit: limit)
        let rows = try await db.raw(query).all()
        var items = try rows.prefix(limit).map(Project.init(row:))
        let memberships = try await Collections.memberships(db, of: .projects, items: items.map(\.id))
        for index in items.indices { items[index].collectionIds = memberships[items[index].id] ?? [] }
        guard rows.count > limit, let last = items.last else { return LibraryPage(items: items, next: nil) }
        let key: LibraryCursor.Key =
            filter.sort == .title
            ? .title(try rows[limit - 1].decode(column: "sort_title", as: String.self)) : .created(last.createdAt)
        return LibraryPage(items: items, next: LibraryCursor(key: key, id: last.id))
    }

    /// Stars or unstars the owner's project; false when there is no such project. Starring twice keeps the first time.
    public static func setFavorite(_ db: any SQLDatabase, owner: String, id: String, _ favorite: Bool, at now: Int64)
        async throws -> Bool
    {
        try await LibraryTable.projects.setFavorite(db, owner: owner, id: id, favorite, at: now)
    }
}

extension Projects {
    /// The project with its collection ids, or nil when it is not the owner's.
    public static func findInLibrary(_ db: any SQLDatabase, owner: String, id: String) async throws -> Project? {
        guard var project = try await find(db, owner: owner, id: id) else { return nil }
        project.collectionIds = try await Collections.memberships(db, of: .projects, items: [id])[id] ?? []
        return project
    }
}
