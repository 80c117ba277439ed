import ArgumentParser
import Foundation
import Logging
import PixoraCore
import PixoraMedia
import PixoraPipeline
import PixoraProviders

struct Studio: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Walk the guided studio's eight steps with your choices; offline unless providers are set.",
        discussion: "idea → storyboard → hero → frames → clips → audio → edit → export. Prints one line per step "
            + "(state, credits with cached items at 0, wall time) and writes into --out: workflow.json, the video "
            + "and thumbnail.jpg, the hero candidates (hero-1.png …) and every scene's start and end frames "
            + "(frames/<scene>-start.png, -end.png). --rerun runs one step again with a new seed, then every step "
            + "that went stale, and prints the same lines: the steps that did not change cost 0.")

    @Argument(help: "What the project is about, e.g. \"how bees make honey\".")
    var topic: String

    @Option(name: .shortAndLong, help: "Folder for the workflow, the video and the pictures (created if missing).")
    var out: String

    @OptionGroup var settingsOptions: SettingsOptions

    @Option(name: .long, help: "Export format: \(OutputContainer.allowedValues).")
    var format: String = OutputContainer.mp4.rawValue

    @Option(name: .long, help: "Which of the three concepts to approve, 1–3.")
    var concept = 1

    @Option(name: .long, help: "Which hero candidate to approve, 1–3.")
    var hero = 1

    @Option(name: .customLong("model"), help: "A video model for one scene, SCENE=MODEL (e.g. s2=embedded.morph).")
    var models: [String] = []

    @Option(name: .customLong("effect"), help: "A sound effect for one scene, SCENE=DESCRIPTION (empty: none).")
    var effects: [String] = []

    @Option(name: .long, help: "After the walk, run this step again with a new seed and every step that went stale.")
    var rerun: String?

    @Option(name: .customLong("rerun-seed"), help: "The seed of the rerun (default: --seed + 1).")
    var rerunSeed: UInt64?

    @Option(name: .long, help: "Asset cache folder (default: $PIXORA_CACHE_DIR or ~/.cache/pixora).")
    var cache: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if topic.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("the topic is empty; say what the project is about, e.g. pixora studio \"bees\"")
        }
        guard OutputContainer.parse(format) != nil else {
            throw ValidationError("unknown format '\(format)'; expected one of: \(OutputContainer.allowedValues)")
        }
        guard (1...3).contains(concept) else { throw ValidationError("--concept must be 1 to 3, got \(concept)") }
        guard (1...3).contains(hero) else { throw ValidationError("--hero must be 1 to 3, got \(hero)") }
        _ = try Self.pairs(models, flag: "--model")
        _ = try Self.pairs(effects, flag: "--effect")
        if let rerun {
            guard let step = StudioStep.parse(rerun) else {
                throw ValidationError("unknown step '\(rerun)'; expected one of: \(StudioStep.allowedValues)")
            }
            if rerunSeed != nil, !Self.seeded.contains(step) {
                throw ValidationError("--rerun-seed: the \(step.rawValue) step takes no seed")
            }
        } else if rerunSeed != nil {
            throw ValidationError("--rerun-seed needs --rerun STEP")
        }
    }

    /// The steps whose output a seed changes; the others run again with the same choices.
    static let seeded: Set<StudioStep> = [.idea, .storyboard, .hero]

    /// `SCENE=VALUE` flags as a dictionary, the last one winning for a scene.
    static func pairs(_ values: [String], flag: String) throws -> [String: String] {
        var pairs: [String: String] = [:]
        for value in values {
            guard let equals = value.firstIndex(of: "="), equals != value.startIndex else {
                throw ValidationError("\(flag) takes SCENE=VALUE (e.g. s1=…), got '\(value)'")
            }
            pairs[String(value[..<equals])] = String(value[value.index(after: equals)...])
        }
        return pairs
    }

    func run() async throws {
        var logger = Logger(label: "pixora.studio")
        logger.logLevel = .warning
        try Preflight.check()
        let providers = try ProviderSettings.from(configuration: .current)
        let settings = try settingsOptions.settings(prompt: topic, defaultVoice: providers.defaultVoice)
        let folder = try StudioFiles.prepare(out)
        let pipeline = StudioPipeline(
            video: VideoPipeline(
                generators: providers.generators(logger: logger),
                store: AssetStore(root: cache.map { URL(fileURLWithPath: $0) } ?? AssetStore.defaultRoot())),
            studio: providers.studioGenerators(logger: logger))
        var walk = StudioWalk(
            pipeline: pipeline, workflow: StudioWorkflow(topic: topic, settings: settings),
            requests: try requests(), selections: [.idea: .init(choice: concept - 1), .hero: .init(choice: hero - 1)],
            files: StudioFiles(folder: folder, store: pipeline.video.store), quiet: quiet)

        walk.heading("walk: \(topic)")
        try await walk.takeAll()
        guard let rerun, let step = StudioStep.parse(rerun) else { return }
        var request = walk.requests[step] ?? StudioRequest()
        let seed = rerunSeed ?? settings.seed &+ 1
        if Self.seeded.contains(step) { request.seed = seed }
        walk.heading("rerun: \(step.rawValue)" + (request.seed == nil ? "" : ", seed \(seed)"))
        try await walk.rerun(step, request)
    }

    /// The choices of each step from the flags.
    func requests() throws -> [StudioStep: StudioRequest] {
        var clips = StudioRequest()
        let models = try Self.pairs(models, flag: "--model")
        if !models.isEmpty { clips.models = models }
        var audio = StudioRequest()
        let effects = try Self.pairs(effects, flag: "--effect")
        if !effects.isEmpty { audio.effects = effects }
        audio.music = settingsOptions.music
        var export = StudioRequest()
        export.format = OutputContainer.parse(format)
        export.quality = Quality.parse(settingsOptions.quality)
        return [.clips: clips, .audio: audio, .export: export]
    }
}
