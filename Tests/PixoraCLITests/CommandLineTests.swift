import Foundation
import PixoraCore
import PixoraMedia
import PixoraTestSupport
import Testing

/// Runs the `pixora` executable built next to the test bundle.
struct CLI {
    let cache: URL
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-cli-\(UUID().uuidString)")
        cache = folder.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    static var binary: URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("pixora")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/pixora")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the command off the concurrency pool: reading its pipes and waiting for it blocks.
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await offPool { try runBlocking(arguments, environment: environment) }
    }

    private func runBlocking(_ arguments: [String], environment: [String: String]) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        // Never reach a real provider from a developer's shell: tests choose their providers explicitly.
        for key in env.keys
        where key.hasPrefix("OPENAI_") || key.hasPrefix("FAL_") || key.hasPrefix("ELEVENLABS_")
            || (key.hasPrefix("PIXORA_") && (key.hasSuffix("_PROVIDER") || key.hasPrefix("PIXORA_PROVIDER_")))
        {
            env[key] = nil
        }
        env["PIXORA_CACHE_DIR"] = cache.path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a full pipe cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
}

@Suite("pixora command line: usage errors", .serialized)
struct UsageErrorTests {
    @Test(
        "bad input exits with 2 and one clear message",
        arguments: [
            (["generate", ""], "the prompt is empty"),
            (["generate", "bees", "--duration", "200"], "--duration must be between 5 and 120 seconds, got 200"),
            (["generate", "bees", "--duration", "2"], "--duration must be between 5 and 120 seconds, got 2"),
            (["generate", "a 3-minute video about bees"], "the prompt asks for 180 seconds"),
            (["generate", "bees", "--aspect", "4:3"], "unknown aspect ratio '4:3'; expected one of: 16:9, 9:16, 1:1"),
            (
                ["generate", "bees", "--style", "gothic"],
                "unknown style 'gothic'; expected one of: cinematic, minimal, vibrant, retro, pastel"
            ),
            (["generate", "bees", "--voice", "hal"], "unknown voice 'hal'; expected one of: slt, rms, awb, kal, joe"),
            (["generate", "bees", "--quality", "4k"], "unknown quality '4k'; expected one of: 480p, 720p, 1080p"),
            (["generate", "--plan", "missing.json"], "the plan file missing.json does not exist"),
            (["render", "missing.json", "--out", "x.mp4"], "the editor state file missing.json does not exist"),
            (["generate", "bees", "--bogus"], "Unknown option '--bogus'"),
        ])
    func usage(arguments: [String], message: String) async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try await cli.run(arguments)
        #expect(result.status == 2, "\(arguments): status \(result.status), stderr \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter { $0.hasSuffix(".mp4") }.isEmpty
        )
    }

    @Test("an invalid plan file is reported field by field")
    func invalidPlan() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        #expect(
            try await cli.run(["generate", "how bees make honey", "--plan-only", "--out", cli.path("plan.json")]).status
                == 0)
        var json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cli.path("plan.json"))))
            as! [String: Any]
        var scenes = json["scenes"] as! [[String: Any]]
        scenes[0]["duration"] = 99
        scenes[1]["mood"] = "grumpy"
        json["scenes"] = scenes
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: cli.path("bad.json")))
        let result = try await cli.run(["generate", "--plan", cli.path("bad.json"), "--out", cli.path("x.mp4")])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains("scenes[1].mood: unknown value 'grumpy'; expected one of: calm"), "\(result.stderr)")

        scenes[1]["mood"] = "calm"
        json["scenes"] = scenes
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: cli.path("bad.json")))
        let second = try await cli.run(["generate", "--plan", cli.path("bad.json"), "--out", cli.path("x.mp4")])
        #expect(second.status == 2)
        #expect(
            second.stderr.contains("scenes[0].duration: must be between 1.5 and 30 seconds, got 99"), "\(second.stderr)"
        )
        try Data("{\"version\": 1".utf8).write(to: URL(fileURLWithPath: cli.path("broken.json")))
        let third = try await cli.run(["generate", "--plan", cli.path("broken.json")])
        #expect(third.status == 2 && third.stderr.contains("not valid JSON"), "\(third.stderr)")
    }

    @Test("a missing system tool names the Debian package and exits 1")
    func missingTool() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try await cli.run(
            ["generate", "bees", "--out", cli.path("x.mp4")], environment: ["PATH": "/nonexistent"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("'ffmpeg' is not installed; install it with: sudo apt-get install ffmpeg"),
            "\(result.stderr)")
    }
}

@Suite("pixora command line: generate and render", .serialized)
struct GenerateCommandTests {
    @Test("generate writes the video and its files, reuses the cache, and render re-renders an edited timeline")
    func generateAndRender() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let arguments = [
            "generate", "a 6-second square video about how bees make honey", "--quality", "480p", "--out",
            cli.path("bees.mp4"),
        ]
        let first = try await cli.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        // stderr is a pipe here: plain progress lines, then the summary on stdout.
        #expect(first.stderr.contains("] scene 1: voice"), "\(first.stderr)")
        #expect(first.stderr.contains("rendering"))
        #expect(!first.stderr.contains("\u{1B}["))
        #expect(first.stdout.contains("video:     \(cli.path("bees.mp4"))"))
        #expect(first.stdout.contains("duration:  6.00 s"))
        for name in ["bees.mp4", "bees.jpg", "bees.plan.json", "bees.editor-state.json"] {
            #expect(FileManager.default.fileExists(atPath: cli.path(name)), "\(name) missing")
        }
        let info = try await MediaProbe.probe(URL(fileURLWithPath: cli.path("bees.mp4")))
        #expect(info.video?.width == 480 && info.video?.height == 480)
        #expect(abs(info.duration - 6) < 0.05)

