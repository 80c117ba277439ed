import Foundation
import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraPipeline

@Suite("Typed plan operations")
struct PlanOperationTests {
    typealias F = RemixFixtures

    func apply(
        _ operation: PlanOperation, to plan: Plan, sample: SampleAnalysis = F.slow, uploads: PlanMedia = PlanMedia()
    ) throws -> Plan {
        let result = try operation.apply(to: plan, context: F.context(sample, uploads: uploads))
        F.expectWithinLimits(result)
        return result
    }

    func refused(_ operation: PlanOperation, _ plan: Plan, containing words: String) {
        let error = #expect(throws: PlanOperationRefused.self) {
            try operation.apply(to: plan, context: F.context())
        }
        #expect(error?.message.contains(words) == true, "\(error?.message ?? "nothing refused")")
    }

    @Test("operations encode as {op, version, …} and decode back; an unknown version is refused")
    func coding() throws {
        let operations: [PlanOperation] = [
            .setDuration(seconds: 30), .setSceneCount(4), .scalePacing(factor: 1.5), .setMood(.calm, sceneId: "s2"),
            .setMood(.dramatic, sceneId: nil), .setTone(.playful), .setStyle(.pastel), .setNarration(false),
            .setMusic(.upload), .rewriteScene(id: "s1", narration: "Hi.", visual: nil),
            .addScene(after: "s1", narration: "", visual: "a hive", duration: 3), .removeScene(id: "s3"),
            .moveScene(id: "s3", to: 0), .matchSampleShot(sceneId: nil, shot: 3),
        ]
        let data = try JSONEncoder().encode(operations)
        #expect(try JSONDecoder().decode([PlanOperation].self, from: data) == operations)
        let text = String(decoding: try JSONEncoder().encode(PlanOperation.setSceneCount(4)), as: UTF8.self)
        #expect(text.contains(#""op":"setSceneCount""#) && text.contains(#""count":4"#) && text.contains("version"))
        let future = Data(#"{"op":"setTone","tone":"calm","version":2}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PlanOperation.self, from: future) }
        let minimal = Data(#"{"op":"setDuration","seconds":20}"#.utf8)
        #expect(try JSONDecoder().decode(PlanOperation.self, from: minimal) == .setDuration(seconds: 20))
    }

    @Test("setDuration keeps the proportions and splits scenes that would pass 15 s")
    func duration() async throws {
        let plan = try await F.plan(F.slow)
        // Without words to hold, five 6 s scenes become five 3 s scenes.
        let silent = try apply(.setNarration(false), to: plan)
        let short = try apply(.setDuration(seconds: 15), to: silent)
        #expect(abs(short.plannedDuration - 15) < 0.05)
        #expect(short.settings.durationSeconds == 15)
        #expect(short.visibleSceneLengths.allSatisfy { abs($0 - 3) < 0.05 })
        // With words, scenes too short to say anything are joined.
        let spoken = try apply(.setDuration(seconds: 15), to: plan)
        #expect(spoken.scenes.count < plan.scenes.count && spoken.scenes.contains { !$0.narration.isEmpty })
        let three = try apply(.setSceneCount(3), to: plan)
        let long = try apply(.setDuration(seconds: 60), to: three)
        #expect(abs(long.plannedDuration - 60) < 0.05)
        // Three scenes of 20 s would pass the 15 s cap: five scenes of 12 s.
        #expect(long.scenes.count == 5)
        refused(.setDuration(seconds: 75), plan, containing: "5 to 60 seconds")
        refused(.setDuration(seconds: .nan), plan, containing: "5 to 60 seconds")
    }

    @Test("setSceneCount and scalePacing change the number of scenes at the same length")
    func pacing() async throws {
        let plan = try await F.plan(F.slow)
        let four = try apply(.setSceneCount(4), to: plan)
        #expect(four.scenes.count == 4)
        #expect(abs(four.plannedDuration - plan.plannedDuration) < 0.05)
        let faster = try apply(.scalePacing(factor: 2), to: plan)
        #expect(faster.scenes.count == 10)
        let slower = try apply(.scalePacing(factor: 0.5), to: plan)
        #expect(slower.scenes.count < plan.scenes.count)
        refused(.setSceneCount(1), plan, containing: "3 to 20 scenes")
        refused(.setSceneCount(41), plan, containing: "does not fit")
        refused(.scalePacing(factor: 9), plan, containing: "between 0.25 and 4")
        let fastest = try apply(.setSceneCount(20), to: plan)
        refused(.scalePacing(factor: 2), fastest, containing: "already cuts as fast")
    }

    @Test("mood, tone and style change what they name; music groups follow the moods")
    func look() async throws {
        let plan = try await F.plan(F.slow)
        let one = try apply(.setMood(.dramatic, sceneId: "s2"), to: plan)
        #expect(one.scenes.map(\.mood) == [.calm, .dramatic, .calm, .calm, .calm])
        #expect(Set(one.scenes.map(\.musicGroup)).count > 1)
        let all = try apply(.setMood(.playful, sceneId: nil), to: plan)
        #expect(all.scenes.allSatisfy { $0.mood == .playful })
        #expect(try apply(.setTone(.dramatic), to: plan).settings.tone == .dramatic)
        #expect(try apply(.setStyle(.retro), to: plan).settings.style == .retro)
        refused(.setMood(.calm, sceneId: "s99"), plan, containing: "no scene 's99'")
    }

    @Test("narration off silences every scene; on spreads the script again, joining scenes to make room")
    func narration() async throws {
        let plan = try await F.plan(F.fast)
        let off = try apply(.setNarration(false), to: plan)
        #expect(off.scenes.allSatisfy { $0.narration.isEmpty })
        refused(.setNarration(false), off, containing: "no narration")
        let on = try apply(.setNarration(true), to: off)
        let sentences = RemixNarration.sentences(in: plan.script)
        let spoken = on.scenes.flatMap { RemixNarration.sentences(in: $0.narration) }
        // In the script's order, at least three quarters of it, each scene able to say its words.
        #expect(spoken.count * 4 >= sentences.count * 3)
        #expect(sentences.filter { spoken.contains($0) } == spoken)
        #expect(on.scenes.count < off.scenes.count)
        #expect(abs(on.plannedDuration - off.plannedDuration) < 0.05)
        for (index, scene) in on.scenes.enumerated() where !scene.narration.isEmpty {
            #expect(RemixNarration.needs([scene.narration], settings: on.settings) <= on.visibleSceneLengths[index])
        }
        let reply = PlanOperation.setNarration(true).summary(before: off, after: on)
        #expect(reply.contains("scenes joined to make room for the words: was \(off.scenes.count)"))
    }

    @Test("music from the upload needs an upload; generated and none switch the bed")
    func music() async throws {
        let plan = try await F.plan(F.fast)
        refused(.setMusic(.upload), plan, containing: "no uploaded music")
        let uploaded = try apply(.setMusic(.upload), to: plan, uploads: PlanMedia(music: F.music))
        #expect(uploaded.media?.music == F.music && uploaded.settings.music)
        let generated = try apply(.setMusic(.generated), to: uploaded)
        #expect(generated.media == nil && generated.settings.music)
        let none = try apply(.setMusic(.none), to: uploaded)
        #expect(none.media == nil && !none.settings.music)
    }

    @Test("rewrite, add, remove and move scenes by id; text is cleaned; bad ids and text are refused")
    func scenes() async throws {
        let plan = try await F.plan(F.slow)
        let rewritten = try apply(.rewriteScene(id: "s2", narration: "Bees\u{0}\ndance.", visual: nil), to: plan)
        #expect(rewritten.scenes[1].narration == "Bees dance.")
        #expect(rewritten.scenes[1].visual == plan.scenes[1].visual)
        refused(.rewriteScene(id: "s2", narration: nil, visual: " \u{1} "), plan, containing: "Describe")
        refused(
            .rewriteScene(id: "s2", narration: String(repeating: "w", count: 1300), visual: nil), plan,
            containing: "at most 1200")

        let added = try apply(
            .addScene(after: "s1", narration: "Look.", visual: "a hive at dawn", duration: 4), to: plan)
        #expect(added.scenes.count == 6 && added.scenes[1].id == "s6" && added.scenes[1].visual == "a hive at dawn")
        #expect(abs(added.plannedDuration - 34) < 0.05)
        let first = try apply(.addScene(after: nil, narration: "", visual: "a hive", duration: nil), to: plan)
        #expect(first.scenes[0].id == "s6")
        refused(.addScene(after: "s1", narration: "", visual: "x", duration: 20), plan, containing: "1.5 to 13.5")

        let removed = try apply(.removeScene(id: "s3"), to: plan)
        #expect(removed.scenes.map(\.id) == ["s1", "s2", "s4", "s5"])
        #expect(abs(removed.plannedDuration - 24) < 0.05)
        let moved = try apply(.moveScene(id: "s3", to: 0), to: plan)
        #expect(moved.scenes.map(\.id) == ["s3", "s1", "s2", "s4", "s5"])
        #expect(abs(moved.plannedDuration - plan.plannedDuration) < 0.05)
        refused(.moveScene(id: "s3", to: 2), plan, containing: "already at position 3")
        refused(.moveScene(id: "s3", to: 9), plan, containing: "Position 10 does not exist")
        refused(.removeScene(id: "nope"), plan, containing: "no scene")
    }

    @Test("a shorter narrated plan says only what fits: no scene needs more time than it has")
    func narrationFits() async throws {
        let plan = try await F.plan(F.slow)
        let short = try apply(.setDuration(seconds: 10), to: plan)
        let visible = short.visibleSceneLengths
        for (index, scene) in short.scenes.enumerated() where !scene.narration.isEmpty {
            #expect(RemixNarration.needs([scene.narration], settings: short.settings) <= visible[index] + 1e-6)
        }
        let spoken = short.scenes.map(\.narration).filter { !$0.isEmpty }
        #expect(!spoken.isEmpty && spoken.count < plan.scenes.count)
        #expect(short.script == plan.script)
        let reply = PlanOperation.setDuration(seconds: 10).summary(before: plan, after: short)
        #expect(reply.contains("of narration no longer fit and are not spoken"))
    }

    @Test("new words lengthen their scene at the others' expense; words too long for any scene are refused")
    func rewriteLength() async throws {
        let plan = try await F.plan(F.slow)
        let words =
            "Bees visit a thousand flowers, carry the nectar home, fan it with their wings, "
            + "and seal it in wax until the winter comes."
        let longer = try apply(.rewriteScene(id: "s2", narration: words, visual: nil), to: plan)
        let visible = longer.visibleSceneLengths
        #expect(visible[1] > 6.5)
        #expect(RemixNarration.needs([words], settings: longer.settings) <= visible[1] + 1e-6)
        #expect(abs(longer.plannedDuration - plan.plannedDuration) < 0.05)
        let speech = String(repeating: "Bees make honey, slowly and patiently. ", count: 8)
        refused(.rewriteScene(id: "s2", narration: speech, visual: nil), plan, containing: "a scene shows at most")
    }

    @Test("matching a sample shot takes its length, motion, mood and colours")
    func matchShot() async throws {
        let plan = try await F.plan(F.long)
        let shot = F.long.shots[2]
        let one = try apply(.matchSampleShot(sceneId: "s2", shot: 3), to: plan, sample: F.long)
        let visible = RemixStaging.visibleLengths(of: one.scenes)
        #expect(abs(visible[1] - shot.duration) < 0.05)
        #expect(one.scenes[1].mood == .somber && one.scenes[1].motion == .zoomIn)
        #expect(one.scenes[1].generator?.reason.contains("shot 3") == true)
        let again = try apply(.matchSampleShot(sceneId: "s2", shot: 4), to: one, sample: F.long)
        #expect(again.scenes[1].mood == .energetic)
        #expect(again.scenes[1].visual.components(separatedBy: "light").count == 2)

        let slow = try await F.plan(F.slow)
        let whole = try apply(.matchSampleShot(sceneId: nil, shot: 2), to: slow)
        #expect(whole.scenes.count == 5)
        let fastShot = try apply(.matchSampleShot(sceneId: nil, shot: 2), to: plan, sample: F.long)
        #expect(fastShot.scenes.count == 20)
        #expect(fastShot.scenes.allSatisfy { $0.mood == .energetic })
        refused(.matchSampleShot(sceneId: nil, shot: 999), plan, containing: "no shot 999")
    }
}
