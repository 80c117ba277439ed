import Foundation
import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraPipeline

@Suite("Plan chat rules (offline)")
struct PlanChatTests {
    typealias F = RemixFixtures

    /// The rules' answer to `message`, whose new plan (if any) must keep a remix's limits.
    func say(_ message: String, to plan: Plan, context: RemixContext = F.context()) -> ChatOutcome {
        let outcome = RuleBasedPlanChat().respond(to: message, plan: plan, context: context)
        if let changed = outcome.plan { F.expectWithinLimits(changed) }
        #expect(outcome.answeredBy == "rules")
        return outcome
    }

    @Test("length: “make it 30 seconds”, “shorter”, “longer”, “a minute”")
    func length() async throws {
        let plan = try await F.plan(F.slow, duration: 45)
        let thirty = say("make it 30 seconds", to: plan)
        #expect(thirty.operations == [.setDuration(seconds: 30)])
        #expect(abs((thirty.plan?.plannedDuration ?? 0) - 30) < 0.05)
        #expect(thirty.reply.hasPrefix("Made it 30 s (was 45 s): "))
        let shorter = say("shorter", to: plan)
        #expect(shorter.operations == [.setDuration(seconds: 34)])
        let minute = say("make it a minute long", to: plan)
        #expect(minute.operations == [.setDuration(seconds: 60)])
        let longest = try #require(minute.plan)
        let oneScene = say("make scene 2 longer", to: plan)
        #expect(oneScene.plan == nil && oneScene.reply.contains("one scene's length follows its words"))
        let longer = say("longer please", to: longest)
        #expect(longer.plan == nil && longer.reply.contains("longest a remix may be"))
    }

    @Test("scenes and pacing: “use 4 scenes”, “faster”, “slower pacing”")
    func pacing() async throws {
        let plan = try await F.plan(F.slow)
        let four = say("use 4 scenes", to: plan)
        #expect(four.operations == [.setSceneCount(4)] && four.plan?.scenes.count == 4)
        #expect(four.reply == "Now 4 scenes of about 7.5 s (was 5 scenes of about 6 s).")
        let faster = say("faster", to: plan)
        #expect(faster.operations == [.scalePacing(factor: 1.5)])
        #expect((faster.plan?.scenes.count ?? 0) > plan.scenes.count)
        let slower = say("slower pacing", to: plan)
        #expect((slower.plan?.scenes.count ?? 99) < plan.scenes.count)
        #expect(slower.reply.hasPrefix("Slower pacing: "))
    }

