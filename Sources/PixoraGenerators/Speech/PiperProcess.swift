import Foundation
import PixoraMedia
import Synchronization

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
/// process serves every sentence (measured in docs/architecture.md, "the voice round"). Requests take turns (the
/// actor alone would let a second request in while the first awaits its answer, and answers would cross); the
/// process stops after `idleSeconds` without one, and starts again on the next. A cancelled or overdue request,
/// or an answer that is not the driver's, ends the process, so the next request starts from a clean one.
actor PiperProcess {
    let installation: PiperInstallation
    let idleSeconds: Double
    /// Far beyond a sentence's 0.5 s or a scene's few seconds: a driver this late is stuck.
    let answerTimeout: Duration
    /// How long a driver whose input has closed may take to end before it is killed.
    let exitGrace: Double = 10
    private var running: Running?
    private var idleTimer: Task<Void, Never>?
    private var busy = false
    /// Which idle timer is current: a timer that waited for its turn behind a request is stale by then.
    private var idleGeneration = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    private struct Running {
        var process: Process
        var input: FileHandle
        var output: LineReader
        /// stderr's file, already unlinked: read for the last lines of a failure, gone with the process.
        var errorLog: FileHandle
    }

    init(installation: PiperInstallation, idleSeconds: Double = 30, answerTimeout: Duration = .seconds(120)) {
        self.installation = installation
        self.idleSeconds = idleSeconds
        self.answerTimeout = answerTimeout
    }

    func speak(_ request: PiperSpeakRequest) async throws -> PiperSpeakAnswer {
        await takeTurn()
        defer {
            scheduleIdleStop()
            endTurn()
        }
        idleTimer?.cancel()
        try Task.checkCancellation()
        if let current = running, !current.process.isRunning { await stop() }
        let running = try self.running ?? start()
        self.running = running
        var line = try JSONEncoder().encode(request)
        line.append(0x0A)
        let answerLine: Data?
        let started = ContinuousClock.now
        let timeout = answerTimeout
        let watchdog = Task {
            try? await Task.sleep(for: timeout)
            if !Task.isCancelled { running.process.terminate() }
        }
        defer { watchdog.cancel() }
        do {
            try running.input.write(contentsOf: line)
            let reader = running.output
            answerLine = try await withTaskCancellationHandler {
                try await reader.nextLine()
            } onCancel: {
                running.process.terminate()
            }
        } catch {
            await stop()
            throw error
        }
        if Task.isCancelled {
            await stop()
            throw CancellationError()
        }
        guard let answerLine else {
            let lastLines = Self.tail(of: running.errorLog)
            let late = ContinuousClock.now - started >= timeout
            await stop()
            throw MediaError.toolFailed(
                tool: "piper", status: late ? "gave no answer within \(timeout)" : "exited", lastLines: lastLines)
        }
        guard let answer = try? JSONDecoder().decode(PiperSpeakAnswer.self, from: answerLine) else {
            await stop()
            throw MediaError.toolFailed(
                tool: "piper", status: "answered something that is not its JSON",
                lastLines: [String(decoding: answerLine.prefix(200), as: UTF8.self)])
        }
        if let error = answer.error {
            throw MediaError.toolFailed(tool: "piper", status: "failed", lastLines: [error])
        }
        return answer
    }

    private func takeTurn() async {
        guard busy else {
            busy = true
            return
        }
        // The turn is handed over by `endTurn`, so `busy` stays true.
        await withCheckedContinuation { waiting.append($0) }
    }

    private func endTurn() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }

    /// A generator dropped with its driver running: closing the driver's input ends it (`LiveProcesses` holds the
    /// Process until then), so no driver outlives its generator.
    deinit {
        try? running?.input.close()
    }

    /// Ends the process (its standard input closes, and the driver returns) and waits until it has. The wait is
    /// on a thread of its own: the concurrency pool has one thread per core, shared by every server and job, and
    /// a blocked one stalls them all. A driver that has not ended `exitGrace` after its input closed is killed.
    func stop() async {
        guard let running else { return }
        // Cleared first: the turn is held, so no request sees a driver that is going away.
        self.running = nil
        try? running.input.close()
        let process = running.process
        let grace = exitGrace
        await withCheckedContinuation { (ended: CheckedContinuation<Void, Never>) in
            Thread {
                let deadline = Date().addingTimeInterval(grace)
                while process.isRunning && Date() < deadline { usleep(20_000) }
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
                ended.resume()
            }.start()
        }
        try? running.errorLog.close()
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
        let logURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("pixora-piper-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let errorLog = try FileHandle(forReadingFrom: logURL)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: logURL)
        // Open handles keep the file; its name goes now, so no run leaves a log behind, however it ends.
        try? FileManager.default.removeItem(at: logURL)
        // Foundation's Process must outlive its child: one freed while the child runs crashes the program when the
        // child exits. A generator (and this actor) may be dropped with its driver running, so the driver's
        // Process is held until it has exited.
        LiveProcesses.shared.hold(process)
        try process.run()
        return Running(
            process: process, input: input.fileHandleForWriting, output: LineReader(output.fileHandleForReading),
            errorLog: errorLog)
    }

    private func scheduleIdleStop() {
        let seconds = idleSeconds
        idleTimer?.cancel()
        idleGeneration += 1
        let generation = idleGeneration
        idleTimer = Task { [weak self] in
            try? await Task.sleep(for: .seconds(seconds))
            guard !Task.isCancelled else { return }
            await self?.idleStop(generation)
        }
    }

    /// Stops the process between requests only, never under one.
    private func idleStop(_ generation: Int) async {
        await takeTurn()
        defer { endTurn() }
        if generation == idleGeneration { await stop() }
    }

    private static func tail(of log: FileHandle) -> [String] {
        let size = (try? log.seekToEnd()) ?? 0
        try? log.seek(toOffset: size > 4096 ? size - 4096 : 0)
        let text = String(decoding: (try? log.readToEnd()) ?? Data(), as: UTF8.self)
        return text.split(separator: "\n").suffix(12).map(String.init)
    }
}

/// Processes held until they exit (see `PiperProcess.start`).
final class LiveProcesses: Sendable {
    static let shared = LiveProcesses()
    private let held = Mutex<[ObjectIdentifier: Process]>([:])

    func hold(_ process: Process) {
        held.withLock { $0[ObjectIdentifier(process)] = process }
        process.terminationHandler = { [self] ended in
            _ = held.withLock { $0.removeValue(forKey: ObjectIdentifier(ended)) }
        }
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
