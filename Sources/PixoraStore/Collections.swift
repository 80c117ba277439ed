import Foundation
import SQLKit

/// A named set of the owner's videos and projects.
public struct LibraryCollection: Sendable, Equatable {
    public var id: String
    public var userId: String
    public var name: String
    public var videoCount: Int
    public var projectCount: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    init(row: any SQLRow) throws {
        id = try row.value("id")
        userId = try row.value("user_id")
        name = try row.value("name")
        videoCount = try row.value("video_count")
        projectCount = try row.value("project_count")
        createdAt = try row.value("created_at")
        updatedAt = try row.value("updated_at")
    }
}

/// What a collection holds.
public enum CollectionItemKind: String, Sendable, CaseIterable {
    case videos, projects

    var table: LibraryTable { self == .videos ? .videos : .projects }
}

/// The collections table and its two membership tables. Every query is scoped to the owner: another user's
/// collection or item reads as missing.
public enum Collections {
    /// How many collections one user may have.
    public static let maxPerUser = 100

    /// Where an add or a removal ended.
    public enum Change: Sendable, Equatable {
        case done, noCollection, noItem
    }

    static let select = """
        SELECT id, user_id, name, created_at, updated_at,
        (SELECT COUNT(*) FROM collection_videos m WHERE m.collection_id = collections.id) AS video_count,
        (SELECT COUNT(*) FROM collection_projects m WHERE m.collection_id = collections.id) AS project_count
        FROM collections
        """

    /// The owner's collections by name.
    public static func all(_ db: any SQLDatabase, owner: String) async throws -> [LibraryCollection] {
        try await db.raw("\(unsafeRaw: select) WHERE user_id = \(bind: owner) ORDER BY name_key, id").all().map(
            LibraryCollection.init(row:))
    }

    public static func find(_ db: any SQLDatabase, owner: String, id: String) async throws -> LibraryCollection? {
        try await db.raw("\(unsafeRaw: select) WHERE id = \(bind: id) AND user_id = \(bind: owner)").first().map(
            LibraryCollection.init(row:))
    }

    /// Creates an empty collection. Throws `StoreError.conflict` when the owner has one of that name in any case,
    /// or already `maxPerUser`. Call inside a transaction.
    public static func create(_ db: any SQLDatabase, owner: String, name: String, at now: Int64) async throws
        -> LibraryCollection
    {
        let count =
            try await db.raw("SELECT COUNT(*) AS n FROM collections WHERE user_id = \(bind: owner)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        guard count < maxPerUser else {
            throw StoreError.conflict("you have \(maxPerUser) collections, the most there can be; delete one first")
        }
        let id = newID()
        let inserted = try await db.raw(
            """
            INSERT INTO collections (id, user_id, name, name_key, created_at, updated_at)
            VALUES (\(bind: id), \(bind: owner), \(bind: name), \(bind: name.lowercased()), \(bind: now), \(bind: now))
            ON CONFLICT (user_id, name_key) DO NOTHING RETURNING id
            """
        ).first()
        guard inserted != nil, let collection = try await find(db, owner: owner, id: id) else {
            throw nameTaken(name)
        }
        return collection
    }

    /// Renames the owner's collection; nil when there is none. Throws `StoreError.conflict` when another of the
    /// owner's collections has that name. Call inside a transaction.
    public static func rename(_ db: any SQLDatabase, owner: String, id: String, name: String, at now: Int64)
        async throws -> LibraryCollection?
    {
        let key = name.lowercased()
        let other = try await db.raw(
            "SELECT id FROM collections WHERE user_id = \(bind: owner) AND name_key = \(bind: key) AND id <> \(bind: id)"
        ).first()
        guard other == nil else { throw nameTaken(name) }
        try await db.raw(
            """
            UPDATE collections SET name = \(bind: name), name_key = \(bind: key), updated_at = \(bind: now)
            WHERE id = \(bind: id) AND user_id = \(bind: owner)
            """
        ).run()
        return try await find(db, owner: owner, id: id)
    }

    /// Deletes the owner's collection (never its items); false when there is none. Call inside a transaction.
    public static func delete(_ db: any SQLDatabase, owner: String, id: String) async throws -> Bool {
        guard try await find(db, owner: owner, id: id) != nil else { return false }
        // Memberships first, while the collection still names its owner: the list stamps' triggers read it.
        for kind in CollectionItemKind.allCases {
            try await db.raw("DELETE FROM \(unsafeRaw: kind.table.members) WHERE collection_id = \(bind: id)").run()
        }
        try await db.raw("DELETE FROM collections WHERE id = \(bind: id) AND user_id = \(bind: owner)").run()
        return true
    }

    /// Puts the owner's item into the owner's collection (`member`) or takes it out; doing it again changes
    /// nothing. Call inside a transaction.
    public static func set(
        _ db: any SQLDatabase, owner: String, collection: String, _ kind: CollectionItemKind, item: String,
        member: Bool, at now: Int64
    ) async throws -> Change {
        if let missing = try await missing(db, owner: owner, collection: collection, kind, item: item) {
            return missing
        }
        let table = kind.table
        let statement: SQLQueryString =
            member
            ? """
            INSERT INTO \(unsafeRaw: table.members) (collection_id, \(unsafeRaw: table.memberColumn), added_at)
            VALUES (\(bind: collection), \(bind: item), \(bind: now)) ON CONFLICT DO NOTHING RETURNING collection_id
            """
            : """
            DELETE FROM \(unsafeRaw: table.members)
            WHERE collection_id = \(bind: collection) AND \(unsafeRaw: table.memberColumn) = \(bind: item)
            RETURNING collection_id
            """
        if try await db.raw(statement).first() != nil {
            try await db.raw("UPDATE collections SET updated_at = \(bind: now) WHERE id = \(bind: collection)").run()
        }
        return .done
    }

    /// The ids of the collections that hold each item, by collection name.
    static func memberships(_ db: any SQLDatabase, of kind: CollectionItemKind, items: [String]) async throws
        -> [String: [String]]
    {
        guard !items.isEmpty else { return [:] }
        let table = kind.table
        var query = SQLQueryString(
            """
            SELECT m.\(unsafeRaw: table.memberColumn) AS item, m.collection_id FROM \(unsafeRaw: table.members) m
            JOIN collections c ON c.id = m.collection_id WHERE m.\(unsafeRaw: table.memberColumn) IN (
            """)
        query.appendBound(items)
        query.appendInterpolation(unsafeRaw: ") ORDER BY c.name_key, c.id")
        var found: [String: [String]] = [:]
        for row in try await db.raw(query).all() {
            found[try row.value("item", as: String.self), default: []].append(try row.value("collection_id"))
        }
        return found
    }

    /// Which of the two is not the owner's, if either.
    private static func missing(
        _ db: any SQLDatabase, owner: String, collection: String, _ kind: CollectionItemKind, item: String
    ) async throws -> Change? {
        guard
            try await db.raw("SELECT id FROM collections WHERE id = \(bind: collection) AND user_id = \(bind: owner)")
                .first() != nil
        else { return .noCollection }
        guard
            try await db.raw(
                "SELECT id FROM \(unsafeRaw: kind.table.name) WHERE id = \(bind: item) AND user_id = \(bind: owner)"
            ).first() != nil
        else { return .noItem }
        return nil
    }

    private static func nameTaken(_ name: String) -> StoreError {
        .conflict("you already have a collection named '\(name)'")
    }
}
