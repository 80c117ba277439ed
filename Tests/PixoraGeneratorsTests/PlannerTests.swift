import Foundation
import PixoraCore
import Testing

@testable import PixoraGenerators

@Suite("Rule-based planner")
struct PlannerTests {
    let planner = RuleBasedPlanner()

    @Test("the same prompt, settings and seed give the same plan")
    func deterministic() async throws {
        let settings = Settings(aspectRatio: .vertical, durationSeconds: 30, seed: 7)
        let a = try await planner.plan(prompt: "how bees make honey", settings: settings, script: nil)
        let b = try await planner.plan(prompt: "how bees make honey", settings: settings, script: nil)
        #expect(a == b)
        var seeds = Set<String>()
        for seed in UInt64(1)...6 {
            var other = settings
            other.seed = seed
            seeds.insert(try await planner.plan(prompt: "how bees make honey", settings: other, script: nil).script)
        }
        #expect(seeds.count > 1, "the seed should vary the wording")
    }

    @Test("scene lengths add up to the target and hold each scene's narration", arguments: [5.0, 12, 30, 47, 60, 120])
    func timingFits(duration: Double) async throws {
        for tone in Tone.allCases {
            let settings = Settings(durationSeconds: duration, tone: tone)
            let plan = try await planner.plan(
                prompt: "a video about how volcanoes erupt", settings: settings, script: nil)
            #expect(plan.validate().isEmpty)
            #expect(
                abs(plan.plannedDuration - duration) <= 1.0 / 30 + 0.001, "\(tone) \(duration): \(plan.plannedDuration)"
            )
            #expect(plan.scenes.count == RuleBasedPlanner.sceneCount(for: duration))
            for (index, scene) in plan.scenes.enumerated() {
                let speech = SpeakingRate.seconds(scene.narration, voice: settings.voice, rate: 1)
                let overlapIn = index > 0 ? plan.scenes[index - 1].transition.overlap : 0
                let overlapOut = index < plan.scenes.count - 1 ? scene.transition.overlap : 0
                #expect(
                    scene.duration + 0.001
                        >= SceneMargins.minimumDuration(speech: speech, overlapIn: overlapIn, overlapOut: overlapOut))
                #expect(!scene.narration.isEmpty && !scene.visual.isEmpty && !scene.keyPhrase.isEmpty)
            }
        }
    }

    @Test("no sentence is repeated while the templates still have unused ones")
    func noRepeats() async throws {
        for prompt in [
            "the history of the bicycle", "how bees make honey", "how to bake bread", "a story of a lost robot",
        ] {
            let plan = try await planner.plan(prompt: prompt, settings: Settings(durationSeconds: 45), script: nil)
            let openings = plan.scenes.map { $0.narration.components(separatedBy: ". ")[0] }
            #expect(Set(openings).count == openings.count, "\(prompt): \(openings)")
        }
    }

    @Test("narration fills most of the video")
    func narrationDensity() async throws {
        let plan = try await planner.plan(
            prompt: "how bees make honey", settings: Settings(durationSeconds: 30), script: nil)
        let speech = plan.scenes.reduce(0) { $0 + SpeakingRate.seconds($1.narration, voice: .slt, rate: 1) }
        #expect(speech >= 30 * 0.6, "only \(speech) s of narration in 30 s")
    }

    @Test("a user's script becomes the narration, split into scenes in order")
    func userScript() async throws {
        let script = """
            Honey starts as nectar. Bees sip it from thousands of flowers.
            Back at the hive, they pass it from mouth to mouth. Enzymes break the sugars down.
            Then they fan it with their wings until it thickens. Finally, they seal it with wax.
            """
        let plan = try await planner.plan(prompt: "bees", settings: Settings(durationSeconds: 30), script: script)
        let words = script.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(plan.scenes.map(\.narration).joined(separator: " ") == words)
        #expect(plan.scenes.count >= 3)
        #expect(abs(plan.plannedDuration - 30) < 0.05)
        #expect(plan.scenes.allSatisfy { !$0.visual.isEmpty })
    }

    @Test("an empty prompt and bad settings are refused")
    func refusals() async throws {
        await #expect(throws: UsageError.self) {
            try await planner.plan(prompt: "   ", settings: Settings(), script: nil)
        }
        await #expect(throws: InvalidDocument.self) {
            try await planner.plan(prompt: "bees", settings: Settings(durationSeconds: 200), script: nil)
        }
    }

    @Test("prompt types pick their templates")
    func contentKinds() {
        #expect(TopicAnalysis(topic: "how bees make honey").kind == .process)
        #expect(TopicAnalysis(topic: "how bees make honey").subject == "bees")
        #expect(TopicAnalysis(topic: "how bees make honey").action == "make honey")
        #expect(TopicAnalysis(topic: "how to bake bread").kind == .howTo)
        #expect(TopicAnalysis(topic: "5 tips for better sleep").kind == .list)
        #expect(TopicAnalysis(topic: "5 tips for better sleep").listCount == 5)
        #expect(TopicAnalysis(topic: "the history of the bicycle").kind == .history)
        #expect(TopicAnalysis(topic: "the history of the bicycle").subject == "the bicycle")
        #expect(TopicAnalysis(topic: "a story of a lost robot").kind == .story)
        #expect(TopicAnalysis(topic: "the ocean at night").kind == .explainer)
        #expect(TopicAnalysis(topic: "introducing our new coffee app").subject == "our new coffee app")
        #expect(TopicAnalysis(topic: "photosynthesis for kids").topic == "photosynthesis")
        #expect(
            TemplateFiller(analysis: TopicAnalysis(topic: "how the moon moves")).fill("[they are|it is]") == "It is")
    }
}

