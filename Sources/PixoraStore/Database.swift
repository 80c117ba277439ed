import Foundation
import Logging
import NIOCore
import NIOPosix
import PixoraCore
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import Synchronization

/// The two engines Pixora runs on. Dialect-specific SQL is chosen on this, in as few places as possible.
public enum SQLEngine: String, Sendable {
    case sqlite, postgres
}

/// A database the repositories run on: reads, and writes in a transaction.
///
/// Every repository is written once against `SQLDatabase`; this is the only type that knows how each engine
/// hands out connections and transactions.
public protocol Database: Sendable {
    var engine: SQLEngine { get }
    /// Runs `body` on one connection, outside a transaction (each statement commits on its own).
    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T
    /// A number that changes whenever any of the user's videos is created, changed or deleted (`Videos.listStamp`);
    /// `nil` where the engine keeps none (PostgreSQL) or the user is unknown.
    func videoListStamp(owner: String) async throws -> Int64?
    func shutdown() async
}

/// Where the data lives, from `DATABASE_URL`: `postgres://user:pass@host:port/db`, `sqlite:///path/file.sqlite`,
/// or nothing for `<data folder>/pixora.sqlite`.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(url: String)

    public static func from(url: String?, dataFolder: URL) throws -> DatabaseLocation {
        guard let url, !url.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .sqlite(path: dataFolder.appendingPathComponent("pixora.sqlite").path)
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") { return .postgres(url: url) }
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else {
                throw StoreError.configuration(
                    "DATABASE_URL sqlite:// needs a file path, e.g. sqlite:///var/lib/pixora/pixora.sqlite")
            }
            return .sqlite(path: path)
        }
        throw StoreError.configuration("DATABASE_URL must start with postgres://, postgresql:// or sqlite://")
    }

    /// A log-safe description: never prints a password.
    public var redacted: String {
        switch self {
        case .sqlite(let path): return "sqlite \(path)"
        case .postgres(let url):
            guard var parts = URLComponents(string: url) else { return "postgres" }
            if parts.password != nil { parts.password = "***" }
            return parts.string ?? "postgres"
        }
    }
}

/// Opens the database at `location`.
public func openDatabase(_ location: DatabaseLocation, logger: Logger) async throws -> any Database {
    switch location {
    case .sqlite(let path): return try await SQLiteDatabaseEngine.open(path: path, logger: logger)
    case .postgres(let url): return try await PostgresDatabaseEngine.open(url: url, logger: logger)
    }
}

/// SQLite: one connection, used by one task at a time. SQLite has a single writer anyway, and sharing one
/// connection between concurrent tasks would let one task's statements land inside another's transaction.
/// WAL and a busy timeout let a second process (`pixora worker` next to `pixora serve`) share the file.
public final class SQLiteDatabaseEngine: Database {
    public let engine = SQLEngine.sqlite
    private let connection: SQLiteConnection
    private let gate = SerialGate()
    private let videoWrites: ChangeCounter
    /// Stamps read lately, with the count of this connection's video writes when each was read.
    private let stamps = BoundedMemo<String, KnownStamp>(capacity: 10_000)
    /// Stamp reads under way, by owner.
    private let refreshes = Mutex<[String: (writes: Int, task: Task<Int64?, any Error>)]>([:])

    /// How long a stamp read from the database is trusted when this process has written no video since: the
    /// longest a change made by another process (`pixora worker` on the same file) can take to show in the list.
    public static let stampTrust: Duration = .milliseconds(100)

    init(connection: SQLiteConnection, videoWrites: ChangeCounter) {
        self.connection = connection
        self.videoWrites = videoWrites
    }

    public static func open(path: String, logger: Logger) async throws -> SQLiteDatabaseEngine {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let db = connection.sql()
        for pragma in [
            "PRAGMA journal_mode = WAL", "PRAGMA busy_timeout = 10000", "PRAGMA foreign_keys = ON",
            "PRAGMA synchronous = NORMAL",
        ] {
            try await db.raw(SQLQueryString(pragma)).run()
        }
        // SQLite's update hook sees every row this connection changes (triggers' and cascades' too), before the
        // statement returns, so a write is counted before its transaction commits and before anyone is told.
        let videoWrites = ChangeCounter()
        _ = try await connection.addUpdateObserver(lifetime: .pinned) { event in
            // Memberships too: list items carry their collections (migration 10's triggers bump the stamp).
            if event.table == "videos" || event.table == "collection_videos" { videoWrites.bump() }
        }
        return SQLiteDatabaseEngine(connection: connection, videoWrites: videoWrites)
    }

