import Foundation
import PixoraCore
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// What a finished tool printed.
public struct ToolOutput: Sendable {
    public var standardOutput: String
    /// The last lines of standard error (at most `ToolRunner.keptErrorLines`).
    public var errorLines: [String]
}

/// Runs external tools with swift-subprocess; a non-zero exit becomes `MediaError.toolFailed` with the tool's last lines.
public enum ToolRunner {
    static let keptErrorLines = 400
    static let maximumOutputBytes = 16 << 20

    /// Runs `tool` with `arguments`. `onOutputLine` sees standard output line by line as it arrives.
    @discardableResult
    public static func run(
        _ tool: SystemTool, _ arguments: [String], workingDirectory: URL? = nil,
        onOutputLine: (@Sendable (String) -> Void)? = nil
    ) async throws -> ToolOutput {
        guard let path = tool.locate() else {
            throw MediaError.toolMissing(tool: tool.name, package: tool.debianPackage)
        }
        let trace = ToolTrace.start(tool.name, arguments)
        guard let onOutputLine else {
            return try await runToFiles(tool, path: path, arguments, workingDirectory: workingDirectory, trace: trace)
        }
        let result = try await Subprocess.run(
            .path(FilePath(path)), arguments: Arguments(arguments),
            workingDirectory: workingDirectory.map { FilePath($0.path) },
            input: .none, output: .sequence, error: .sequence
        ) { execution in
            trace?.note("pid \(execution.processIdentifier.value)")
            defer { trace?.note("streams ended") }
            return try await withThrowingTaskGroup(of: Collected.self) { group in
                group.addTask {
                    var text = ""
                    for try await line in execution.standardOutput.strings() {
                        onOutputLine(line)
                        if text.utf8.count < maximumOutputBytes { text += line + "\n" }
                    }
                    return .output(text)
                }
                group.addTask {
                    var lines: [String] = []
                    for try await line in execution.standardError.strings() {
                        lines.append(line)
                        if lines.count > keptErrorLines * 2 { lines.removeFirst(lines.count - keptErrorLines) }
                    }
                    return .errors(Array(lines.suffix(keptErrorLines)))
                }
                var output = ToolOutput(standardOutput: "", errorLines: [])
                for try await collected in group {
                    switch collected {
                    case .output(let text): output.standardOutput = text
                    case .errors(let lines): output.errorLines = lines
                    }
                }
                return output
            }
        }
        trace?.note("exited \(result.terminationStatus)")
        let output = result.closureResult
        // A cancelled task had its tool killed: report the cancellation, not the kill.
        try Task.checkCancellation()
        guard case .exited(0) = result.terminationStatus else {
            throw failure(tool, status: "\(result.terminationStatus)", output)
        }
        return output
    }

    /// A run whose output is read afterwards goes to files, and is started and waited for by Foundation's
    /// `Process`: under load swift-subprocess three times never returned from a finished flite run (the process
    /// gone, no end of its pipes in two runs, no exit seen in a third with files), which held whole CI runs until
    /// their watchdog killed them.
    static func runToFiles(
        _ tool: SystemTool, path: String, _ arguments: [String], workingDirectory: URL?, trace: ToolTrace?
    ) async throws -> ToolOutput {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outFile = folder.appendingPathComponent("stdout")
        let errorFile = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let out = try FileHandle(forWritingTo: outFile)
        defer { try? out.close() }
        let error = try FileHandle(forWritingTo: errorFile)
        defer { try? error.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = error
        let status: String = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { ended in
                    let code = ended.terminationStatus
                    continuation.resume(
                        returning: ended.terminationReason == .exit ? "exited(\(code))" : "unhandledException(\(code))")
                }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        trace?.note("pid \(process.processIdentifier)")
        trace?.note("exited \(status)")
        try Task.checkCancellation()
        let text = Self.read(outFile.path, limit: maximumOutputBytes, tail: false)
        let errorText = Self.read(errorFile.path, limit: maximumOutputBytes, tail: true)
        var lines = errorText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let output = ToolOutput(standardOutput: text, errorLines: Array(lines.suffix(keptErrorLines)))
        guard status == "exited(0)" else { throw failure(tool, status: status, output) }
        return output
    }

    /// A failed run as an error with the tool's last non-blank lines.
    static func failure(_ tool: SystemTool, status: String, _ output: ToolOutput) -> MediaError {
        let meaningful = output.errorLines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return .toolFailed(tool: tool.name, status: status, lastLines: Array(meaningful.suffix(12)))
    }

    /// A file's text, at most `limit` bytes: its first ones, or with `tail` its last ones (the errors that matter).
    static func read(_ path: String, limit: Int, tail: Bool) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: tail && size > UInt64(limit) ? size - UInt64(limit) : 0)
        let data = (tail ? try? handle.readToEnd() : try? handle.read(upToCount: limit)) ?? Data()
        return String(decoding: data ?? Data(), as: UTF8.self)
    }

    private enum Collected: Sendable {
        case output(String)
        case errors([String])
    }
}

/// Debugging aid, off unless `PIXORA_TOOL_TRACE` names a file: each tool run appends its start, its pid, the end
/// of its output and its exit, so a run that never returns shows where it stopped.
struct ToolTrace: Sendable {
    let id: String
    let file: String

    /// Read once: the environment does not change while the process runs.
    static let file = ProcessInfo.processInfo.environment["PIXORA_TOOL_TRACE"]

    static func start(_ tool: String, _ arguments: [String]) -> ToolTrace? {
        guard let file else { return nil }
        let trace = ToolTrace(id: String(UUID().uuidString.prefix(8)), file: file)
        trace.note("start \(tool) \(arguments.joined(separator: " ").prefix(160))")
        return trace
    }

    func note(_ event: String) {
        let line = "\(Date().timeIntervalSince1970) \(id) \(event)\n"
        let fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        _ = line.withCString { write(fd, $0, strlen($0)) }
        close(fd)
    }
}
