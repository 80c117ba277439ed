import Foundation
import SQLKit

/// A colour lookup table a user uploaded, usable in an editor look.
public struct LUT: Sendable, Equatable, StoredRow {
    public var id: String
    public var userId: String
    /// The upload's file name, cleaned for display.
    public var name: String
    /// `<sha256>.cube`: the canonical table in the asset store.
    public var assetKey: String
    /// `LUT_3D_SIZE`.
    public var size: Int
    /// Bytes of the stored table.
    public var bytes: Int64
    public var createdAt: Int64

    init(row: any SQLRow) throws {
        id = try row.value("id")
        userId = try row.value("user_id")
        name = try row.value("name")
        assetKey = try row.value("asset_key")
        size = try row.value("size")
        bytes = try row.value("bytes")
        createdAt = try row.value("created_at")
    }
}

/// The `luts` table (migration 20). Every query takes the owner: another user's LUT reads as missing.
public enum LUTs {
    /// Tables one user may keep.
    public static let maxPerUser = 50

    /// Adds a table, or returns the user's existing row for the same asset (`created` false). `conflict` when
    /// the user already has `maxPerUser`. Call inside a transaction.
    public static func add(
        _ db: any SQLDatabase, owner: String, name: String, assetKey: String, size: Int, bytes: Int64
    ) async throws -> (lut: LUT, created: Bool) {
        if let existing = try await db.raw(
            "SELECT * FROM luts WHERE user_id = \(bind: owner) AND asset_key = \(bind: assetKey)"
        ).firstRow(LUT.self) {
            return (existing, false)
        }
        let count =
            try await db.raw("SELECT COUNT(*) AS n FROM luts WHERE user_id = \(bind: owner)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        guard count < maxPerUser else {
            throw StoreError.conflict("you already have \(maxPerUser) LUTs; delete one first")
        }
        let id = newID()
        try await db.raw(
            """
            INSERT INTO luts (id, user_id, name, asset_key, size, bytes, created_at)
            VALUES (\(bind: id), \(bind: owner), \(bind: name), \(bind: assetKey), \(bind: size), \(bind: bytes),
                    \(bind: Clock.nowMillis()))
            """
        ).run()
        guard let lut = try await find(db, owner: owner, id: id) else { throw StoreError.notFound("vanished") }
        return (lut, true)
    }

    /// Newest first.
    public static func list(_ db: any SQLDatabase, owner: String) async throws -> [LUT] {
        try await db.raw("SELECT * FROM luts WHERE user_id = \(bind: owner) ORDER BY created_at DESC, id")
            .rows(LUT.self)
    }

    public static func find(_ db: any SQLDatabase, owner: String, id: String) async throws -> LUT? {
        try await db.raw("SELECT * FROM luts WHERE id = \(bind: id) AND user_id = \(bind: owner)").firstRow(LUT.self)
    }

    /// Which of `assetKeys` the user has uploaded.
    public static func owned(_ db: any SQLDatabase, owner: String, assetKeys: [String]) async throws -> Set<String> {
        var owned = Set<String>()
        for lut in try await list(db, owner: owner) where assetKeys.contains(lut.assetKey) {
            owned.insert(lut.assetKey)
        }
        return owned
    }

    /// Removes the row; returns it, and whether any user still has the same table (then its file stays).
    public static func delete(_ db: any SQLDatabase, owner: String, id: String) async throws -> (LUT, shared: Bool)? {
        guard let lut = try await find(db, owner: owner, id: id) else { return nil }
        try await db.raw("DELETE FROM luts WHERE id = \(bind: id) AND user_id = \(bind: owner)").run()
        let others =
            try await db.raw("SELECT COUNT(*) AS n FROM luts WHERE asset_key = \(bind: lut.assetKey)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        return (lut, others > 0)
    }
}
