import Foundation
import PixoraCore

/// The embedded planner: parses the prompt, picks a narrative template by content type and fits
/// scene count, narration length and scene durations to the target duration. Deterministic for the
/// same prompt, settings and seed. A user's own script becomes the narration, split into scenes.
public struct RuleBasedPlanner: ScenePlanner {
    public let id = "embedded.rule-planner"
    public let version = 1
    let transitionPlanner: any TransitionPlanner

    public init(transitionPlanner: any TransitionPlanner = RuleBasedTransitionPlanner()) {
        self.transitionPlanner = transitionPlanner
    }

    /// A scene before durations and transitions are known.
    struct Draft {
        var role: BeatRole
        var narration: String
        var visual: String
        var keyPhrase: String
        var mood: Mood
    }

    public func plan(prompt: String, settings: Settings, script: String?) async throws -> Plan {
        let trimmed = prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw UsageError("the prompt is empty; describe the video you want") }
        guard trimmed.count <= 4000 else {
            throw UsageError("the prompt is \(trimmed.count) characters; at most 4000 are allowed")
        }
        let issues = settings.validate()
        guard issues.isEmpty else { throw InvalidDocument(document: "settings", issues: issues) }

        let topic = PromptHints(prompt: trimmed).topic
        let framing = trimmed.range(of: topic).map { String(trimmed[..<$0.lowerBound]) } ?? ""
        let analysis = TopicAnalysis(topic: topic, framing: framing)
        var random = SeededRandom(seed: settings.seed, label: trimmed.lowercased())
        let drafts: [Draft]
        var settings = settings
        if let script, !script.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            // Every word of the user's script is kept: fewer scenes, then a faster rate, make it fit.
            let layout = try ScriptFit.layout(ScriptSplitter.sentences(in: script), settings: settings)
            settings.speechRate = layout.rate
            drafts = scriptDrafts(layout.parts, analysis: analysis, settings: settings)
        } else {
            drafts = templateDrafts(analysis, settings: settings, random: &random)
        }
        let scenes = fit(drafts, settings: settings)
        let filler = TemplateFiller(analysis: analysis)
        let title = filler.title
        let summary =
            "A \(settings.durationSeconds.formatted)-second \(settings.aspectRatio.rawValue) \(settings.tone.rawValue) video about \(analysis.gist) in \(scenes.count) scene\(scenes.count == 1 ? "" : "s"), \(settings.style.rawValue) style."
        return Plan(
            title: title, summary: summary, script: scenes.map(\.narration).joined(separator: "\n\n"), prompt: trimmed,
            settings: settings, scenes: scenes)
    }

    /// A scene written elsewhere (by a language model), before durations, music groups and transitions.
    public struct SceneDraft: Sendable, Hashable {
        public var narration: String
        public var visual: String
        public var keyPhrase: String
        public var mood: Mood

        public init(narration: String, visual: String, keyPhrase: String, mood: Mood) {
            self.narration = narration
            self.visual = visual
            self.keyPhrase = keyPhrase
            self.mood = mood
        }
    }

    /// Stages drafts exactly as this planner stages its own: durations that hold each narration and fill the
    /// target, music groups by mood, and transitions by the rules.
    public func staged(_ drafts: [SceneDraft], settings: Settings) -> [PlanScene] {
        fit(
            drafts.map {
                Draft(role: .step, narration: $0.narration, visual: $0.visual, keyPhrase: $0.keyPhrase, mood: $0.mood)
            }, settings: settings)
    }

    /// Scene count for a target length: about 5.5 s a scene, between 1 and 20.
    public static func sceneCount(for duration: Double) -> Int {
        min(max(Int((duration / 5.5).rounded()), 1), 20)
    }

    /// The template narration at the most scenes whose speech fits the target: each scene costs its lead-in and
    /// tail besides its words, so a narration that does not fit in short sentences gets fewer, fuller scenes.
    func templateDrafts(_ analysis: TopicAnalysis, settings: Settings, random: inout SeededRandom) -> [Draft] {
        var count = Self.sceneCount(for: settings.durationSeconds)
        if analysis.kind == .list, let items = analysis.listCount { count = min(count, items + 4) }
        var drafts: [Draft] = []
        for candidate in stride(from: count, through: 1, by: -1) {
            var attempt = random
            drafts = templateDrafts(analysis, count: candidate, settings: settings, random: &attempt)
            if candidate == 1 || Self.need(drafts.map(\.narration), settings: settings) <= settings.durationSeconds {
                random = attempt
                break
            }
        }
        return drafts
    }

    /// Seconds of video `narrations` need as scenes: speech plus each scene's lead-in and tail. Transitions do not
    /// count: a scene gives half of each to its neighbours and the video is shorter by the whole overlap.
    static func need(_ narrations: [String], settings: Settings) -> Double {
        narrations.reduce(0) { total, narration in
            let speech = SpeakingRate.seconds(narration, voice: settings.voice, rate: settings.speechRate)
            return total + SceneMargins.minimumDuration(speech: speech, overlapIn: 0, overlapOut: 0)
        }
    }

    func templateDrafts(
        _ analysis: TopicAnalysis, count: Int, settings: Settings, random: inout SeededRandom
    ) -> [Draft] {
        let beats = NarrativeTemplates.beats(analysis.kind, tone: settings.tone, count: count)
        let filler = TemplateFiller(analysis: analysis)
        // A scene's share of the timeline includes the transitions it overlaps (about 0.8 s each).
        let share = (settings.durationSeconds + Double(beats.count - 1) * 0.8) / Double(beats.count)
        let steps = beats.filter { $0.role == .step }.count
        // The prompt's own details ("from the first storm clouds to a quiet sunrise") are told from the setup on.
        let detailsFrom =
            beats.firstIndex { $0.role == .setup } ?? beats.firstIndex { $0.role == .step } ?? 0
        var stepNumber = 0
        var used = Set<String>()
        return beats.enumerated().map { index, beat in
            if beat.role == .step { stepNumber += 1 }
            let number = beat.role == .step ? stepNumber : index
            let late = beat.role == .step && stepNumber > (steps + 1) / 2
            // Speaking time that fits: the share minus the lead-in, the tail and half of each neighbouring transition.
            let overlaps = index == 0 || index == beats.count - 1 ? 0.4 : 0.8
            let budget = max(share - SceneMargins.lead - SceneMargins.tail - overlaps, 1)
            func seconds(_ text: String) -> Double {
                SpeakingRate.seconds(text, voice: settings.voice, rate: settings.speechRate)
            }
            let detail = index >= detailsFrom ? analysis.details.first { !used.contains($0) } : nil
            // Steps share templates: prefer a sentence this video has not said yet, and one that fits.
            let options = beat.sentences.map { filler.fill($0, number: number) }
            let fresh = options.filter { !used.contains($0) }
            let candidates = fresh.isEmpty ? options : fresh
            let fitting = candidates.filter { seconds($0) <= budget }
            var narration = fitting.isEmpty ? filler.fill(beat.short, number: number) : random.pick(fitting)
            if let detail, beat.role != .hook, seconds(narration + " " + detail) > budget, seconds(detail) <= budget {
                // The prompt's own words before the template's.
                narration = detail
            }
            used.insert(narration)
            let extras =
                beat.extras.shuffled(using: &random) + NarrativeTemplates.fillers(beat.role).shuffled(using: &random)
            for extra in (detail.map { [$0] } ?? []) + extras.map({ filler.fill($0, number: number) }) {
                guard !used.contains(extra), seconds(narration + " " + extra) <= budget else { continue }
                narration += " " + extra
                used.insert(extra)
            }
            let keywords = Self.rotated(analysis.keywords, by: index)
            let imagery = beat.imagery[(index + Int(random.next() % 3)) % beat.imagery.count]
            let mood = NarrativeTemplates.mood(for: beat.role, tone: settings.tone, late: late)
            return Draft(
                role: beat.role, narration: narration,
                visual: Self.visual(role: beat.role, keywords: keywords, imagery: imagery, mood: mood, number: number),
                keyPhrase: filler.fill(random.pick(beat.keyPhrases), number: number), mood: mood)
        }
    }

    func scriptDrafts(_ parts: [String], analysis: TopicAnalysis, settings: Settings) -> [Draft] {
        return parts.enumerated().map { index, narration in
            let role: BeatRole = index == 0 ? .hook : (index == parts.count - 1 ? .close : .step)
            let words = ScriptSplitter.salientWords(narration)
            let mood = NarrativeTemplates.mood(for: role, tone: settings.tone, late: index > parts.count / 2)
            let keywords = words.isEmpty ? analysis.keywords : words
            return Draft(
                role: role, narration: narration,
                visual: Self.visual(role: role, keywords: keywords, imagery: "", mood: mood, number: index + 1),
                keyPhrase: words.prefix(3).joined(separator: " ").headline, mood: mood)
        }
    }

    /// Gives each draft a duration that holds its narration, then stretches all of them to fill the target.
    func fit(_ drafts: [Draft], settings: Settings) -> [PlanScene] {
        let moods = drafts.map(\.mood)
        let groups = MusicGrouping.groups(for: moods)
        let share = settings.durationSeconds / Double(drafts.count)
        var scenes = drafts.enumerated().map { index, draft in
            PlanScene(
                id: "s\(index + 1)", narration: draft.narration, visual: draft.visual, keyPhrase: draft.keyPhrase,
                mood: draft.mood, duration: share, musicGroup: groups[index], transition: .cut)
        }
        var transitions = transitionPlanner.transitions(for: scenes, settings: settings)
        let speech = scenes.map { SpeakingRate.seconds($0.narration, voice: settings.voice, rate: settings.speechRate) }
        let needs = scenes.indices.map { index in
            SceneMargins.minimumDuration(
                speech: speech[index],
                overlapIn: index > 0 ? transitions[index - 1].overlap : 0,
                overlapOut: index < transitions.count ? transitions[index].overlap : 0)
        }
        let available = settings.durationSeconds + transitions.reduce(0) { $0 + $1.overlap }
        let needed = needs.reduce(0, +)
        // Spare time goes to every scene in proportion to what it needs; a script longer than the target lengthens the video.
        let stretch = max(available / needed, 1)
        let frame = 1 / Double(settings.fps)
        // Whole frames, so the sum hits the target exactly; the last scene takes the rounding.
        // A narration no scene can hold (a prompt of one endless word) still plans scenes a plan may have.
        let shortest = Int((Plan.sceneDurationRange.lowerBound / frame).rounded(.up))
        let longest = Int((Plan.sceneDurationRange.upperBound / frame).rounded(.down))
        var frames = needs.map { min(max(Int(($0 * stretch / frame).rounded(.down)), shortest), longest) }
        if stretch > 1 {
            frames[frames.count - 1] += Int((available / frame).rounded()) - frames.reduce(0, +)
        }
        for index in scenes.indices {
            scenes[index].duration = Double(frames[index]) / Double(settings.fps)
        }
        // Transitions may not exceed half of either neighbour.
        transitions = transitions.enumerated().map { index, transition in
            let limit = min(scenes[index].duration, scenes[index + 1].duration) / 2
            return Transition(kind: transition.kind, duration: min(transition.duration, limit))
        }
        for index in transitions.indices { scenes[index].transition = transitions[index] }
        return scenes
    }

    static func rotated(_ words: [String], by offset: Int) -> [String] {
        guard !words.isEmpty else { return [] }
        let start = offset % words.count
        return Array(words[start...] + words[..<start])
    }

    static func visual(role: BeatRole, keywords: [String], imagery: String, mood: Mood, number: Int) -> String {
        let main = keywords.prefix(3).joined(separator: " and ")
        let extra = imagery.isEmpty ? "" : " with a \(imagery)"
        switch role {
        case .hook: return "Wide establishing view of \(main)\(extra), \(mood.rawValue) light"
        case .setup: return "Close-up of \(main)\(extra), \(mood.rawValue) atmosphere"
        case .step: return "\(main.capitalizedFirst)\(extra), stage \(number), \(mood.rawValue) colours"
        case .insight: return "A glowing idea above \(main)\(extra), \(mood.rawValue) mood"
        case .close: return "\(main.capitalizedFirst) at sunset under the first stars\(extra), \(mood.rawValue) glow"
        }
    }
}
