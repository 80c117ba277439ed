import Foundation
import PixoraMedia
import PixoraTestSupport
import Testing

@Suite("pixora generate --batch", .serialized)
struct BatchCommandTests {
    struct Report: Decodable {
        struct Line: Decodable {
            var line: Int
            var status: String
            var output: String?
            var error: String?
        }
        var rendered: Int
        var skipped: Int
        var invalid: Int
        var failed: Int
        var lines: [Line]
    }

    static let lines = [
        #"{"prompt": "bees making honey", "settings": {"durationSeconds": 5, "quality": "480p", "music": false}}"#,
        #"{"prompt": "a comet", "settings": {"durationSeconds": 500}}"#,
        #"{"prompt": "the ocean at night", "settings": {"durationSeconds": 5, "quality": "480p", "music": false}}"#,
        #"{"prompt": "how volcanoes work", "settings": {"durationSeconds": 5, "quality": "480p", "music": false}}"#,
    ]

    func readReport(_ folder: URL) throws -> Report {
        let data = try Data(contentsOf: folder.appendingPathComponent("report.json"))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Report.self, from: data)
    }

    /// Entries in the manifest, 0 while it does not exist yet.
    func finished(_ folder: URL) -> Int {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(".pixora-batch.json")),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return 0 }
        return (json["entries"] as? [String: Any])?.count ?? 0
    }

    @Test("a run stopped after its first video resumes: done lines are skipped, the report is right, files valid")
    func resumes() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let input = cli.folder.appendingPathComponent("videos.jsonl")
        try Self.lines.joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
        let out = cli.folder.appendingPathComponent("out")

        // The first run is stopped (SIGTERM) as soon as it has finished one video.
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["generate", "--batch", input.path, "--out", out.path, "--quiet"]
        process.currentDirectoryURL = cli.folder
        var environment = ProcessInfo.processInfo.environment
        environment["PIXORA_CACHE_DIR"] = cli.cache.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A blocking poll: on a loaded machine an awaiting one can wait behind other suites' tasks for longer
        // than the run takes to finish every video. It blocks a thread of its own, not one of the pool's.
        try await offPool {
            let deadline = ContinuousClock.now + .seconds(180)
            while finished(out) == 0 && process.isRunning && ContinuousClock.now < deadline {
                usleep(50_000)
            }
            process.terminate()
            process.waitUntilExit()
        }
        let done = finished(out)
        #expect(done >= 1 && done < 3, "the first run finished \(done) videos before it was stopped")
        #expect(process.terminationStatus != 0)

        let second = try await cli.run(["generate", "--batch", input.path, "--out", out.path])
        #expect(second.status == 1, "a bad line makes the exit code 1: \(second.stderr)")
        #expect(second.stdout.contains("3 rendered") == false)
        #expect(
            second.stdout.contains("\(3 - done) rendered, \(done) skipped, 1 invalid, 0 failed"), "\(second.stdout)")
        let report = try readReport(out)
        #expect(report.lines.map(\.line) == [1, 2, 3, 4])
        #expect(report.lines[1].status == "invalid")
        #expect(report.lines[1].error?.hasPrefix("settings.durationSeconds") == true)
        #expect(report.skipped == done && report.rendered == 3 - done && report.failed == 0)
        let outputs = report.lines.compactMap(\.output)
        #expect(outputs.count == 3 && Set(outputs).count == 3)
        for output in outputs {
            let info = try await MediaProbe.probe(out.appendingPathComponent(output))
            #expect(info.video != nil && abs(info.duration - 5) < 0.2, "\(output): \(info.duration) s")
        }

        // A video that is no longer valid is made again; the others are skipped.
        let broken = out.appendingPathComponent(outputs[2])
        try Data(repeating: 0, count: 100).write(to: broken)
        let third = try await cli.run(["generate", "--batch", input.path, "--out", out.path, "--concurrency", "2"])
        #expect(third.status == 1)
        let again = try readReport(out)
        #expect(again.lines.map(\.status) == ["skipped", "invalid", "skipped", "rendered"])
        #expect(try await MediaProbe.probe(broken).video != nil)
    }

    @Test("usage: --batch needs --out and no prompt; --concurrency is 1 to 8")
    func usage() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let noOut = try await cli.run(["generate", "--batch", "x.jsonl"])
        #expect(noOut.status == 2 && noOut.stderr.contains("--batch needs --out DIR"))
        let prompt = try await cli.run(["generate", "bees", "--batch", "x.jsonl", "--out", "o"])
        #expect(prompt.status == 2 && prompt.stderr.contains("--batch takes each video from its line"))
        let many = try await cli.run(["generate", "--batch", "x.jsonl", "--out", "o", "--concurrency", "9"])
        #expect(many.status == 2 && many.stderr.contains("--concurrency must be from 1 to 8"))
        let missing = try await cli.run(["generate", "--batch", "missing.jsonl", "--out", "o"])
        #expect(missing.status == 2 && missing.stderr.contains("does not exist"))
    }
}
