import ArgumentParser
import Foundation
import PixoraCore
import PixoraMedia
import PixoraPipeline

/// What became of one line of a `--batch` file.
struct BatchOutcome: Codable, Sendable {
    enum Status: String, Codable, Sendable {
        /// Made by this run.
        case rendered
        /// Already made by an earlier run (the manifest's video is there and valid), or a repeat of a line above.
        case skipped
        /// The line is not a valid create body.
        case invalid
        /// Planning or rendering failed.
        case failed
    }

    var line: Int
    var status: Status
    var output: String?
    var title: String?
    var durationSeconds: Double?
    var seconds: Double?
    var error: String?
}

/// `DIR/report.json`.
struct BatchReport: Codable, Sendable {
    var file: String
    var folder: String
    var startedAt: Date
    var finishedAt: Date
    var concurrency: Int
    var rendered: Int
    var skipped: Int
    var invalid: Int
    var failed: Int
    var lines: [BatchOutcome]
}

/// `pixora generate --batch FILE.jsonl --out DIR`: one video per line, `concurrency` at a time, resumable.
struct BatchRun {
    let file: String
    let folder: URL
    let concurrency: Int
    let pipeline: VideoPipeline
    let defaultVoice: Voice
    let quiet: Bool

    func run() async throws -> BatchReport {
        let started = Date()
        let text = String(decoding: try InputFile.read(file, what: "batch file"), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { (number: $0.offset + 1, text: String($0.element)) }
            .filter { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        guard !lines.isEmpty else { throw UsageError("the batch file \(file) has no lines") }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw UsageError("the output folder \(folder.path) is not writable")
        }
        try Preflight.check()
        let manifest = BatchManifest(folder: folder)

        // A repeated line is made once: the first occurrence makes it, the others point at it.
        var first: [String: Int] = [:]
        var outcomes: [Int: BatchOutcome] = [:]
        var work: [(number: Int, text: String, key: String)] = []
        for line in lines {
            let key = BatchManifest.key(of: line.text)
            if let earlier = first[key] {
                outcomes[line.number] = BatchOutcome(
                    line: line.number, status: .skipped, error: "the same as line \(earlier)")
            } else {
                first[key] = line.number
                work.append((line.number, line.text, key))
            }
        }
        try await withThrowingTaskGroup(of: BatchOutcome.self) { group in
            var pending = work[...]
            func startNext() {
                guard let next = pending.popFirst() else { return }
                group.addTask { try await make(next.number, next.text, key: next.key, manifest: manifest) }
            }
            for _ in 0..<concurrency { startNext() }
            while let outcome = try await group.next() {
                outcomes[outcome.line] = outcome
                if !quiet { print(Self.progressLine(outcome)) }
                startNext()
            }
        }
        let ordered = lines.compactMap { outcomes[$0.number] }
        func count(_ status: BatchOutcome.Status) -> Int { ordered.filter { $0.status == status }.count }
        let report = BatchReport(
            file: file, folder: folder.path, startedAt: started, finishedAt: Date(), concurrency: concurrency,
            rendered: count(.rendered), skipped: count(.skipped), invalid: count(.invalid), failed: count(.failed),
            lines: ordered)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(report)
        try await AtomicFile.write(to: folder.appendingPathComponent("report.json")) { try data.write(to: $0) }
        return report
    }

    /// One line: checked, skipped when an earlier run made it, else planned and rendered into the folder.
    func make(_ number: Int, _ text: String, key: String, manifest: BatchManifest) async throws -> BatchOutcome {
        let started = Date()
        let line: BatchLine
        do {
            line = try BatchLine.parse(text, defaultVoice: defaultVoice)
        } catch let error as BatchLineError {
            return BatchOutcome(line: number, status: .invalid, error: error.message)
        }
        if let done = await manifest.done(key, in: folder) {
            return BatchOutcome(
                line: number, status: .skipped, output: done.output, title: done.title,
                durationSeconds: done.durationSeconds, error: nil)
        }
        do {
            let plan: Plan
            if let given = line.plan {
                plan = given
            } else {
                plan = try await pipeline.plan(prompt: line.prompt, settings: line.settings, script: line.script)
            }
            // Named by the line's content, so a rerun of an edited line never takes an older video for it.
            let name = "\(key.prefix(8))-" + OutputFiles.defaultName(for: plan.title)
            let output = folder.appendingPathComponent(name)
            let files = OutputFiles(video: output)
            let (made, result) = try await pipeline.makeVideo(plan, to: output, thumbnail: files.thumbnail) { _ in }
            try await OutputFiles.writeJSON(plan, to: files.plan)
            try await OutputFiles.writeJSON(made.state, to: files.editorState)
            try await manifest.record(
                key,
                .init(
                    line: number, output: name, title: plan.title, durationSeconds: result.duration,
                    finishedAt: Date()))
            return BatchOutcome(
                line: number, status: .rendered, output: name, title: plan.title, durationSeconds: result.duration,
                seconds: Date().timeIntervalSince(started))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let message = (error as? any UserFacingError)?.description ?? "\(error)"
            return BatchOutcome(
                line: number, status: .failed, seconds: Date().timeIntervalSince(started), error: message)
        }
    }

    static func progressLine(_ outcome: BatchOutcome) -> String {
        let what = outcome.output ?? outcome.error ?? ""
        return "line \(outcome.line): \(outcome.status.rawValue)  \(what)"
    }

    /// The summary table printed at the end.
    static func table(_ report: BatchReport) -> String {
        var rows = [["line", "status", "length", "time", "video or problem"]]
        for line in report.lines {
            rows.append([
                String(line.line), line.status.rawValue,
                line.durationSeconds.map { String(format: "%.1f s", $0) } ?? "",
                line.seconds.map { String(format: "%.0f s", $0) } ?? "", line.output ?? line.error ?? "",
            ])
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var text = rows.map { row in
            (0..<4).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + row[4]
        }.joined(separator: "\n")
        text +=
            "\n\(report.rendered) rendered, \(report.skipped) skipped, \(report.invalid) invalid, "
            + "\(report.failed) failed; report: \(report.folder)/report.json"
        return text
    }
}
