import Foundation
import PixoraCore
import PixoraMedia
import SQLKit

/// What a project starts from.
public enum ProjectKind: String, StoredEnum {
    case remix, studio

    public static let table = "projects"
    public static let column = "kind"
}

/// Where a remix project's sample analysis stands; a studio project is `active` (its steps have their own states).
public enum ProjectStatus: String, StoredEnum {
    case analyzing, analyzed, failed, active

    public static let table = "projects"
    public static let column = "status"
}

/// A project: a remix (a user's sample video, its analysis, and the plans and videos made from it) or a guided
/// studio project (its workflow of eight steps).
public struct Project: Sendable, Equatable, StoredRow {
    public var id: String
    public var userId: String
    public var kind: ProjectKind
    public var title: String
    public var topic: String
    public var status: ProjectStatus
    /// Once analyzed (always nil in `Projects.list` pages).
    public var analysis: SampleAnalysis?
    public var error: String?
    /// A studio project's steps and outputs (always nil in `Projects.list` pages).
    public var workflow: StudioWorkflow?
    public var createdAt: Int64
    public var updatedAt: Int64
    /// Starred by its owner.
    public var favorite: Bool
    /// The owner's collections that hold it; nil where not read (only library lists and single reads read them).
    public var collectionIds: [String]?

    init(row: any SQLRow) throws {
        id = try row.value("id")
        userId = try row.value("user_id")
        kind = try row.stored(ProjectKind.self)
        title = try row.value("title")
        topic = try row.value("topic")
        status = try row.stored(ProjectStatus.self)
        analysis = try row.document("analysis", table: "projects", as: SampleAnalysis?.self)
        error = try row.value("error")
        workflow = try row.document("workflow", table: "projects", as: StudioWorkflow?.self)
        createdAt = try row.value("created_at")
        updatedAt = try row.value("updated_at")
        favorite = try row.decode(column: "favorited_at", as: Int64?.self) != nil
    }
}

/// The projects table: every read is scoped to the owner, except the worker's.
public enum Projects {
    /// Creates the project, records its uploads and queues the analysis, in one transaction.
    public static func create(
        in database: any Database, owner: String, title: String, topic: String, files: [ProjectFile],
        maxAttempts: Int, id: String = newID()
    ) async throws -> Project {
        try await database.transaction { db in
            let now = Clock.nowMillis()
            try await db.raw(
                """
                INSERT INTO projects (id, user_id, kind, title, topic, status, created_at, updated_at)
                VALUES (\(bind: id), \(bind: owner), 'remix', \(bind: title), \(bind: topic), 'analyzing', \(bind: now),
                        \(bind: now))
                """
            ).run()
            for file in files { try await ProjectFiles.insert(db, project: id, file, at: now) }
            _ = try await Jobs.enqueue(
                db, kind: .analyzeSample, user: owner, video: nil, project: id, payload: "{}",
                maxAttempts: maxAttempts)
            guard let project = try await find(db, owner: owner, id: id) else {
                throw StoreError.notFound("project vanished")
            }
            return project
        }
    }

    public static func find(_ db: any SQLDatabase, owner: String, id: String) async throws -> Project? {
        try await db.raw("SELECT * FROM projects WHERE id = \(bind: id) AND user_id = \(bind: owner)").firstRow(
            Project.self)
    }

    /// For workers, which act for whoever owns the project.
    public static func find(_ db: any SQLDatabase, id: String) async throws -> Project? {
        try await db.raw("SELECT * FROM projects WHERE id = \(bind: id)").firstRow(Project.self)
    }

    public static func rename(_ db: any SQLDatabase, owner: String, id: String, title: String) async throws
        -> Project?
    {
        try await db.raw(
            """
            UPDATE projects SET title = \(bind: title), updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id) AND user_id = \(bind: owner)
            """
        ).run()
        return try await find(db, owner: owner, id: id)
    }

    /// Deletes the project's row (its files, plans, messages and jobs go with it); returns whether it existed.
    public static func delete(_ db: any SQLDatabase, owner: String, id: String) async throws -> Bool {
        try await db.raw(
            "DELETE FROM projects WHERE id = \(bind: id) AND user_id = \(bind: owner) RETURNING id"
        ).all().count == 1
    }

    /// Marks the project changed. Called first in a transaction that numbers a plan version or a message: the
    /// update locks the project's row on PostgreSQL (SQLite runs one writer at a time anyway), so two chats at once
    /// take the next numbers one after the other instead of colliding on the same one.
    static func touch(_ db: any SQLDatabase, id: String) async throws {
        try await db.raw("UPDATE projects SET updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id)").run()
    }

    /// Stores the analysis report: the project is `analyzed`.
    public static func analyzed(_ db: any SQLDatabase, id: String, analysis: SampleAnalysis) async throws {
        let json = String(decoding: try CanonicalJSON.encode(analysis), as: UTF8.self)
        try await db.raw(
            """
            UPDATE projects SET status = 'analyzed', analysis = \(bind: json), error = NULL,
            updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id)
            """
        ).run()
    }

    /// The analysis failed for good.
    public static func failed(_ db: any SQLDatabase, id: String, error: String) async throws {
        try await db.raw(
            """
            UPDATE projects SET status = 'failed', error = \(bind: error), updated_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: id) AND status = 'analyzing'
            """
        ).run()
    }

    /// How many videos were generated from each of the given projects.
    public static func videoCounts(_ db: any SQLDatabase, projects: [String]) async throws -> [String: Int] {
        try await perProject(db, "SELECT project_id, COUNT(*) AS n FROM videos", projects)
    }

    /// One number per project from `select` (which yields `project_id` and `n`), for a page of projects in one
    /// query: `select` gets `WHERE project_id IN (…) GROUP BY project_id` appended.
    static func perProject(_ db: any SQLDatabase, _ select: String, _ projects: [String]) async throws
        -> [String: Int]
    {
        guard !projects.isEmpty else { return [:] }
        var query = SQLQueryString(select)
        query.appendInterpolation(unsafeRaw: " WHERE project_id IN (")
        query.appendBound(projects)
        query.appendInterpolation(unsafeRaw: ") GROUP BY project_id")
        var numbers: [String: Int] = [:]
        for row in try await db.raw(query).all() {
            numbers[try row.decode(column: "project_id", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return numbers
    }
}

extension SQLQueryString {
    /// `a, b, c` with every value bound, for an `IN (…)` list.
    mutating func appendBound(_ values: [String]) {
        for (index, value) in values.enumerated() {
            if index > 0 { appendInterpolation(unsafeRaw: ", ") }
            appendInterpolation(bind: value)
        }
    }
}
