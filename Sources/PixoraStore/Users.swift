import Foundation
import SQLKit

/// What an account may do.
public enum UserRole: String, StoredEnum {
    case user, admin

    public static let table = "users"
    public static let column = "role"
}

/// An account: who they are, how they sign in, and their credit balance.
public struct User: Codable, Sendable, Equatable, StoredRow {
    public var id: String
    public var email: String
    public var passwordHash: String
    public var name: String
    public var avatarKey: String?
    public var role: UserRole
    public var credits: Int
    public var createdAt: Int64
    public var updatedAt: Int64

    public var isAdmin: Bool { role == .admin }

    init(row: any SQLRow) throws {
        id = try row.value("id")
        email = try row.value("email")
        passwordHash = try row.value("password_hash")
        name = try row.value("name")
        avatarKey = try row.value("avatar_key")
        role = try row.stored(UserRole.self)
        credits = try row.value("credits")
        createdAt = try row.value("created_at")
        updatedAt = try row.value("updated_at")
    }
}

/// The `users` table (the "profiles" of seed 000).
public enum Users {
    /// Creates an account and its sign-up grant in one transaction. The first account becomes an admin.
    public static func create(
        in database: any Database, email: String, passwordHash: String, name: String, grant: Int
    ) async throws -> User {
        let email = normalize(email)
        do {
            return try await database.transaction { db in
                if try await find(db, email: email) != nil {
                    throw StoreError.conflict("an account with this email already exists")
                }
                let count =
                    try await db.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
                let now = Clock.nowMillis()
                let id = newID()
                try await db.raw(
                    """
                    INSERT INTO users (id, email, password_hash, name, role, credits, created_at, updated_at)
                    VALUES (\(bind: id), \(bind: email), \(bind: passwordHash), \(bind: name), \(bind: (count == 0 ? UserRole.admin : .user).rawValue), 0, \(bind: now), \(bind: now))
                    """
                ).run()
                if grant > 0 {
                    _ = try await CreditLedger.apply(
                        db, user: id, delta: grant, reason: .signupGrant, reference: nil, key: "signup:\(id)")
                }
                guard let user = try await find(db, id: id) else { throw StoreError.notFound("account vanished") }
                return user
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // Two sign-ups with one email at once: the loser hits the unique index.
            if try await database.read({ db in try await find(db, email: email) }) != nil {
                throw StoreError.conflict("an account with this email already exists")
            }
            throw error
        }
    }

    public static func normalize(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    public static func find(_ db: any SQLDatabase, id: String) async throws -> User? {
        try await db.raw("SELECT * FROM users WHERE id = \(bind: id)").firstRow(User.self)
    }

    public static func find(_ db: any SQLDatabase, email: String) async throws -> User? {
        try await db.raw("SELECT * FROM users WHERE email = \(bind: normalize(email))").firstRow(User.self)
    }

    public static func updateProfile(_ db: any SQLDatabase, id: String, name: String?, avatarKey: String??) async throws
        -> User?
    {
        let now = Clock.nowMillis()
        if let name {
            try await db.raw("UPDATE users SET name = \(bind: name), updated_at = \(bind: now) WHERE id = \(bind: id)")
                .run()
        }
        if let avatarKey {
            try await db.raw(
                "UPDATE users SET avatar_key = \(bind: avatarKey), updated_at = \(bind: now) WHERE id = \(bind: id)"
            ).run()
        }
        return try await find(db, id: id)
    }

    public static func setPassword(_ db: any SQLDatabase, id: String, hash: String) async throws {
        try await db.raw(
            "UPDATE users SET password_hash = \(bind: hash), updated_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id)"
        ).run()
    }

    /// Makes the account with `email` an admin (or a user again); false when there is no such account.
    public static func setRole(in database: any Database, email: String, role: UserRole) async throws -> Bool {
        try await database.transaction { db in
            guard try await find(db, email: email) != nil else { return false }
            try await db.raw(
                "UPDATE users SET role = \(bind: role.rawValue), updated_at = \(bind: Clock.nowMillis()) WHERE email = \(bind: normalize(email))"
            ).run()
            return true
        }
    }
}