        let second = try await cli.run(arguments + ["--quiet"])
        #expect(second.status == 0)
        #expect(second.stdout.isEmpty && second.stderr.isEmpty, "stdout: \(second.stdout)\nstderr: \(second.stderr)")
        let third = try await cli.run(arguments)
        #expect(third.stdout.contains("(0 assets generated"), "\(third.stdout)")
        // Nothing changed, so no picture is encoded again either.
        #expect(third.stdout.contains("segments:  0 encoded"), "\(third.stdout)")

        // Edit the timeline: a slide transition, a text overlay, quieter music; render it.
        let stateURL = URL(fileURLWithPath: cli.path("bees.editor-state.json"))
        var state = try EditorState.load(Data(contentsOf: stateURL))
        if !state.transitions.isEmpty { state.transitions[0] = Transition(kind: .slideleft, duration: 0.5) }
        state.overlays.append(TextOverlay(id: "hello", text: "Edited!", start: 0.5, end: 3))
        state.audio.music.volume = 0.1
        try CanonicalJSON.encode(state, pretty: true).write(to: stateURL)
        let render = try await cli.run(["render", stateURL.path, "--out", cli.path("v2.mp4")])
        #expect(render.status == 0, "\(render.stderr)")
        let v2 = try await MediaProbe.probe(URL(fileURLWithPath: cli.path("v2.mp4")))
        #expect(abs(v2.duration - state.duration) < 0.05)
        #expect(FileManager.default.fileExists(atPath: cli.path("v2.jpg")))
        // Rendered again: every segment from the cache; --full encodes it all in one pass, to the same length.
        let again = try await cli.run(["render", stateURL.path, "--out", cli.path("v2b.mp4")])
        #expect(again.stdout.contains("segments:  0 encoded"), "\(again.stdout)")
        let full = try await cli.run(["render", stateURL.path, "--full", "--out", cli.path("v2full.mp4")])
        #expect(full.status == 0 && !full.stdout.contains("segments:"), "\(full.stdout)")
        let v2full = try await MediaProbe.probe(URL(fileURLWithPath: cli.path("v2full.mp4")))
        #expect(abs(v2full.duration - v2.duration) < 0.05)

        // An invalid edit is refused with its field path, and nothing is written.
        state.clips[0].duration = -3
        try CanonicalJSON.encode(state, pretty: true).write(to: stateURL)
        let refused = try await cli.run(["render", stateURL.path, "--out", cli.path("v3.mp4")])
        #expect(refused.status == 2)
        #expect(
            refused.stderr.contains("clips[0].duration: must be between 0.5 and 120 seconds, got -3"),
            "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("v3.mp4")))
    }

    @Test("--plan-only writes a plan that --plan turns into a video; --script narrates the user's words")
    func planAndScript() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        try "Honey starts as nectar. Bees carry it home. They fan it until it thickens.".write(
            toFile: cli.path("script.txt"), atomically: true, encoding: .utf8)
        let planned = try await cli.run([
            "generate", "bees", "--script", cli.path("script.txt"), "--duration", "8", "--plan-only", "--out",
            cli.path("plan.json"),
        ])
        #expect(planned.status == 0, "\(planned.stderr)")
        let plan = try Plan.load(Data(contentsOf: URL(fileURLWithPath: cli.path("plan.json"))))
        #expect(
            plan.script.replacingOccurrences(of: "\n\n", with: " ")
                == "Honey starts as nectar. Bees carry it home. They fan it until it thickens.")
        #expect(!FileManager.default.fileExists(atPath: cli.path("bees.mp4")))
        let made = try await cli.run([
            "generate", "--plan", cli.path("plan.json"), "--out", cli.path("mine.mp4"), "--quiet",
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let state = try EditorState.load(Data(contentsOf: URL(fileURLWithPath: cli.path("mine.editor-state.json"))))
        #expect(state.captions.cues.map(\.text).joined(separator: " ").contains("nectar."))
    }
}

@Suite("pixora command line: interruption")
struct InterruptTests {
    @Test("Ctrl-C stops the run with status 130 and leaves no partial file in the output folder or the cache")
    func interrupt() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = [
            "generate", "a 20-second video about volcanoes", "--quality", "480p", "--out", cli.path("v.mp4"), "--cache",
            cli.cache.path,
        ]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        // Wait until visuals are being made (a clip render is running), then interrupt; reading blocks, so off the
        // pool.
        let stderr = try await offPool {
            var seen = ""
            let handle = err.fileHandleForReading
            while !seen.contains("image done"), process.isRunning {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                seen += String(decoding: chunk, as: UTF8.self)
            }
            process.interrupt()
            let rest = handle.readDataToEndOfFile()
            process.waitUntilExit()
            return seen + String(decoding: rest, as: UTF8.self)
        }
        #expect(process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("cancelled"))
        let leftovers =
            FileManager.default.enumerator(atPath: cli.folder.path)?.compactMap { $0 as? String }
            .filter { $0.contains("partial") || $0.hasSuffix("v.mp4") } ?? []
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
