import Foundation
import Logging
import PixoraCore
import PixoraGenerators
import PixoraPipeline
import Synchronization

/// The orchestrator agent of the seeds: a language model makes the video by calling tools for each role —
/// ScriptWriter (`write_script`), ScenePlanner and TransitionPlanner (`plan_scenes`, `revise_scene`,
/// `set_transition`), ImageGen, VideoGen, SpeechGen and MusicGen (`generate_media`, through the content-addressed
/// pipeline, so nothing is made twice), ApplyEditor (`apply_edits`) — and `finish`. Tool errors go back to the model
/// so it can correct itself; the loop stops at `maxSteps`.
public struct VideoDirector: Sendable {
    public let loop: AgentLoop
    public let pipeline: VideoPipeline

    public init(client: ChatClient, pipeline: VideoPipeline, maxSteps: Int = 12) {
        loop = AgentLoop(client: client, maxSteps: maxSteps)
        self.pipeline = pipeline
    }

    public struct Outcome: Sendable {
        public var plan: Plan
        public var assets: PlanAssets
        public var state: EditorState
        /// What each tool call did, in order.
        public var log: [String]
    }

    /// The work in progress, shared by the tools.
    final class Session: Sendable {
        typealias Values = (
            script: String?, plan: Plan?, assets: PlanAssets?, state: EditorState?, finished: Bool, log: [String],
            unread: String?
        )
        private let values = Mutex<Values>((nil, nil, nil, nil, false, [], nil))
        func read<T>(_ body: (Values) -> T) -> T { values.withLock { body($0) } }
        func write(_ body: (inout Values) -> Void) { values.withLock { body(&$0) } }
        func note(_ line: String) {
            write {
                $0.log.append(line)
                $0.unread = line
            }
        }
        /// The newest note not yet shown as a step (each call shows the note it made, if any).
        func takeNote() -> String? {
            values.withLock { values in
                defer { values.unread = nil }
                return values.unread
            }
        }
    }

    public func direct(prompt: String, settings: Settings, progress: ProgressHandler? = nil) async throws -> Outcome {
        try await direct(prompt: prompt, settings: settings, loop: loop, observer: DirectorObserver(progress: progress))
    }

    func direct(prompt: String, settings: Settings, loop: AgentLoop, observer: DirectorObserver) async throws
        -> Outcome
    {
        let session = Session()
        let tools = makeTools(prompt: prompt, settings: settings, session: session, observer: observer)
        let ending = try await loop.run(
            system: Self.system, task: Self.task(prompt: prompt, settings: settings), tools: tools,
            observe: { event in await observer.step(Self.step(event, session: session)) })
        guard case .finished = ending,
            let outcome = session.read({ values -> Outcome? in
                guard values.finished, let plan = values.plan, let assets = values.assets, let state = values.state
                else { return nil }
                return Outcome(plan: plan, assets: assets, state: state, log: values.log)
            })
        else {
            var words = ""
            if case .answered(let text) = ending { words = text }
            throw ProviderFailure(
                provider: loop.client.http.provider,
                message: "the director stopped without finishing the video\(words.isEmpty ? "" : ": \(words)")")
        }
        return outcome
    }

    /// A loop event as a step to show: a tool's own note of what it did when it made one, its answer otherwise.
    static func step(_ event: AgentLoop.Event, session: Session) -> DirectorStep {
        switch event {
        case .thought(let round, let text):
            return DirectorStep(round: round, kind: .thought, summary: text)
        case .call(let round, let name, let arguments, let reply):
            let note = session.takeNote()
            let summary = note.map { String($0.dropFirst(name.count + 2)) } ?? reply ?? "finished"
            return DirectorStep(round: round, kind: .tool, tool: name, arguments: arguments, summary: summary)
        }
    }

    /// How far past the paid duration the timeline may run: the margin `Pricing.price(for: Plan)` gives a plan at
    /// the same price.
    static let durationMargin = 1.1

    /// Why `duration` or `canvas` is more than `settings` paid for, or nil when it is not.
    static func overrun(duration: Double, canvas: Canvas? = nil, settings: Settings) -> String? {
        let limit = settings.durationSeconds * durationMargin
        if duration > limit + 1e-6 {
            return "the video would be \(duration.formatted(.number.precision(.fractionLength(1)))) s long, but "
                + "\(settings.durationSeconds.formatted) s were paid for (at most "
                + "\(limit.formatted(.number.precision(.fractionLength(1)))) s)"
        }
        if let canvas, canvas != settings.canvas {
            return "the canvas would be \(canvas.width)×\(canvas.height), but \(settings.canvas.width)×"
                + "\(settings.canvas.height) was paid for"
        }
        return nil
    }

    static let system = """
        You direct the making of a short narrated video with tools. Work in this order: optionally write_script (the \
        narration, plain sentences), then plan_scenes, then optionally revise_scene or set_transition to improve the \
        plan, then generate_media, then optionally apply_edits to polish the timeline, then finish. Keep narration \
        concrete and visual descriptions specific. If a tool answers with a problem, fix it and call again.
        """

