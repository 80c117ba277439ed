import Foundation
import PixoraCore
import Testing

@testable import PixoraGenerators

/// A user's own script keeps every word: fewer scenes, then up to 20 % faster speech make it fit, and a script
/// that still cannot fit is refused with what would (a usage error: exit 2 in the CLI, 422 in the API).
@Suite("User scripts fit the requested length")
struct ScriptFitTests {
    static let sentence = "The lighthouse keeper climbed the narrow stairs and lit the great lamp once again."

    static func script(sentences: Int) -> String {
        Array(repeating: sentence, count: sentences).joined(separator: " ")
    }

    @Test("a script that fits keeps the rate asked for; the plan holds every word at the requested length")
    func fits() async throws {
        let settings = Settings(durationSeconds: 30)
        let plan = try await RuleBasedPlanner().plan(
            prompt: "a lighthouse", settings: settings, script: Self.script(sentences: 3))
        #expect(plan.settings.speechRate == 1)
        #expect(abs(plan.plannedDuration - 30) < 0.05)
    }

    @Test("a script a little too long is spoken faster, at most 20 % faster, and still lands on the length")
    func faster() async throws {
        let settings = Settings(durationSeconds: 20)
        let script = Self.script(sentences: 5)
        let slow = RuleBasedPlanner.need([script], settings: settings)
        #expect(slow > 20, "the case needs a script longer than the video at rate 1: \(slow)")
        let plan = try await RuleBasedPlanner().plan(prompt: "a lighthouse", settings: settings, script: script)
        #expect(plan.settings.speechRate > 1 && plan.settings.speechRate <= 1.2)
        #expect(abs(plan.plannedDuration - 20) < 0.05)
        #expect(plan.scenes.map(\.narration).joined(separator: " ") == script)
    }

    @Test("a script that cannot fit is refused with the words and the length that would fit")
    func refused() async throws {
        let settings = Settings(durationSeconds: 20)
        let error = await #expect(throws: UsageError.self) {
            try await RuleBasedPlanner().plan(
                prompt: "a lighthouse", settings: settings, script: Self.script(sentences: 8))
        }
        let message = error?.message ?? ""
        #expect(message.contains("the script takes about"), "\(message)")
        #expect(message.contains("20-second video"), "\(message)")
        #expect(message.contains("shorten it to about"), "\(message)")
        #expect(message.contains("ask for a video of at least"), "\(message)")
        #expect(throws: UsageError.self) { try ScriptFit.rate(for: Self.script(sentences: 8), settings: settings) }
    }

    @Test("a single sentence longer than a scene may last is refused, naming it")
    func sentenceTooLong() {
        // flite reads a long number digit by digit: 290 digits take about a minute, and a scene cannot split them.
        let endless = "Dial " + String(repeating: "9", count: 290) + "."
        #expect {
            try ScriptFit.rate(for: endless, settings: Settings(durationSeconds: 120))
        } throws: { error in
            (error as? UsageError)?.message.contains("longer than a scene may last") == true
        }
    }
}
