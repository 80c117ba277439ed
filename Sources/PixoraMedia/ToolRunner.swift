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
        let result = try await Subprocess.run(
            .path(FilePath(path)), arguments: Arguments(arguments),
            workingDirectory: workingDirectory.map { FilePath($0.path) },
            input: .none, output: .sequence, error: .sequence
        ) { execution in
            try await withThrowingTaskGroup(of: Collected.self) { group in
                group.addTask {
                    var text = ""
                    for try await line in execution.standardOutput.strings() {
                        onOutputLine?(line)
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
        let output = result.closureResult
        // A cancelled task had its tool killed: report the cancellation, not the kill.
        try Task.checkCancellation()
        guard case .exited(0) = result.terminationStatus else {
            let meaningful = output.errorLines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            throw MediaError.toolFailed(
                tool: tool.name, status: "\(result.terminationStatus)", lastLines: Array(meaningful.suffix(12)))
        }
        return output
    }

    private enum Collected: Sendable {
        case output(String)
        case errors([String])
    }
}