    static func task(prompt: String, settings: Settings) -> String {
        "Make a \(settings.durationSeconds.formatted)-second \(settings.aspectRatio.rawValue) \(settings.tone.rawValue) video in \(settings.style.rawValue) style about: \(prompt)"
    }

    static func json(_ object: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map {
            String(decoding: $0, as: UTF8.self)
        } ?? "{}"
    }

    static func arguments(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    static func summary(_ plan: Plan) -> String {
        json([
            "title": plan.title, "plannedSeconds": plan.plannedDuration,
            "scenes": plan.scenes.enumerated().map { index, scene in
                [
                    "scene": index + 1, "narration": scene.narration, "visual": scene.visual,
                    "mood": scene.mood.rawValue,
                    "seconds": scene.duration, "transitionToNext": scene.transition.kind.rawValue,
                ] as [String: Any]
            },
        ])
    }

    func makeTools(prompt: String, settings: Settings, session: Session, observer: DirectorObserver) -> [AgentTool] {
        let pipeline = pipeline
        let noArguments: @Sendable () -> [String: Any] = { ["type": "object", "properties": [String: Any]()] }
        let writeScript = AgentTool(
            name: "write_script",
            description: "ScriptWriter: set the narration of the whole video (plain sentences, no stage directions).",
            parameters: { ["type": "object", "required": ["script"], "properties": ["script": ["type": "string"]]] }
        ) { text in
            let script = (Self.arguments(text)["script"] as? String ?? "").trimmingCharacters(
                in: .whitespacesAndNewlines)
            guard !script.isEmpty else { return .reply("script is empty; send the narration text.") }
            guard script.count <= 20_000 else { return .reply("script is \(script.count) characters; at most 20000.") }
            session.write {
                $0.script = script
                $0.plan = nil
                $0.assets = nil
                $0.state = nil
            }
            session.note("write_script: \(script.split(separator: " ").count) words")
            return .reply("Script saved (\(script.split(separator: " ").count) words). Now call plan_scenes.")
        }
        let planScenes = AgentTool(
            name: "plan_scenes",
            description:
                "ScenePlanner + TransitionPlanner: split the script (or the topic) into timed scenes with visuals, moods, music groups and transitions.",
            parameters: noArguments
        ) { _ in
            let script = session.read { $0.script }
            let plan: Plan
            do {
                plan = try await pipeline.plan(prompt: prompt, settings: settings, script: script)
            } catch let error as UsageError {
                // A script that cannot fit the paid length: the model can shorten it.
                return .reply("The script does not fit: \(error.message). Shorten it with write_script.")
            }
            if let overrun = Self.overrun(duration: plan.plannedDuration, settings: settings) {
                return .reply("That plan does not fit: \(overrun). Shorten the script with write_script.")
            }
            await observer.planned(plan)
            session.write {
                $0.plan = plan
                $0.assets = nil
                $0.state = nil
            }
            session.note("plan_scenes: \(plan.scenes.count) scenes")
            return .reply(Self.summary(plan))
        }
        let reviseScene = AgentTool(
            name: "revise_scene",
            description: "Change one planned scene's narration, visual description or mood (scenes count from 1).",
            parameters: {
                [
                    "type": "object", "required": ["scene"],
                    "properties": [
                        "scene": ["type": "integer"], "narration": ["type": "string"], "visual": ["type": "string"],
                        "mood": ["type": "string", "enum": Mood.allCases.map(\.rawValue)],
                    ] as [String: Any],
                ]
            }
        ) { text in
            let arguments = Self.arguments(text)
            guard var plan = session.read({ $0.plan }) else {
                return .reply("There is no plan yet; call plan_scenes first.")
            }
            guard let number = arguments["scene"] as? Int, plan.scenes.indices.contains(number - 1) else {
                return .reply("scene must be a number from 1 to \(plan.scenes.count).")
            }
            if let narration = arguments["narration"] as? String { plan.scenes[number - 1].narration = narration }
            if let visual = arguments["visual"] as? String { plan.scenes[number - 1].visual = visual }
            if let mood = arguments["mood"] as? String {
                guard let value = Mood.parse(mood) else { return .reply("mood must be one of \(Mood.allowedValues).") }
                plan.scenes[number - 1].mood = value
            }
            let issues = plan.validate()
            guard issues.isEmpty else {
                return .reply("That does not fit the plan: \(issues.map(\.description).joined(separator: "; ")).")
            }
            session.write {
                $0.plan = plan
                $0.assets = nil
                $0.state = nil
            }
            await observer.planned(plan)
            session.note("revise_scene: scene \(number)")
            return .reply("Scene \(number) revised.")
        }
        let setTransition = AgentTool(
            name: "set_transition",
            description:
                "TransitionPlanner: choose the transition after a scene (scenes count from 1; the last scene has none).",
            parameters: {
                [
                    "type": "object", "required": ["scene", "kind"],
                    "properties": [
                        "scene": ["type": "integer"],
                        "kind": ["type": "string", "enum": TransitionKind.allCases.map(\.rawValue)],
                    ] as [String: Any],
                ]
            }
        ) { text in
            let arguments = Self.arguments(text)
            guard var plan = session.read({ $0.plan }) else {
                return .reply("There is no plan yet; call plan_scenes first.")
            }
            guard let number = arguments["scene"] as? Int, (1..<plan.scenes.count).contains(number) else {
                return .reply(
                    "scene must be a number from 1 to \(plan.scenes.count - 1) (the transition after that scene).")
            }
            guard let kind = (arguments["kind"] as? String).flatMap(TransitionKind.parse) else {
                return .reply("kind must be one of \(TransitionKind.allowedValues).")
            }
            let limit = Transition.longest(between: plan.scenes[number - 1].duration, and: plan.scenes[number].duration)
            plan.scenes[number - 1].transition = Transition(
                kind: kind, duration: kind == .cut ? 0 : min(0.8, (limit * 100).rounded(.down) / 100))
            session.write {
                $0.plan = plan
                $0.assets = nil
                $0.state = nil
            }
            await observer.planned(plan)
            session.note("set_transition: after scene \(number) \(kind.rawValue)")
            return .reply("The transition after scene \(number) is now \(kind.rawValue).")
        }
        let generateMedia = AgentTool(
            name: "generate_media",
            description:
                "ImageGen, VideoGen, SpeechGen and MusicGen: make every scene's picture, moving clip and voice, and the music, then assemble the timeline.",
            parameters: noArguments
        ) { _ in
            guard let plan = session.read({ $0.plan }) else {
                return .reply("There is no plan yet; call plan_scenes first.")
            }
            let made = try await pipeline.assemble(plan, progress: observer.progress)
            let (assets, state) = (made.assets, made.state)
            if let overrun = Self.overrun(duration: state.duration, canvas: state.canvas, settings: settings) {
                return .reply("The timeline does not fit: \(overrun). Shorten the narration with revise_scene.")
            }
            session.write {
                $0.assets = assets
                $0.state = state
            }
            session.note("generate_media: \(assets.generated) made, \(assets.reused) reused")
            return .reply(
                "Media ready: \(assets.generated) assets made, \(assets.reused) reused; the timeline is \(state.duration.formatted) s. Call apply_edits to polish it, or finish."
            )
        }
        let applyEdits = AgentTool(
            name: "apply_edits",
            description:
                "ApplyEditor: change the assembled timeline with operations (clip and cut indexes count from 0).",
            parameters: { LanguageModelAssistant.parameters }
        ) { text in
            guard let state = session.read({ $0.state }) else {
                return .reply("There is no timeline yet; call generate_media first.")
            }
            guard let list = Self.arguments(text)["operations"],
                let data = try? JSONSerialization.data(withJSONObject: list)
            else {
                return .reply("Send an operations array.")
            }
            do {
                let operations = try JSONDecoder().decode([EditorOperation].self, from: data)
                let result = try state.applying(operations)
                if let overrun = Self.overrun(
                    duration: result.state.duration, canvas: result.state.canvas, settings: settings)
                {
                    return .reply("Those operations do not fit: \(overrun). Nothing was changed.")
                }
                session.write { $0.state = result.state }
                session.note("apply_edits: \(result.changes.joined(separator: "; "))")
                return .reply("Applied: \(result.changes.joined(separator: "; ")).")
            } catch let error as InvalidDocument {
                return .reply(
                    "Those operations do not fit: \(error.issues.map(\.description).joined(separator: "; ")).")
            } catch {
                return .reply("Those operations cannot be read: \(error).")
            }
        }
        let finish = AgentTool(name: "finish", description: "The video is ready to render.", parameters: noArguments) {
            _ in
            guard let state = session.read({ $0.state }) else {
                return .reply("Nothing to finish yet; call generate_media first.")
            }
            if let overrun = Self.overrun(duration: state.duration, canvas: state.canvas, settings: settings) {
                return .reply("The video cannot be finished: \(overrun).")
            }
            session.write { $0.finished = true }
            return .finish
        }
        return [writeScript, planScenes, reviseScene, setTransition, generateMedia, applyEdits, finish]
    }
}

extension VideoDirector: VideoDirecting {
    /// The director for one job: the job's own step limit, every step reported to `observer`.
    public func direct(prompt: String, settings: Settings, maxSteps: Int, observer: DirectorObserver) async throws
        -> AssembledVideo
    {
        let outcome = try await direct(
            prompt: prompt, settings: settings, loop: AgentLoop(client: loop.client, maxSteps: maxSteps),
            observer: observer)
        return AssembledVideo(plan: outcome.plan, assets: outcome.assets, state: outcome.state)
    }
}

extension ProviderSettings {
    /// The director on the configured language model, making media with `pipeline`; nil without a model.
    public func videoDirector(pipeline: VideoPipeline, logger: Logger) -> VideoDirector? {
        languageModel.map {
            VideoDirector(client: ChatClient(endpoint: $0, policy: policy, logger: logger), pipeline: pipeline)
        }
    }
}
