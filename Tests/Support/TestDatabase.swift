import Foundation
import Logging
import PixoraStore
import SQLKit

/// The engines every store and API suite runs on.
public enum TestEngine: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres
    public var description: String { rawValue }
}

public struct TestDatabaseError: Error, CustomStringConvertible {
    public var description: String
}

public let testLogger: Logger = {
    var logger = Logger(label: "pixora.test")
    logger.logLevel =
        ProcessInfo.processInfo.environment["PIXORA_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
    return logger
}()

/// A fresh, migrated database on `engine` for one test, removed afterwards. PostgreSQL databases are created in
/// the cluster named by `PIXORA_TEST_POSTGRES_URL` (scripts/test.sh starts a throwaway one).
public func withTestDatabase<T: Sendable>(
    _ engine: TestEngine, _ body: (any Database, DatabaseLocation) async throws -> T
) async throws -> T {
    switch engine {
    case .sqlite:
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let location = DatabaseLocation.sqlite(path: folder.appendingPathComponent("test.sqlite").path)
        return try await run(location, body)
    case .postgres:
        guard let admin = ProcessInfo.processInfo.environment["PIXORA_TEST_POSTGRES_URL"] else {
            throw TestDatabaseError(
                description:
                    "PIXORA_TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh, which starts a throwaway PostgreSQL"
            )
        }
        let name = "pixora_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        let server = try await PostgresDatabaseEngine.open(url: admin, logger: testLogger)
        try await server.read { db in try await db.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        guard var parts = URLComponents(string: admin) else {
            throw TestDatabaseError(description: "bad PIXORA_TEST_POSTGRES_URL")
        }
        parts.path = "/\(name)"
        do {
            let value = try await run(.postgres(url: parts.string!), body)
            try? await server.read { db in try await db.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").run() }
            await server.shutdown()
            return value
        } catch {
            try? await server.read { db in try await db.raw("DROP DATABASE \(unsafeRaw: name) WITH (FORCE)").run() }
            await server.shutdown()
            throw error
        }
    }
}

private func run<T: Sendable>(_ location: DatabaseLocation, _ body: (any Database, DatabaseLocation) async throws -> T)
    async throws -> T
{
    let database = try await openDatabase(location, logger: testLogger)
    do {
        try await Migrations.run(on: database)
        let value = try await body(database, location)
        await database.shutdown()
        return value
    } catch {
        await database.shutdown()
        throw error
    }
}
