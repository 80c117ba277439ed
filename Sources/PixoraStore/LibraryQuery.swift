import SQLKit

/// What differs between the two library tables.
struct LibraryTable: Sendable {
    var name: String
    /// The columns `q` searches besides the title.
    var searchColumn: String
    /// The collection membership table and its item column.
    var members: String
    var memberColumn: String

    static let videos = LibraryTable(
        name: "videos", searchColumn: "prompt", members: "collection_videos", memberColumn: "video_id")
    static let projects = LibraryTable(
        name: "projects", searchColumn: "topic", members: "collection_projects", memberColumn: "project_id")

    /// Stars or unstars the owner's row; false when there is no such row. Starring twice keeps the first time.
    func setFavorite(_ db: any SQLDatabase, owner: String, id: String, _ favorite: Bool, at now: Int64) async throws
        -> Bool
    {
        var query = SQLQueryString("UPDATE \(unsafeRaw: name) SET favorited_at = ")
        if favorite {
            query.appendInterpolation(unsafeRaw: "COALESCE(favorited_at, ")
            query.appendInterpolation(bind: now)
            query.appendInterpolation(unsafeRaw: ")")
        } else {
            query.appendInterpolation(unsafeRaw: "NULL")
        }
        query.appendInterpolation(unsafeRaw: " WHERE id = ")
        query.appendInterpolation(bind: id)
        query.appendInterpolation(unsafeRaw: " AND user_id = ")
        query.appendInterpolation(bind: owner)
        query.appendInterpolation(unsafeRaw: " RETURNING id")
        return try await db.raw(query).first() != nil
    }
}

extension LibrarySort {
    /// The `expiring` order's key: a completed video's expiry, else after every real one. Kept equal to
    /// `LibraryCursor.never` and `Video.expiringKey`.
    static let expiringKey =
        "(CASE WHEN status = 'completed' AND expires_at IS NOT NULL THEN expires_at ELSE 9223372036854775807 END)"

    /// The extra column a page needs to make its cursor: the title as the database lowered it.
    var selectedKey: String { self == .title ? ", LOWER(title) AS sort_title" : "" }

    var orderBy: String {
        switch self {
        case .newest: return " ORDER BY created_at DESC, id DESC"
        case .oldest: return " ORDER BY created_at ASC, id ASC"
        case .title: return " ORDER BY LOWER(title) ASC, id ASC"
        case .expiring: return " ORDER BY \(Self.expiringKey) ASC, created_at DESC, id DESC"
        }
    }
}

extension SQLQueryString {
    /// Appends ` AND …` for every condition of `filter` and the rows after `cursor`, then the order and the limit
    /// (one row more than the page, to know whether another follows). Every value is bound.
    mutating func appendLibrary(_ filter: LibraryFilter, table: LibraryTable, after cursor: LibraryCursor?, limit: Int)
    {
        if let status = filter.status {
            appendInterpolation(unsafeRaw: " AND status = ")
            appendInterpolation(bind: status)
        }
        if let aspect = filter.aspect {
            appendInterpolation(unsafeRaw: " AND aspect = ")
            appendInterpolation(bind: aspect.rawValue)
        }
        if let pattern = filter.likePattern {
            appendInterpolation(unsafeRaw: " AND (LOWER(title) LIKE ")
            appendInterpolation(bind: pattern)
            appendInterpolation(unsafeRaw: " ESCAPE '\\' OR LOWER(\(table.searchColumn)) LIKE ")
            appendInterpolation(bind: pattern)
            appendInterpolation(unsafeRaw: " ESCAPE '\\')")
        }
        if let from = filter.createdFrom {
            appendInterpolation(unsafeRaw: " AND created_at >= ")
            appendInterpolation(bind: from)
        }
        if let before = filter.createdBefore {
            appendInterpolation(unsafeRaw: " AND created_at < ")
            appendInterpolation(bind: before)
        }
        if filter.favoritesOnly { appendInterpolation(unsafeRaw: " AND favorited_at IS NOT NULL") }
        if let collection = filter.collection {
            appendInterpolation(
                unsafeRaw: " AND id IN (SELECT \(table.memberColumn) FROM \(table.members) WHERE collection_id = ")
            appendInterpolation(bind: collection)
            appendInterpolation(unsafeRaw: ")")
        }
        if let now = filter.expiringAfter {
            appendInterpolation(unsafeRaw: " AND status = 'completed' AND expires_at > ")
            appendInterpolation(bind: now)
            appendInterpolation(unsafeRaw: " AND expires_at <= ")
            appendInterpolation(bind: now + LibraryFilter.expiringWindow)
        }
        if let cursor { appendPosition(after: cursor, ascending: filter.sort == .oldest) }
        appendInterpolation(unsafeRaw: filter.sort.orderBy + " LIMIT ")
        appendInterpolation(bind: limit + 1)
    }

    /// ` AND (the rows after the cursor in its order)`: `(key, id)` compared as a pair.
    private mutating func appendPosition(after cursor: LibraryCursor, ascending: Bool) {
        switch cursor.key {
        case .created(let at):
            appendInterpolation(unsafeRaw: " AND ")
            appendAfter("created_at", at, id: cursor.id, ascending: ascending)
        case .title(let title):
            appendInterpolation(unsafeRaw: " AND ")
            appendAfter("LOWER(title)", title, id: cursor.id, ascending: true)
        case .expiring(let at, let created):
            appendInterpolation(unsafeRaw: " AND (\(LibrarySort.expiringKey) > ")
            appendInterpolation(bind: at)
            appendInterpolation(unsafeRaw: " OR (\(LibrarySort.expiringKey) = ")
            appendInterpolation(bind: at)
            appendInterpolation(unsafeRaw: " AND ")
            appendAfter("created_at", created, id: cursor.id, ascending: false)
            appendInterpolation(unsafeRaw: "))")
        }
    }

    /// `(key > value OR (key = value AND id > id))`, with `<` when descending.
    private mutating func appendAfter<Value: Encodable & Sendable>(
        _ key: String, _ value: Value, id: String, ascending: Bool
    ) {
        let after = ascending ? " > " : " < "
        appendInterpolation(unsafeRaw: "(" + key + after)
        appendInterpolation(bind: value)
        appendInterpolation(unsafeRaw: " OR (" + key + " = ")
        appendInterpolation(bind: value)
        appendInterpolation(unsafeRaw: " AND id" + after)
        appendInterpolation(bind: id)
        appendInterpolation(unsafeRaw: "))")
    }
}
