import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraPipeline

@Suite("Remix planner: a plan made like the sample")
struct RemixPlannerTests {
    typealias F = RemixFixtures

    func mean(_ plan: Plan) -> Double { plan.plannedDuration / Double(plan.scenes.count) }

    @Test("9:16, the sample's length up to 60 s, scenes of 1.5 to 15 s, a valid plan", arguments: [0, 1, 2])
    func limits(_ which: Int) async throws {
        let sample = [F.fast, F.slow, F.long][which]
        let plan = try await F.plan(sample)
        #expect(plan.settings.aspectRatio == .vertical)
        #expect(abs(plan.plannedDuration - min(sample.durationSeconds, 60)) < 0.05)
        #expect(plan.scenes.allSatisfy { $0.duration <= 15 && $0.duration >= 1.5 })
        #expect(plan.validate().isEmpty)
        #expect(plan.prompt == F.topic)
    }

    @Test("a fast-cutting sample gives more, shorter scenes than a slow one")
    func pacing() async throws {
        let fast = try await F.plan(F.fast)
        let slow = try await F.plan(F.slow)
        #expect(fast.scenes.count > slow.scenes.count * 2)
        #expect(mean(fast) < mean(slow) / 2)
        // The slow sample's five 6 s shots stay five scenes of about 6 s.
        #expect(slow.scenes.count == 5)
        #expect(abs(mean(slow) - 6) < 0.05)
        // A ten-minute sample of 3 s shots is represented by 3 s scenes over 60 s.
        let long = try await F.plan(F.long)
        #expect(abs(mean(long) - 3) < 0.3)
    }

    @Test("style, tone and each scene's mood follow the sample's look")
    func look() async throws {
        let fast = try await F.plan(F.fast)
        #expect(fast.settings.style == .vibrant)
        #expect(fast.settings.tone == .inspiring)
        #expect(fast.scenes.allSatisfy { $0.mood == .energetic })
        let long = try await F.plan(F.long)
        let moods = Set(long.scenes.map(\.mood))
        #expect(moods.contains(.somber) && moods.contains(.energetic))
        let slow = try await F.plan(F.slow)
        #expect(slow.settings.style == .minimal && slow.settings.tone == .calm)
        #expect(slow.scenes[0].visual.contains("#336699"))
    }

    @Test("a speech sample is narrated throughout; a music sample is music-driven with words only at the ends")
    func sound() async throws {
        let slow = try await F.plan(F.slow)
        #expect(slow.scenes.allSatisfy { !$0.narration.isEmpty })
        #expect(!slow.settings.music)
        let fast = try await F.plan(F.fast)
        #expect(fast.settings.music)
        let spoken = fast.scenes.indices.filter { !fast.scenes[$0].narration.isEmpty }
        #expect(spoken == [0, fast.scenes.count - 1])
        #expect(!fast.script.isEmpty)
    }

    @Test("uploaded music is the bed; an uploaded voice-over keeps the words for captions")
    func uploads() async throws {
        let media = PlanMedia(music: F.music, voiceOver: F.voiceOver)
        let plan = try await RemixPlanner().plan(
            analysis: F.fast, topic: F.topic, settings: F.settings, media: media)
        #expect(plan.media == media)
        #expect(plan.settings.music)
        // The voice-over carries the video, so every scene keeps narration text for the captions.
        #expect(plan.scenes.allSatisfy { !$0.narration.isEmpty })
        let plain = try await F.plan(F.fast)
        #expect(plain.media == nil)
    }

    @Test("each scene has a motion and a generator whose reason cites its sample shot")
    func generators() async throws {
        let slow = try await F.plan(F.slow)
        for (index, scene) in slow.scenes.enumerated() {
            #expect(scene.motion == .zoomIn)
            #expect(scene.generator?.id == "embedded.kenburns")
            #expect(scene.generator?.reason == "slow push-in mirrors the sample's calm 6 s shot \(index + 1)")
        }
        let fast = try await F.plan(F.fast)
        #expect(Set(fast.scenes.compactMap(\.motion)) == [.panLeft, .panRight])
        let cloud = try await RemixPlanner(videoModel: "fal-ai/kling-video").plan(
            analysis: F.fast, topic: F.topic, settings: F.settings)
        #expect(cloud.scenes.allSatisfy { $0.generator?.id == "fal-ai/kling-video" })
        #expect(cloud.scenes[0].generator?.reason.contains("fast") == true)
    }

