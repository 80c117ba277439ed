import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia

/// Plans a 9:16 video on the user's topic that is made like the sample: the sample's shot rhythm gives the scene
/// count and lengths, its look the style and each scene's mood, motion and colours, its soundtrack the sound
/// strategy. The words come from the topic planner (the rule-based one offline), spread over the scenes.
///
/// Length: `duration` when given (5…60 s), otherwise the sample's length capped at 60 s; `settings.durationSeconds`
/// is not used, because a plain Settings value cannot say whether its 30 s was chosen or is the default.
/// Style, tone and the music switch come from the analysis (chat changes them afterwards); voice, speech rate,
/// captions, quality, fps and seed are the caller's. Deterministic for the same inputs and seed.
public struct RemixPlanner: Sendable {
    public let id = "embedded.remix-planner"
    public let version = 1
    let narrator: any ScenePlanner
    let videoModel: String?

    /// `narrator` writes the words on the topic; `videoModel` is a configured cloud video model that makes the
    /// scenes whose shots move fast (nil offline: every scene is a Ken Burns clip).
    public init(narrator: any ScenePlanner = RuleBasedPlanner(), videoModel: String? = nil) {
        self.narrator = narrator
        self.videoModel = videoModel
    }

    public func plan(
        analysis: SampleAnalysis, topic: String, settings: Settings, media: PlanMedia? = nil, duration: Double? = nil
    ) async throws -> Plan {
        let target = try Self.length(analysis: analysis, requested: duration)
        let subject = Self.subject(topic, analysis: analysis)
        let uploads = media.flatMap { $0.isEmpty ? nil : $0 }
        let strategy: SoundStrategy = uploads?.voiceOver != nil ? .narrated : SoundStrategy(analysis.audio)
        var settings = settings
        settings.aspectRatio = .vertical
        settings.durationSeconds = target
        settings.style = analysis.description.style
        settings.tone = SampleLook.tone(for: analysis.description.mood)
        settings.music = strategy == .musicDriven || analysis.audio.musicShare >= 0.15 || uploads?.music != nil
        let issues = settings.validate()
        guard issues.isEmpty else { throw InvalidDocument(document: "settings", issues: issues) }

        // The sample's rhythm cuts the words into more scenes than the planner's own, each with its lead-in and
        // tail: words for 90 % of the length leave room for them.
        var wordSettings = settings
        wordSettings.durationSeconds = max((target * 0.9 * 10).rounded() / 10, Settings.durationRange.lowerBound)
        let words = try await narrator.plan(prompt: subject, settings: wordSettings, script: nil)
        let rhythm = ShotRhythm(analysis: analysis, target: target, shortest: strategy.shortestScene)
        let sentences = words.scenes.flatMap { RemixNarration.sentences(in: $0.narration) }
        let spoken =
            strategy == .narrated ? sentences : RemixNarration.bookends(words.scenes.map(\.narration))
        let slots = RemixNarration.spread(
            spoken, over: rhythm.slots, bookends: strategy == .musicDriven, settings: settings)
        let scenes = slots.enumerated().map { index, slot in
            scene(
                index, slot: slot, next: index + 1 < slots.count ? slots[index + 1].slot : nil, words: words,
                position: Self.middle(of: index, in: slots.map(\.slot.length)), overall: analysis.description.mood)
        }
        let staged = RemixStaging.staged(scenes, visible: slots.map(\.slot.length), fps: settings.fps)
        let plan = Plan(
            title: words.title,
            summary: Self.summary(
                analysis: analysis, scenes: staged.count, target: target, strategy: strategy,
                settings: settings, topic: subject),
            script: words.script, prompt: subject, settings: settings, scenes: staged, media: uploads)
        let problems = plan.validate()
        guard problems.isEmpty else { throw InvalidDocument(document: "plan", issues: problems) }
        return plan
    }

    func scene(
        _ index: Int, slot: RemixNarration.Part, next: ShotRhythm.Slot?, words: Plan, position: Double, overall: Mood
    ) -> PlanScene {
        let lead = slot.slot.lead
        // The topic planner's scene at the same point of the video gives the picture's subject and key phrase.
        let source = words.scenes[min(Int(position * Double(words.scenes.count)), words.scenes.count - 1)]
        let motion = SampleLook.motion(of: lead, position: index)
        return PlanScene(
            id: "s\(index + 1)", narration: slot.narration, visual: SampleLook.visual(source.visual, shot: lead),
            keyPhrase: source.keyPhrase, mood: SampleLook.mood(of: lead, overall: overall), duration: slot.slot.length,
            musicGroup: 0, transition: next.map { SampleLook.transition(into: $0.entry) } ?? .cut, motion: motion,
            generator: SampleLook.generator(for: lead, motion: motion, videoModel: videoModel))
    }

    /// The remix's length: the request when given, else the sample's, within 5…60 s.
    static func length(analysis: SampleAnalysis, requested: Double?) throws -> Double {
        let range = RemixLimits.shortestVideo...RemixLimits.longestVideo
        if let requested {
            guard requested.isFinite, range.contains(requested) else {
                throw UsageError("a remix is 5 to 60 seconds long, not \(requested.formatted) s")
            }
            return requested
        }
        let sample = analysis.durationSeconds.isFinite ? analysis.durationSeconds : range.upperBound
        return (min(max(sample, range.lowerBound), range.upperBound) * 10).rounded() / 10
    }

    /// The topic as one clean line; without one, a video of the sample's kind.
    static func subject(_ topic: String, analysis: SampleAnalysis) -> String {
        let clean = TextSanitizer.singleLine(topic).trimmingCharacters(in: .whitespaces)
        guard clean.isEmpty else { return String(clean.prefix(500)) }
        let kind = TextSanitizer.singleLine(analysis.description.contentType).trimmingCharacters(in: .whitespaces)
        return "a short \(kind.isEmpty ? "video" : String(kind.prefix(60)))"
    }

    /// Where the middle of scene `index` falls in the video, 0…1.
    static func middle(of index: Int, in lengths: [Double]) -> Double {
        let total = lengths.reduce(0, +)
        return (lengths[..<index].reduce(0, +) + lengths[index] / 2) / total
    }

    static func summary(
        analysis: SampleAnalysis, scenes: Int, target: Double, strategy: SoundStrategy, settings: Settings,
        topic: String
    ) -> String {
        let mean = (target / Double(scenes)).formattedTenths
        let cuts = analysis.pacing.cutsPerMinute.rounded().formatted
        let sound = strategy == .narrated ? "narrated" : "music-driven"
        return "A \(target.formatted)-second 9:16 video about \(topic), made like the sample "
            + "(\(analysis.description.contentType)): \(scenes) scene\(scenes == 1 ? "" : "s") of about \(mean) s "
            + "following its \(cuts) cuts a minute, \(settings.style.rawValue) look, \(sound)."
    }
}
