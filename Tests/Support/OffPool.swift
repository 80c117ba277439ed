import Foundation

/// Runs blocking work (waiting for a process, reading its pipes, polling) on a thread of its own and awaits it.
/// The shared concurrency pool has one thread per core (two here); blocking one starves every server, emulator
/// and worker in the test process for as long as it blocks.
public func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Runs the program at `path` with `arguments` off the pool and waits for it to end: its exit status and what it
/// wrote to standard output, or to standard error with `errors` set (the other stream is left as it was).
public func runTool(_ path: String, _ arguments: [String], errors: Bool = false) async throws
    -> (status: Int32, text: String)
{
    try await offPool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        if errors { process.standardError = pipe } else { process.standardOutput = pipe }
        try process.run()
        // Read before waiting so a full pipe cannot block the program.
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
