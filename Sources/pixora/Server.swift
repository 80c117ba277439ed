import ArgumentParser
import Foundation
import Hummingbird
import Logging
import PixoraCore
import PixoraPipeline
import PixoraServer
import PixoraStore

/// Options every server-side command shares.
struct ServerOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "Data folder: SQLite file, media, asset cache, mail outbox, JWT secret (default: $PIXORA_DATA_DIR or ./data)."
    )
    var data: String?

    func configuration(host: String? = nil, port: Int? = nil) throws -> ServerConfiguration {
        try ServerConfiguration.from(
            settings: .current, dataFolder: data.map { URL(fileURLWithPath: $0, isDirectory: true) }, host: host,
            port: port)
    }

    static func logger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = Configuration.current.text("PIXORA_LOG_LEVEL").flatMap(Logger.Level.init(rawValue:)) ?? .info
        return logger
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the API and the studio, with an in-process worker unless --no-worker.",
        discussion:
            "SQLite under ./data by default; DATABASE_URL=postgres://… switches to PostgreSQL. Run any number of "
            + "`pixora serve --no-worker` nodes and `pixora worker` processes against one PostgreSQL database.")

    @OptionGroup var options: ServerOptions
    @Option(name: .long, help: "Address to listen on (default: $PIXORA_HOST or 127.0.0.1).") var host: String?
    @Option(name: .long, help: "Port (default: $PIXORA_PORT or 8080).") var port: Int?
    @Flag(name: .long, help: "Do not run a worker in this process (run `pixora worker` instead).") var noWorker = false

    func run() async throws {
        let configuration = try options.configuration(host: host, port: port)
        let logger = ServerOptions.logger("pixora")
        let services = try await AppServices.open(configuration, logger: logger)
        logger.info(
            "pixora serving",
            metadata: [
                "url": .string("http://\(configuration.host):\(configuration.port)"),
                "database": .string(configuration.database.redacted),
                "worker": .stringConvertible(!noWorker), "data": .string(configuration.dataFolder.path),
            ])
        let app = buildApplication(services, worker: !noWorker)
        do {
            try await app.runService(gracefulShutdownSignals: [])
        } catch {
            await services.database.shutdown()
            throw error
        }
        await services.database.shutdown()
    }
}

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run queue workers: claim jobs, make videos, until stopped.")

    @OptionGroup var options: ServerOptions
    @Option(name: .long, help: "Jobs run at once in this process (default 1).") var concurrency = 1

    func validate() throws {
        guard (1...64).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 64") }
    }

    func run() async throws {
        let configuration = try options.configuration()
        let logger = ServerOptions.logger("pixora.worker")
        let services = try await AppServices.open(configuration, logger: logger)
        logger.info(
            "workers starting",
            metadata: ["count": .stringConvertible(concurrency), "database": .string(configuration.database.redacted)])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<concurrency {
                group.addTask { await PixoraPipelineWorkerFactory.make(services).run() }
            }
        }
        await services.database.shutdown()
        if Task.isCancelled { throw CancellationError() }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply database migrations (serve and worker also do this at start).")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.configuration()
        let database = try await openDatabase(configuration.database, logger: ServerOptions.logger("pixora.migrate"))
        do {
            let applied = try await Migrations.run(on: database)
            let all = try await Migrations.applied(on: database)
            print(
                applied.isEmpty
                    ? "database is up to date (\(all.count) migrations)"
                    : "applied migrations \(applied.map(String.init).joined(separator: ", ")); \(all.count) in all")
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }
}

struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Account administration.", subcommands: [MakeAdmin.self])

    struct MakeAdmin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "make-admin", abstract: "Give an account the admin role.")
        @OptionGroup var options: ServerOptions
        @Argument(help: "The account's email.") var email: String
        @Flag(name: .long, help: "Take the admin role away instead.") var revoke = false

        func run() async throws {
            let configuration = try options.configuration()
            let services = try await AppServices.open(configuration, logger: ServerOptions.logger("pixora.admin"))
            let found = try await Users.setRole(in: services.database, email: email, role: revoke ? .user : .admin)
            await services.database.shutdown()
            guard found else { throw UsageError("no account uses the email \(email)") }
            print(revoke ? "\(email) is no longer an admin" : "\(email) is now an admin")
        }
    }
}