    @Test("dissolves in the sample become dissolves of about the same length; hard cuts stay cuts")
    func transitions() async throws {
        let slow = try await F.plan(F.slow)
        for scene in slow.scenes.dropLast() {
            #expect(scene.transition.kind == .dissolve)
            #expect(abs(scene.transition.duration - 0.8) < 0.05)
        }
        let fast = try await F.plan(F.fast)
        #expect(fast.scenes.allSatisfy { $0.transition.kind == .cut })
    }

    @Test("a shot longer than 15 s is split; an explicit length is honoured; a length outside 5–60 s is refused")
    func lengths() async throws {
        let oneShot = F.analysis([.init(length: 40, motion: 0.1)], speech: 0, music: 0.9)
        let plan = try await F.plan(oneShot)
        #expect(plan.scenes.count == 3)
        #expect(plan.scenes.allSatisfy { $0.duration <= 15 })
        let short = try await F.plan(F.slow, duration: 12)
        #expect(abs(short.plannedDuration - 12) < 0.05)
        #expect(short.settings.durationSeconds == 12)
        await #expect(throws: UsageError.self) { try await F.plan(F.slow, duration: 90) }
        // A sample longer than a minute is cut to 60 s.
        let long = try await F.plan(F.long)
        #expect(long.settings.durationSeconds == 60)
    }

    @Test("the same inputs and seed give the same plan; another topic other words")
    func deterministic() async throws {
        let first = try await F.plan(F.long)
        let second = try await F.plan(F.long)
        #expect(first == second)
        let other = try await RemixPlanner().plan(
            analysis: F.long, topic: "the history of the bicycle", settings: F.settings)
        #expect(other.script != first.script)
        #expect(other.validate().isEmpty)
    }

    @Test("a report without shots, length or sound, and a hostile or empty topic still give a valid plan")
    func degenerate() async throws {
        var empty = F.analysis([.init(length: 1)], speech: 0, music: 0)
        empty.shots = []
        empty.durationSeconds = .nan
        empty.audio.present = false
        var random = HostileText(seed: 3)
        var broken = F.slow
        broken.shots[1].transitionSeconds = .infinity
        broken.shots[2].brightness = .nan
        broken.shots[3].end = .nan
        F.expectWithinLimits(try await F.plan(broken))
        for topic in ["", "   ", random.text(extra: 8)] {
            let plan = try await RemixPlanner().plan(analysis: empty, topic: topic, settings: F.settings)
            F.expectWithinLimits(plan)
            #expect(abs(plan.plannedDuration - 60) < 0.05)
            #expect(!plan.prompt.unicodeScalars.contains { TextSanitizer.isControl($0) })
            #expect(plan.scenes.allSatisfy { $0.generator?.reason.contains("shot 1") == true })
        }
    }

    @Test("a narrated sample that cuts fast keeps scenes long enough for their words")
    func narratedFastCuts() async throws {
        let talky = F.analysis(
            (0..<20).map { _ in .init(length: 1.5, motion: 0.3) }, speech: 0.9, music: 0.1)
        let plan = try await F.plan(talky)
        #expect(plan.validate().isEmpty)
        #expect(abs(plan.plannedDuration - 30) < 0.05)
        for scene in plan.scenes where !scene.narration.isEmpty {
            let needs = RemixNarration.needs([scene.narration], settings: plan.settings)
            #expect(needs <= scene.duration + 0.01, "\(scene.id): \(scene.narration)")
        }
        #expect(plan.scenes.filter { !$0.narration.isEmpty }.count * 2 >= plan.scenes.count)
    }
}
