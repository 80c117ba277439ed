import Foundation
import Testing

@Suite("pixora voices", .serialized)
struct VoicesCommandTests {
    struct Entry: Decodable {
        var name: String
        var engine: String
        var label: String
        var usable: Bool
        var `default`: Bool
        var standIn: String?
    }

    func voices(_ environment: [String: String]) async throws -> [Entry] {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try await cli.run(["voices", "--json"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode([Entry].self, from: Data(result.stdout.utf8))
    }

    @Test("without Piper, joe is listed as not usable with flite's stand-in, and slt is the default")
    func withoutPiper() async throws {
        let entries = try await voices(["PIXORA_PIPER_VENV": "/nonexistent/pixora-venv"])
        #expect(Set(entries.map(\.name)) == ["slt", "rms", "awb", "kal", "joe"])
        let joe = try #require(entries.first { $0.name == "joe" })
        #expect(joe.engine == "piper" && !joe.usable && joe.standIn == "rms")
        let flite = entries.filter { $0.engine == "flite" }
        #expect(flite.count == 4 && flite.allSatisfy { $0.usable })
        #expect(entries.filter(\.default).map(\.name) == ["slt"])
    }

    @Test("with Piper installed, joe is usable and the default", .enabled(if: PiperPresence.runs))
    func withPiper() async throws {
        let entries = try await voices([:])
        let joe = try #require(entries.first { $0.name == "joe" })
        #expect(joe.usable && joe.default, "Piper not found by pixora: \(entries.map(\.name))")
        #expect(entries.filter(\.default).count == 1)
    }

    @Test("the table marks the default and names Piper's folder")
    func table() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try await cli.run(["voices"], environment: ["PIXORA_PIPER_VENV": "/nonexistent/pixora-venv"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("slt*") && result.stdout.contains("Piper is not installed"), "\(result.stdout)")
        #expect(result.stdout.contains("no (rms speaks instead)"), "\(result.stdout)")
    }

    @Test("generate with joe and no Piper speaks with flite's rms and says so")
    func standIn() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try await cli.run(
            [
                "generate", "a 6-second square video about bees", "--quality", "480p", "--voice", "joe", "--no-music",
                "--out", cli.path("x.mp4"),
            ], environment: ["PIXORA_PIPER_VENV": "/nonexistent/pixora-venv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("joe needs Piper") && result.stderr.contains("rms speaks instead"))
        #expect(FileManager.default.fileExists(atPath: cli.path("x.mp4")))
    }
}

/// Whether the repository's Piper is installed (or required: PIXORA_REQUIRE_PIPER, set by scripts/test.sh).
enum PiperPresence {
    static var runs: Bool {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let venv =
            ProcessInfo.processInfo.environment["PIXORA_PIPER_VENV"].map { URL(fileURLWithPath: $0) }
            ?? root.appendingPathComponent(".venv-piper")
        let required = ["1", "true", "yes", "on"].contains(
            ProcessInfo.processInfo.environment["PIXORA_REQUIRE_PIPER"]?.lowercased() ?? "")
        return required || FileManager.default.fileExists(atPath: venv.appendingPathComponent("pixora-piper.py").path)
    }
}