    @Test("look: “more dramatic”, “calmer”, “pastel look”, one scene's mood")
    func look() async throws {
        let plan = try await F.plan(F.slow)
        let dramatic = say("more dramatic", to: plan)
        #expect(dramatic.operations == [.setMood(.dramatic, sceneId: nil), .setTone(.dramatic)])
        #expect(dramatic.plan?.scenes.allSatisfy { $0.mood == .dramatic } == true)
        #expect(dramatic.reply == "Every scene is now dramatic. The tone is now dramatic (was calm).")
        let calmer = say("calmer", to: try #require(dramatic.plan))
        #expect(calmer.plan?.settings.tone == .calm)
        let pastel = say("pastel look", to: plan)
        #expect(pastel.operations == [.setStyle(.pastel)])
        #expect(pastel.reply == "The look is now pastel (was minimal).")
        let one = say("make scene 2 warmer", to: plan)
        #expect(one.operations == [.setMood(.warm, sceneId: "s2")])
    }

    @Test("voice and music: “no voice”, “add narration”, “use my music”, “generate music instead”")
    func sound() async throws {
        let plan = try await F.plan(F.slow)
        let silent = say("no voice", to: plan)
        #expect(silent.operations == [.setNarration(false)])
        let quiet = try #require(silent.plan)
        #expect(quiet.scenes.allSatisfy { $0.narration.isEmpty })
        let back = say("add narration", to: quiet)
        #expect(back.operations == [.setNarration(true)])
        let again = say("add narration", to: plan)
        #expect(again.plan == nil)
        #expect(again.reply == "The video is narrated already; rewrite a scene to change what it says.")
        let uploads = PlanMedia(music: F.music)
        let mine = say("use my music", to: plan, context: F.context(uploads: uploads))
        #expect(mine.operations == [.setMusic(.upload)] && mine.plan?.media?.music == F.music)
        #expect(mine.reply == "Music: your uploaded track (was none).")
        let withUpload = try #require(mine.plan)
        let generated = say("generate music instead", to: withUpload, context: F.context(uploads: uploads))
        #expect(generated.operations == [.setMusic(.generated)])
        #expect(generated.plan?.media == nil && generated.plan?.settings.music == true)
        let none = say("no music", to: try #require(generated.plan))
        #expect(none.plan?.settings.music == false)
    }

    @Test("“use my music” without an upload explains and changes nothing")
    func musicWithoutUpload() async throws {
        let plan = try await F.plan(F.slow)
        let outcome = say("use my music", to: plan)
        #expect(outcome.plan == nil && outcome.operations.isEmpty)
        #expect(outcome.reply.contains("There is no uploaded music"))
    }

    @Test("scenes: rewrite, add after, remove the last, move to the start, a missing scene")
    func scenes() async throws {
        let plan = try await F.plan(F.slow)
        let rewrite = say("rewrite scene 2: Bees dance to show the way, and the hive follows.", to: plan)
        #expect(rewrite.plan?.scenes[1].narration == "Bees dance to show the way, and the hive follows.")
        let quoted = say("rewrite scene 1 to “Honey, at last.” and make it faster", to: plan)
        #expect(quoted.plan?.scenes[0].narration == "Honey, at last.")
        #expect(quoted.operations.count == 2)
        let picture = say("scene 3 should show a beekeeper lifting a frame", to: plan)
        #expect(picture.plan?.scenes[2].visual == "a beekeeper lifting a frame")
        let added = say("add a scene about pollen baskets after scene 1", to: plan)
        let withScene = try #require(added.plan)
        #expect(withScene.scenes[1].visual == "pollen baskets" && withScene.scenes.count == 6)
        #expect(withScene.scenes[1].narration == "Pollen baskets.")
        #expect(added.reply.hasPrefix("Added scene 2 "))
        let removed = say("remove the last scene", to: plan)
        #expect(removed.operations == [.removeScene(id: "s5")])
        #expect(removed.reply.hasPrefix("Removed scene 5 (s5); the video is now 24 s in 4 scenes."))
        let moved = say("move scene 3 to the start", to: plan)
        #expect(moved.plan?.scenes.map(\.id) == ["s3", "s1", "s2", "s4", "s5"])
        #expect(moved.reply == "Moved scene 3 (s3) to the start.")
        let after = say("move scene 1 after scene 3", to: plan)
        #expect(after.plan?.scenes.map(\.id) == ["s2", "s3", "s1", "s4", "s5"])
        let missing = say("remove scene 9", to: plan)
        #expect(missing.plan == nil && missing.reply.contains("There is no scene 9"))
    }

    @Test("“more like shot 3 of the sample”, for the video or one scene")
    func sampleShot() async throws {
        let plan = try await F.plan(F.long)
        let whole = say("more like shot 2 of the sample", to: plan, context: F.context(F.long))
        #expect(whole.operations == [.matchSampleShot(sceneId: nil, shot: 2)])
        #expect(whole.plan?.scenes.allSatisfy { $0.mood == .energetic } == true)
        let one = say("make scene 2 more like shot 3", to: plan, context: F.context(F.long))
        #expect(one.operations == [.matchSampleShot(sceneId: "s2", shot: 3)])
        #expect(one.reply.hasPrefix("Scene 2 now follows sample shot 3: 3 s, somber"))
    }

    @Test("several requests in one message are applied in order and all reported")
    func several() async throws {
        let plan = try await F.plan(F.slow, duration: 45)
        let outcome = say("make it 30 seconds, use 4 scenes and pastel look, then no voice", to: plan)
        #expect(
            outcome.operations == [
                .setDuration(seconds: 30), .setSceneCount(4), .setStyle(.pastel), .setNarration(false),
            ])
        let changed = try #require(outcome.plan)
        #expect(changed.scenes.count == 4 && abs(changed.plannedDuration - 30) < 0.05)
        #expect(changed.settings.style == .pastel && changed.scenes.allSatisfy { $0.narration.isEmpty })
        #expect(outcome.reply.hasPrefix("Made it 30 s (was 45 s): "))
        #expect(outcome.reply.contains("Now 4 scenes") && outcome.reply.contains("Narration off"))
        // A refused request among good ones is reported, the others are made.
        let mixed = say("use my music and more dramatic", to: plan)
        #expect(mixed.plan != nil && mixed.reply.contains("There is no uploaded music"))
    }

    @Test("a message that is not a change says so, suggests what works, and changes nothing")
    func unknown() async throws {
        let plan = try await F.plan(F.slow)
        for message in ["what's the weather like?", "", "   ", "hello there"] {
            let outcome = say(message, to: plan)
            #expect(outcome.plan == nil && outcome.operations.isEmpty)
            #expect(outcome.reply.contains("make it 30 seconds"))
        }
        let same = say("minimal look", to: plan)
        #expect(same.plan == nil && same.reply.contains("Nothing changed"))
    }

    @Test("hostile text neither crashes nor reaches the plan unclean", arguments: 0..<40)
    func hostile(_ seed: UInt64) async throws {
        let plan = try await F.plan(F.slow)
        var random = HostileText(seed: seed)
        let text = random.text(extra: 6)
        for message in [text, "rewrite scene 2: " + text, "add a scene about " + text, "scene 1 should show " + text] {
            let outcome = say(message, to: plan)
            for scene in outcome.plan?.scenes ?? [] {
                for field in [scene.narration, scene.visual, scene.keyPhrase] {
                    #expect(!field.unicodeScalars.contains { TextSanitizer.isControl($0) })
                }
            }
        }
        let huge = String(repeating: "x", count: 100_000)
        #expect(say(huge, to: plan).plan == nil)
        let longWord = say("rewrite scene 1: " + String(repeating: "ü", count: 1500), to: plan)
        #expect(longWord.plan == nil && longWord.reply.contains("at most 1200"))
    }
}