@Suite("Transitions and music groups")
struct TransitionTests {
    static func scene(_ id: String, _ mood: Mood, group: Int, visual: String) -> PlanScene {
        PlanScene(
            id: id, narration: "x", visual: visual, keyPhrase: "x", mood: mood, duration: 5, musicGroup: group,
            transition: .cut)
    }

    @Test("rules map mood and topic changes to transition kinds")
    func rules() {
        let scenes = [
            Self.scene("a", .calm, group: 0, visual: "bees over honey"),
            Self.scene("b", .calm, group: 0, visual: "bees over honey comb"),
            Self.scene("c", .warm, group: 0, visual: "bees over honey comb"),
            Self.scene("d", .warm, group: 0, visual: "a city skyline at night"),
            Self.scene("e", .dramatic, group: 1, visual: "a city skyline at night"),
            Self.scene("f", .dramatic, group: 1, visual: "a city skyline at night"),
        ]
        let kinds = RuleBasedTransitionPlanner().transitions(for: scenes, settings: Settings(aspectRatio: .landscape))
            .map(\.kind)
        #expect(kinds == [.dissolve, .wipeleft, .slideleft, .fadeblack, .fade])
        let vertical = RuleBasedTransitionPlanner().transitions(for: scenes, settings: Settings(aspectRatio: .vertical))
            .map(\.kind)
        #expect(vertical[1] == .wipeup && vertical[2] == .slideup)
    }

    @Test("related moods share a track; a mood shift starts a new one; lone scenes join a neighbour")
    func grouping() {
        #expect(MusicGrouping.groups(for: [.calm, .warm, .calm]) == [0, 0, 0])
        #expect(MusicGrouping.groups(for: [.calm, .warm, .dramatic, .mysterious]) == [0, 0, 1, 1])
        #expect(MusicGrouping.groups(for: [.uplifting, .calm, .calm, .dramatic, .dramatic]) == [0, 0, 0, 1, 1])
        #expect(MusicGrouping.groups(for: [.calm, .calm, .energetic, .calm, .calm]) == [0, 0, 0, 1, 1])
    }

    @Test("a long dramatic plan has more than one music group and fades through black between them")
    func longPlanGroups() async throws {
        let plan = try await RuleBasedPlanner().plan(
            prompt: "the history of the bicycle", settings: Settings(durationSeconds: 90, tone: .dramatic), script: nil)
        let groups = Set(plan.scenes.map(\.musicGroup))
        #expect(groups.count >= 2)
        for index in plan.scenes.indices.dropLast()
        where plan.scenes[index].musicGroup != plan.scenes[index + 1].musicGroup {
            #expect(plan.scenes[index].transition.kind == .fadeblack)
        }
    }
}

@Suite("Planner edge cases found by the contract run")
struct PlannerEdgeTests {
    let planner = RuleBasedPlanner()

    /// Found by the contract run: a one-word script for a 119 s video made one 119 s scene, and a script with no
    /// full stops made a scene with more narration than a plan allows; both plans failed their own validation.
    @Test(
        "a script of any shape gives a plan that passes its own validation",
        arguments: [
            ("0", 119.0), (String(repeating: "0", count: 100), 30.0),
            (Array(repeating: "word", count: 300).joined(separator: " "), 60.0),
            (String(repeating: "e\u{301}", count: 700), 20.0),
        ])
    func anyScript(script: String, duration: Double) async throws {
        let plan = try await planner.plan(prompt: "0", settings: Settings(durationSeconds: duration), script: script)
        #expect(plan.validate().isEmpty, "\(plan.validate())")
        #expect(plan.scenes.allSatisfy { Plan.sceneDurationRange.contains($0.duration) })
        #expect(plan.scenes.allSatisfy { $0.narration.codePointCount <= PlanScene.maximumNarration })
        #expect(
            plan.scenes.map { $0.narration }.joined().filter { !$0.isWhitespace } == script.filter { !$0.isWhitespace })
    }

    @Test("a transition's length is 0 to 3 s whatever its kind; a cut's is stored as 0")
    func transitionBounds() throws {
        let decoder = JSONDecoder()
        #expect(throws: DecodingError.self) {
            try decoder.decode(Transition.self, from: Data(#"{"kind":"cut","duration":-1}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try decoder.decode(Transition.self, from: Data(#"{"kind":"fade","duration":3.5}"#.utf8))
        }
        #expect(try decoder.decode(Transition.self, from: Data(#"{"kind":"cut","duration":2}"#.utf8)).duration == 0)
        #expect(try decoder.decode(Transition.self, from: Data(#"{"kind":"fade","duration":2}"#.utf8)).duration == 2)
    }
}
