import Hummingbird
import Logging

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
    let server = Task { try await app.runService(gracefulShutdownSignals: []) }
    defer { server.cancel() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next(), port > 0 else { throw ProviderEmulator.EmulatorError.notStarted }
    return try await body("http://127.0.0.1:\(port)")
}
