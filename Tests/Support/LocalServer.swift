import Hummingbird
import Logging
import ServiceLifecycle

/// Runs `router` on a free port of 127.0.0.1 for the duration of `body`, which gets the base URL: the emulators
/// of the paid APIs and of sign-in providers.
func runLocally<T: Sendable>(
    _ router: Router<BasicRequestContext>, label: String, _ body: @Sendable (String) async throws -> T
) async throws -> T {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: label)
    logger.logLevel = .critical
    let app = Application(
        router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
    return try await serving(app, logger: logger) {
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw ProviderEmulator.EmulatorError.notStarted }
        return try await body("http://127.0.0.1:\(port)")
    }
}

/// Runs `service` while `body` runs, then shuts it down gracefully, for at most 5 s before cancelling. Cancelling
/// the serving task at once can drop a connection NIO has accepted but the server has not taken yet, and that
/// traps the whole test process ("Deinited NIOAsyncWriter without calling finish()", swift-nio #3481).
func serving<T: Sendable>(
    _ service: some Service, logger: Logger, _ body: () async throws -> T
) async throws -> T {
    var configuration = ServiceGroupConfiguration(services: [service], gracefulShutdownSignals: [], logger: logger)
    configuration.maximumGracefulShutdownDuration = .seconds(5)
    let group = ServiceGroup(configuration: configuration)
    let server = Task { try await group.run() }
    let result: Result<T, any Error>
    do { result = .success(try await body()) } catch { result = .failure(error) }
    await group.triggerGracefulShutdown()
    _ = await server.result
    return try result.get()
}
