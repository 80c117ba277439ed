import Logging

/// Runs one step of a stream whose answer has already begun. Its failure can no longer be a 500, and the server
/// logs a failed body only at trace level, so an error (a corrupt row, say) is logged here before it ends the
/// stream; a client that goes away is not an error.
func loggingFailure<T>(_ logger: Logger, _ message: Logger.Message, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch is CancellationError {
        throw CancellationError()
    } catch {
        logger.error(message, metadata: ["error": .string(String(reflecting: error).prefix(500).description)])
        throw error
    }
}
