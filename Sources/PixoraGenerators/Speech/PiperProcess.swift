import Foundation
import PixoraMedia

/// One request to the Piper driver (`scripts/piper-speak.py`): the words to speak and where to write the raw WAV.
struct PiperSpeakRequest: Codable, Sendable {
    var voice: String
    var module: String
    var words: [String]
    var lengthScale: Double
    var sentenceSilence: Double
    var output: String

    enum CodingKeys: String, CodingKey {
        case voice, module, words, output
        case lengthScale = "length_scale"
        case sentenceSilence = "sentence_silence"
    }
}

/// The driver's answer: the WAV's length and each word's start and end in seconds.
struct PiperSpeakAnswer: Codable, Sendable {
    var duration: Double?
    var alignment: String?
    var words: [[Double]]?
    var error: String?
}

/// A long-lived Piper driver: loading the voice model takes about 3 s and speaking a sentence about 0.5 s, so one
/// process serves every sentence (measured in docs/architecture.md, "the voice round"). Requests are serialised;
/// the process stops after `idleSeconds` without one, and starts again on the next. A cancelled request kills it.
actor PiperProcess {
    let installation: PiperInstallation
    let idleSeconds: Double
    private var running: Running?
    private var idleTimer: Task<Void, Never>?

    private struct Running {
        var process: Process
        var input: FileHandle
        var output: LineReader
        var errorLog: URL
    }

    init(installation: PiperInstallation, idleSeconds: Double = 30) {
        self.installation = installation
        self.idleSeconds = idleSeconds
    }

    func speak(_ request: PiperSpeakRequest) async throws -> PiperSpeakAnswer {
        idleTimer?.cancel()
        defer { scheduleIdleStop() }
        if let current = running, !current.process.isRunning { stop() }
        let running = try self.running ?? start()
        self.running = running
        var line = try JSONEncoder().encode(request)
        line.append(0x0A)
        let answerLine: Data?
        do {
            try running.input.write(contentsOf: line)
            let reader = running.output
            answerLine = try await withTaskCancellationHandler {
                try await reader.nextLine()
            } onCancel: {
                running.process.terminate()
            }
        } catch {
            stop()
            throw error
        }
        if Task.isCancelled {
            stop()
            throw CancellationError()
        }
        guard let answerLine else {
            let lastLines = Self.tail(of: running.errorLog)
            stop()
            throw MediaError.toolFailed(tool: "piper", status: "exited", lastLines: lastLines)
        }
        let answer = try JSONDecoder().decode(PiperSpeakAnswer.self, from: answerLine)
        if let error = answer.error {
            throw MediaError.toolFailed(tool: "piper", status: "failed", lastLines: [error])
        }
        return answer
    }

    /// Ends the process (its standard input closes, and the driver returns).
    func stop() {
        guard let running else { return }
        try? running.input.close()
        running.process.waitUntilExit()
        try? FileManager.default.removeItem(at: running.errorLog)
        self.running = nil
    }

    private func start() throws -> Running {
        // A driver that died makes the next write fail; ignoring SIGPIPE turns that into an error instead of
        // ending Pixora.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = installation.python
        process.arguments = ["-u", installation.driver.path]
        let input = Pipe()
        let output = Pipe()
        let errorLog = FileManager.default.temporaryDirectory
            .appendingPathComponent("pixora-piper-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorLog)
        try process.run()
        return Running(
            process: process, input: input.fileHandleForWriting, output: LineReader(output.fileHandleForReading),
            errorLog: errorLog)
    }

    private func scheduleIdleStop() {
        let seconds = idleSeconds
        idleTimer = Task { [weak self] in
            try? await Task.sleep(for: .seconds(seconds))
            guard !Task.isCancelled else { return }
            await self?.stop()
        }
    }

    private static func tail(of log: URL) -> [String] {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(12).map(String.init)
    }
}

/// Reads newline-terminated lines from a pipe on a thread of its own, so waiting for Piper blocks no task.
final class LineReader: Sendable {
    private let handle: FileHandle
    private let queue = DispatchQueue(label: "pixora.piper.reader")
    private let buffer = BufferBox()

    init(_ handle: FileHandle) {
        self.handle = handle
    }

    /// The next line without its newline, or nil at the end of the stream.
    func nextLine() async throws -> Data? {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [handle, buffer] in
                while true {
                    if let line = buffer.takeLine() { return continuation.resume(returning: line) }
                    let chunk = handle.availableData
                    if chunk.isEmpty { return continuation.resume(returning: nil) }
                    buffer.append(chunk)
                }
            }
        }
    }
}

/// The bytes read but not yet returned as a line; only touched on the reader's queue.
final class BufferBox: @unchecked Sendable {
    private var data = Data()

    func append(_ chunk: Data) { data.append(chunk) }

    func takeLine() -> Data? {
        guard let newline = data.firstIndex(of: 0x0A) else { return nil }
        let line = data[data.startIndex..<newline]
        data.removeSubrange(data.startIndex...newline)
        return Data(line)
    }
}
