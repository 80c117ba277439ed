import Foundation
import PixoraCore
import SQLKit

/// Who wrote a chat message.
public enum ChatRole: String, StoredEnum {
    case user, assistant

    public static let table = "project_messages"
    public static let column = "role"
}

/// One message of a project's plan chat.
public struct ProjectMessage: Sendable, Equatable, StoredRow {
    public var number: Int
    public var role: ChatRole
    public var text: String
    /// The plan version an assistant message created, when it changed something.
    public var planNumber: Int?
    public var createdAt: Int64

    init(row: any SQLRow) throws {
        number = try row.value("number")
        role = try row.stored(ChatRole.self)
        text = try row.value("text")
        planNumber = try row.value("plan_number")
        createdAt = try row.value("created_at")
    }
}

public enum ProjectMessages {
    /// Appends messages with the next numbers; call inside the transaction that saved their plan version.
    public static func append(
        _ db: any SQLDatabase, project: String, _ messages: [(role: ChatRole, text: String, plan: Int?)]
    ) async throws -> [ProjectMessage] {
        try await Projects.touch(db, id: project)
        var next =
            try await db.raw(
                "SELECT COALESCE(MAX(number), 0) + 1 AS n FROM project_messages WHERE project_id = \(bind: project)"
            ).first()?.decode(column: "n", as: Int.self) ?? 1
        let first = next
        let now = Clock.nowMillis()
        for message in messages {
            try await db.raw(
                """
                INSERT INTO project_messages (project_id, number, role, text, plan_number, created_at)
                VALUES (\(bind: project), \(bind: next), \(bind: message.role.rawValue), \(bind: message.text),
                        \(bind: message.plan), \(bind: now))
                """
            ).run()
            next += 1
        }
        return try await db.raw(
            """
            SELECT * FROM project_messages WHERE project_id = \(bind: project) AND number >= \(bind: first)
            ORDER BY number
            """
        ).rows(ProjectMessage.self)
    }

    /// Oldest first.
    public static func all(_ db: any SQLDatabase, project: String) async throws -> [ProjectMessage] {
        try await db.raw("SELECT * FROM project_messages WHERE project_id = \(bind: project) ORDER BY number")
            .rows(ProjectMessage.self)
    }
}
