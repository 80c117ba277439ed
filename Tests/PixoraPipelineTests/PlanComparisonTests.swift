import PixoraCore
import Testing

@testable import PixoraPipeline

@Suite("Comparing plan versions")
struct PlanComparisonTests {
    typealias F = RemixFixtures

    @Test("the same plan has no changes")
    func same() async throws {
        let plan = try await F.plan(F.slow)
        #expect(PlanComparison(from: plan, to: plan).isEmpty)
    }

    @Test("length, scene count, look and sound changes are typed and said")
    func settings() async throws {
        let plan = try await F.plan(F.slow)
        var changed = try PlanOperation.setDuration(seconds: 20).apply(to: plan, context: F.context())
        changed = try PlanOperation.setSceneCount(4).apply(to: changed, context: F.context())
        changed = try PlanOperation.setStyle(.retro).apply(to: changed, context: F.context())
        changed = try PlanOperation.setTone(.playful).apply(to: changed, context: F.context())
        changed = try PlanOperation.setMusic(.upload).apply(
            to: changed, context: F.context(uploads: PlanMedia(music: F.music)))
        changed = try PlanOperation.setNarration(false).apply(to: changed, context: F.context())
        let comparison = PlanComparison(from: plan, to: changed)
        #expect(comparison.changes.contains(.duration(from: 30, to: 20)))
        #expect(comparison.changes.contains(.sceneCount(from: 5, to: 4)))
        #expect(comparison.changes.contains(.style(from: .minimal, to: .retro)))
        #expect(comparison.changes.contains(.tone(from: .calm, to: .playful)))
        #expect(comparison.changes.contains(.music(from: .none, to: .upload)))
        #expect(comparison.changes.contains(.voice(from: .narrator, to: .none)))
        #expect(comparison.sentences.contains("Length 20 s (was 30 s)."))
        #expect(comparison.sentences.contains("Music: your uploaded track (was none)."))
        #expect(comparison.sentences.contains("Voice: none (was the narrator)."))
    }

    @Test("scenes added, removed, moved and rewritten are matched by id")
    func scenes() async throws {
        let plan = try await F.plan(F.slow)
        let context = F.context()
        var changed = try PlanOperation.moveScene(id: "s4", to: 0).apply(to: plan, context: context)
        changed = try PlanOperation.removeScene(id: "s2").apply(to: changed, context: context)
        changed = try PlanOperation.addScene(after: "s5", narration: "", visual: "a jar", duration: 3).apply(
            to: changed, context: context)
        changed = try PlanOperation.rewriteScene(id: "s1", narration: "New words.", visual: "a field").apply(
            to: changed, context: context)
        changed = try PlanOperation.setMood(.somber, sceneId: "s3").apply(to: changed, context: context)
        let changes = PlanComparison(from: plan, to: changed).changes
        #expect(changes.contains(.sceneMoved(id: "s4", from: 3, to: 0)))
        #expect(!changes.contains { if case .sceneMoved(let id, _, _) = $0 { id != "s4" } else { false } })
        #expect(changes.contains(.sceneRemoved(id: "s2", position: 1)))
        #expect(changes.contains(.sceneAdded(id: "s6", position: 4)))
        #expect(changes.contains(.narration(id: "s1", position: 1)))
        #expect(changes.contains(.visual(id: "s1", position: 1)))
        #expect(changes.contains(.mood(id: "s3", position: 2, from: .calm, to: .somber)))
        let sentences = PlanComparison(from: plan, to: changed).sentences
        #expect(sentences.contains("Moved s4 from scene 4 to scene 1."))
        #expect(sentences.contains("Scene 3 (s3) is somber (was calm)."))
    }

    @Test("moods that all changed the same way are said once")
    func moods() async throws {
        let plan = try await F.plan(F.slow)
        let changed = try PlanOperation.setMood(.dramatic, sceneId: nil).apply(to: plan, context: F.context())
        let comparison = PlanComparison(from: plan, to: changed)
        #expect(comparison.changes.count == 5)
        #expect(comparison.sentences == ["5 scenes are now dramatic."])
    }
}
