import Foundation
import PixoraCore
import Testing

/// `pixora generate --script` with more words than the video holds stops with a usage error saying what fits.
@Suite("CLI: a script that cannot fit")
struct ScriptFitCommandTests {
    @Test("exit 2 with the words and the length that would fit; nothing is written")
    func refused() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let script = cli.folder.appendingPathComponent("narration.txt")
        try Data(
            Array(
                repeating: "The lighthouse keeper climbed the narrow stairs and lit the great lamp once again.",
                count: 8
            ).joined(separator: " ").utf8
        ).write(to: script)
        let result = try await cli.run([
            "generate", "a lighthouse", "--script", script.path, "--duration", "20", "--plan-only", "--out",
            "plan.json",
        ])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("more than a 20-second video holds"), "\(result.stderr)")
        #expect(result.stderr.contains("shorten it to about"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("plan.json").path))
    }

    @Test("a script a little too long is spoken faster, and the run says so")
    func faster() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let script = cli.folder.appendingPathComponent("narration.txt")
        try Data(
            Array(
                repeating: "The lighthouse keeper climbed the narrow stairs and lit the great lamp once again.",
                count: 5
            ).joined(separator: " ").utf8
        ).write(to: script)
        let result = try await cli.run([
            "generate", "a lighthouse", "--script", script.path, "--duration", "20", "--plan-only", "--out",
            "plan.json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("the script is spoken at rate 1.") && result.stderr.contains("to fit 20 s"))
        let plan = try Plan.load(Data(contentsOf: cli.folder.appendingPathComponent("plan.json")))
        #expect(plan.settings.speechRate > 1 && plan.settings.speechRate <= 1.2)
    }
}
