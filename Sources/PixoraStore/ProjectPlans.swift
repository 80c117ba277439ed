import Foundation
import PixoraCore
import SQLKit

/// What made a plan version.
public enum PlanVersionSource: String, StoredEnum {
    case analysis, chat, restore

    public static let table = "project_plans"
    public static let column = "source"
}

/// One saved plan of a project; versions are numbered from 1 and never change.
public struct ProjectPlan: Sendable, Equatable, StoredRow {
    public var number: Int
    public var source: PlanVersionSource
    /// What this version changed, in words.
    public var note: String
    public var plan: Plan
    public var createdAt: Int64

    init(row: any SQLRow) throws {
        number = try row.value("number")
        source = try row.stored(PlanVersionSource.self)
        note = try row.value("note")
        plan = try row.document("plan", table: "project_plans", as: Plan.self)
        createdAt = try row.value("created_at")
    }
}

public enum ProjectPlans {
    /// Appends a version with the next number. Two writers at once: the loser's insert hits the primary key and
    /// its transaction rolls back, so numbers never repeat (the caller may retry).
    public static func append(
        _ db: any SQLDatabase, project: String, plan: Plan, source: PlanVersionSource, note: String
    ) async throws -> ProjectPlan {
        let issues = plan.validate()
        guard issues.isEmpty else { throw InvalidDocument(document: "plan", issues: issues) }
        try await Projects.touch(db, id: project)
        let next =
            try await db.raw(
                "SELECT COALESCE(MAX(number), 0) + 1 AS n FROM project_plans WHERE project_id = \(bind: project)"
            )
            .first()?.decode(column: "n", as: Int.self) ?? 1
        let json = String(decoding: try CanonicalJSON.encode(plan), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO project_plans (project_id, number, source, note, plan, created_at)
            VALUES (\(bind: project), \(bind: next), \(bind: source.rawValue), \(bind: note), \(bind: json),
                    \(bind: Clock.nowMillis()))
            """
        ).run()
        guard let saved = try await find(db, project: project, number: next) else {
            throw StoreError.notFound("plan version vanished")
        }
        return saved
    }

    public static func find(_ db: any SQLDatabase, project: String, number: Int) async throws -> ProjectPlan? {
        try await db.raw(
            "SELECT * FROM project_plans WHERE project_id = \(bind: project) AND number = \(bind: number)"
        ).firstRow(ProjectPlan.self)
    }

    public static func latest(_ db: any SQLDatabase, project: String) async throws -> ProjectPlan? {
        try await db.raw(
            "SELECT * FROM project_plans WHERE project_id = \(bind: project) ORDER BY number DESC LIMIT 1"
        ).firstRow(ProjectPlan.self)
    }

    /// Oldest first.
    public static func all(_ db: any SQLDatabase, project: String) async throws -> [ProjectPlan] {
        try await db.raw("SELECT * FROM project_plans WHERE project_id = \(bind: project) ORDER BY number")
            .rows(ProjectPlan.self)
    }

    /// The newest version's number of each of the given projects.
    public static func latestNumbers(_ db: any SQLDatabase, projects: [String]) async throws -> [String: Int] {
        try await Projects.perProject(db, "SELECT project_id, MAX(number) AS n FROM project_plans", projects)
    }
}
