import Foundation
import PixoraCore
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// Runs a tool whose standard output is a stream of fixed-size binary records (raw video frames, PCM blocks) and
/// hands each record to a handler as it arrives, so nothing longer than one pipe buffer is ever held in memory.
enum RawStream {
    /// Runs `tool`; `onRecord` sees every complete record of `recordSize` bytes in order, `afterChunk` runs after
    /// each chunk read from the pipe (progress, cancellation). Returns the last lines of standard error.
    /// A trailing partial record (a stream cut short) is dropped.
    @discardableResult
    static func run(
        _ tool: SystemTool, _ arguments: [String], recordSize: Int,
        onRecord: (UnsafeRawBufferPointer) throws -> Void,
        afterChunk: () async throws -> Void = {}
    ) async throws -> [String] {
        precondition(recordSize > 0)
        guard let path = tool.locate() else {
            throw MediaError.toolMissing(tool: tool.name, package: tool.debianPackage)
        }
        let result = try await Subprocess.run(
            .path(FilePath(path)), arguments: Arguments(arguments), input: .none, output: .sequence, error: .sequence
        ) { execution in
            let errors = Task {
                var lines: [String] = []
                for try await line in execution.standardError.strings() {
                    lines.append(line)
                    if lines.count > 800 { lines.removeFirst(lines.count - 400) }
                }
                return Array(lines.suffix(400))
            }
            defer { errors.cancel() }
            var pending: [UInt8] = []
            pending.reserveCapacity(recordSize * 2)
            for try await chunk in execution.standardOutput {
                try chunk.withUnsafeBytes { bytes in
                    var offset = 0
                    if !pending.isEmpty {
                        // Complete the record begun in the previous chunk first.
                        let needed = min(recordSize - pending.count, bytes.count)
                        pending.append(contentsOf: bytes[0..<needed])
                        offset = needed
                        guard pending.count == recordSize else { return }
                        try pending.withUnsafeBytes { try onRecord($0) }
                        pending.removeAll(keepingCapacity: true)
                    }
                    while bytes.count - offset >= recordSize {
                        try onRecord(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + recordSize)]))
                        offset += recordSize
                    }
                    pending.append(contentsOf: bytes[offset...])
                }
                try await afterChunk()
            }
            return try await errors.value
        }
        try Task.checkCancellation()
        let lines = result.closureResult
        guard case .exited(0) = result.terminationStatus else {
            let meaningful = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            throw MediaError.toolFailed(
                tool: tool.name, status: "\(result.terminationStatus)", lastLines: Array(meaningful.suffix(12)))
        }
        return lines
    }
}