    /// The stored stamp, or one read within `stampTrust` with no video written by this process since, so a
    /// dashboard's polling costs no database read at all while nothing changes. Requests that find the stamp out of
    /// date together share one read (started after this process's last video write) instead of queueing one each.
    public func videoListStamp(owner: String) async throws -> Int64? {
        let writes = videoWrites.value
        if let known = stamps.value(for: owner), known.writes == writes,
            ContinuousClock.now - known.read < Self.stampTrust
        {
            return known.stamp
        }
        let refresh = refreshes.withLock { refreshes -> Task<Int64?, any Error> in
            if let running = refreshes[owner], running.writes == writes { return running.task }
            let task = Task { try await self.readStamp(owner: owner, writes: writes) }
            refreshes[owner] = (writes, task)
            return task
        }
        return try await refresh.value
    }

    private func readStamp(owner: String, writes: Int) async throws -> Int64? {
        let started = ContinuousClock.now
        defer { refreshes.withLock { if $0[owner]?.writes == writes { $0[owner] = nil } } }
        guard let stamp = try await read({ db in try await Videos.listStamp(db, owner: owner) }) else { return nil }
        stamps.remember(KnownStamp(stamp: stamp, writes: writes, read: started), for: owner)
        return stamp
    }

    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        await gate.acquire()
        do {
            let value = try await body(connection.sql())
            await gate.release()
            return value
        } catch {
            await gate.release()
            throw error
        }
    }

    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        await gate.acquire()
        let db = connection.sql()
        do {
            // IMMEDIATE takes the write lock at once, so two processes never deadlock upgrading a read lock.
            try await db.raw("BEGIN IMMEDIATE").run()
        } catch {
            await gate.release()
            throw error
        }
        do {
            let value = try await body(db)
            try await finish("COMMIT")
            await gate.release()
            return value
        } catch {
            try? await finish("ROLLBACK")
            await gate.release()
            throw error
        }
    }

    /// Ends the transaction in a task of its own: in a cancelled task SQLiteNIO refuses the statement, which would
    /// leave the one shared connection inside a transaction and fail every later one.
    private func finish(_ statement: String) async throws {
        let connection = connection
        try await Task.detached { try await connection.sql().raw(SQLQueryString(statement)).run() }.value
    }

    /// Closes the connection, also when called from a cancelled task (Ctrl-C, SIGTERM): the close runs in a task
    /// of its own, because a cancelled one would skip it and leave the connection open.
    public func shutdown() async {
        let (gate, connection) = (gate, connection)
        await Task.detached {
            await gate.acquire()
            try? await connection.close()
            await gate.release()
        }.value
    }
}

/// PostgreSQL through PostgresNIO's pooled client; each transaction leases one connection.
public final class PostgresDatabaseEngine: Database {
    public let engine = SQLEngine.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
        // The client's run() must have begun before the first lease (PostgresNIO warns otherwise, and a worker
        // did at start). An immediate task runs run()'s synchronous start, which marks the client running,
        // before this initializer returns.
        if #available(macOS 26, *) {
            runner = Task.immediate { await client.run() }
        } else {
            runner = Task { await client.run() }
        }
    }

    public static func configuration(url: String) throws -> PostgresClient.Configuration {
        guard let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty else {
            throw StoreError.configuration("DATABASE_URL is not a valid postgres:// URL")
        }
        let database = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        let mode = parts.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.clientDefault)
        case "require", "verify-full", "verify-ca": tls = .require(.clientDefault)
        default:
            throw StoreError.configuration("DATABASE_URL sslmode must be disable, prefer or require, got '\(mode)'")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: parts.port ?? 5432, username: parts.user ?? "postgres", password: parts.password,
            database: database.isEmpty ? nil : database, tls: tls)
        if let size = parts.queryItems?.first(where: { $0.name == "pool" })?.value.flatMap(Int.init), size > 0 {
            configuration.options.maximumConnections = size
        }
        return configuration
    }

    public static func open(url: String, logger: Logger) async throws -> PostgresDatabaseEngine {
        let engine = PostgresDatabaseEngine(
            client: PostgresClient(configuration: try configuration(url: url), backgroundLogger: logger), logger: logger
        )
        do {
            _ = try await engine.read { db in try await db.raw("SELECT 1 AS one").first() }
        } catch {
            await engine.shutdown()
            throw StoreError.unavailable("cannot connect to PostgreSQL: \(String(reflecting: error).prefix(300))")
        }
        return engine
    }

    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await body(connection.sql()) }
    }

    /// None: see migration 6.
    public func videoListStamp(owner: String) async throws -> Int64? { nil }

    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let db = connection.sql()
            try await db.raw("BEGIN").run()
            do {
                let value = try await body(db)
                try await db.raw("COMMIT").run()
                return value
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    public func shutdown() async {
        runner.cancel()
        await runner.value
    }
}

/// A user's list stamp as read, with the count of this connection's video writes at the time.
struct KnownStamp: Sendable {
    var stamp: Int64
    var writes: Int
    var read: ContinuousClock.Instant
}

/// A count that only goes up, bumped from any thread.
final class ChangeCounter: Sendable {
    private let count = Atomic<Int>(0)
    func bump() { count.add(1, ordering: .releasing) }
    var value: Int { count.load(ordering: .acquiring) }
}

/// A first-come, first-served async lock.
actor SerialGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
