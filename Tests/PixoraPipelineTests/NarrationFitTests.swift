import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import Testing

@testable import PixoraPipeline

/// A video lasts what was asked for: the planner fits the narration to the length by its speech estimate, and
/// the pipeline keeps the plan's total when real speech runs longer in one scene than estimated. Measured with
/// flite's real speech (and ffprobe on a few real renders), not with the estimate the planner used.
@Suite("Narration fits the requested length", .serialized)
struct NarrationFitTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var prompt: String
        var duration: Double
        var tone: Tone
        var voice: Voice
        var testDescription: String { "\(prompt.prefix(30)) \(duration.formatted) s \(tone) \(voice)" }

        var settings: Settings {
            Settings(
                durationSeconds: duration, tone: tone, voice: voice, music: false, captions: false, quality: .p480)
        }
    }

    static let lighthouse =
        "A calm story of a lighthouse keeper's night, from the first storm clouds to a quiet sunrise over the sea"
    static let humans = "how the first humans crossed the frozen land bridge into the Americas thousands of years ago"
    static let journey =
        "A journey through the ancient trade routes that connected distant empires, carrying silk, spices and "
        + "ideas across deserts, mountains and seas for more than a thousand years of shared history"
    static let sky = "Why the sky turns orange at sunset, explained simply"

    /// Long and short prompts, 10–60 s, every tone and flite voice; the long topics overran by 5–30 % before.
    static let planned: [Case] = [
        Case(prompt: lighthouse, duration: 10, tone: .calm, voice: .slt),
        Case(prompt: lighthouse, duration: 10, tone: .calm, voice: .rms),
        Case(prompt: lighthouse, duration: 30, tone: .calm, voice: .rms),
        Case(prompt: lighthouse, duration: 60, tone: .calm, voice: .slt),
        Case(prompt: humans, duration: 10, tone: .informative, voice: .slt),
        Case(prompt: humans, duration: 20, tone: .dramatic, voice: .rms),
        Case(prompt: "how bees make honey", duration: 30, tone: .informative, voice: .awb),
        Case(prompt: "how bees make honey", duration: 60, tone: .playful, voice: .slt),
        Case(prompt: sky, duration: 20, tone: .informative, voice: .slt),
        Case(prompt: sky, duration: 10, tone: .playful, voice: .rms),
        Case(prompt: "5 tips for better sleep", duration: 30, tone: .informative, voice: .rms),
        Case(prompt: "the history of the bicycle", duration: 60, tone: .dramatic, voice: .slt),
        Case(prompt: "how to bake sourdough bread, step by step", duration: 20, tone: .informative, voice: .rms),
        Case(prompt: "Bees", duration: 10, tone: .playful, voice: .slt),
        Case(prompt: journey, duration: 30, tone: .dramatic, voice: .awb),
        Case(
            prompt: "Why do cats purr when they are happy and also when they are hurt", duration: 10, tone: .playful,
            voice: .awb),
        Case(prompt: "introducing our new coffee app for busy mornings", duration: 20, tone: .inspiring, voice: .slt),
        Case(prompt: "a story of a lost robot", duration: 60, tone: .dramatic, voice: .kal),
    ]

    /// Rendered end to end: the 20 s lighthouse video, a short one and a long topic in another voice.
    static let rendered: [Case] = [
        Case(prompt: lighthouse, duration: 20, tone: .calm, voice: .slt),
        Case(prompt: "how bees make honey", duration: 10, tone: .informative, voice: .slt),
        Case(prompt: humans, duration: 30, tone: .inspiring, voice: .kal),
    ]

    static let tolerance = 0.05

    /// The video's length from the plan and flite's real speech, as the pipeline lays it out.
    static func length(of plan: Plan, in folder: URL) async throws -> Double {
        var speech: [Double] = []
        for scene in plan.scenes {
            let text = scene.narration.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else {
                speech.append(0)
                continue
            }
            let request = SpeechRequest(text: text, voice: plan.settings.voice, rate: plan.settings.speechRate)
            let output = folder.appendingPathComponent("\(UUID().uuidString).wav")
            speech.append(try await FliteSpeechGenerator().makeSpeech(request, to: output).duration)
        }
        let durations = VideoPipeline.sceneDurations(plan.scenes, speech: speech, fps: plan.settings.fps)
        return durations.reduce(0, +) - plan.scenes.dropLast().reduce(0) { $0 + $1.transition.overlap }
    }

    @Test("with flite's real speech, the video lands within 5 % of the request", arguments: planned)
    func plannedLength(_ request: Case) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let plan = try await RuleBasedPlanner().plan(prompt: request.prompt, settings: request.settings, script: nil)
        #expect(abs(plan.plannedDuration - request.duration) <= 1.0 / 30 + 0.001, "planned \(plan.plannedDuration)")
        let length = try await Self.length(of: plan, in: workspace.root)
        #expect(
            abs(length - request.duration) <= request.duration * Self.tolerance,
            "\(length) s for \(request.duration) s: \(plan.script)")
    }

    @Test("a rendered video lasts the request within 5 % (ffprobe)", arguments: rendered)
    func renderedLength(_ request: Case) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let pipeline = VideoPipeline(store: workspace.store)
        let plan = try await pipeline.plan(prompt: request.prompt, settings: request.settings)
        let output = workspace.root.appendingPathComponent("video.mp4")
        _ = try await pipeline.makeVideo(plan, to: output)
        let measured = try await MediaProbe.probe(output).duration
        #expect(
            abs(measured - request.duration) <= request.duration * Self.tolerance,
            "\(measured) s for \(request.duration) s: \(plan.script)")
    }

    @Test("a user's script spoken faster to fit lands within 5 % with flite's real speech")
    func scriptLength() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let script = Array(
            repeating: "The lighthouse keeper climbed the narrow stairs and lit the great lamp once again.", count: 5
        ).joined(separator: " ")
        let settings = Case(prompt: "a lighthouse", duration: 20, tone: .calm, voice: .slt).settings
        let plan = try await RuleBasedPlanner().plan(prompt: "a lighthouse", settings: settings, script: script)
        #expect(plan.settings.speechRate > 1)
        let length = try await Self.length(of: plan, in: workspace.root)
        #expect(abs(length - 20) <= 20 * Self.tolerance, "\(length) s at rate \(plan.settings.speechRate)")
    }

    @Test("a scene whose speech runs long takes its time from scenes with room, never below their own need")
    func room() {
        // Planned 5 + 5 + 5; the middle scene's real speech needs 6.2 s, the others 3 and 4.6.
        let lengths = SceneRoom.balanced(planned: [5, 5, 5], needs: [3, 6.2, 4.6], fps: 10)
        #expect(abs(lengths.reduce(0, +) - 15) < 0.11)
        #expect(lengths[1] == 6.2 && lengths[0] >= 3 && lengths[2] >= 4.6)
        #expect(lengths[0] < lengths[2] + 0.5, "room is taken in proportion: \(lengths)")
        // Not enough room anywhere: every scene gets what it needs, and the video grows by the rest only.
        let tight = SceneRoom.balanced(planned: [5, 5], needs: [4.9, 7], fps: 10)
        #expect(tight == [4.9, 7])
    }
}
