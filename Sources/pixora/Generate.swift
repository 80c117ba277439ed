import ArgumentParser
import Foundation
import Logging
import PixoraCore
import PixoraMedia
import PixoraPipeline
import PixoraProviders

struct Generate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Make a video from a prompt: embedded generators (no keys, no network) unless providers are configured.",
        discussion: "Writes the MP4, a JPEG thumbnail (<name>.jpg), the plan (<name>.plan.json) and the editable "
            + "timeline (<name>.editor-state.json) next to each other. Running the same command again reuses every "
            + "cached asset; editing the plan and passing it with --plan regenerates only what changed.")

    @Argument(help: "What the video is about, e.g. \"a 30-second vertical video about how bees make honey\".")
    var prompt: String?

    @OptionGroup var settingsOptions: SettingsOptions

    @Option(name: .shortAndLong, help: "Output MP4 (default: named after the title). With --plan-only: the plan file.")
    var out: String?

    @Option(name: .long, help: "Use your own narration from this text file; it is split into scenes.")
    var script: String?

    @Flag(name: .long, help: "Write the plan (plan.json) and stop.")
    var planOnly = false

    @Option(
        name: .customLong("plan"), help: "Generate from this (edited) plan file instead of planning from the prompt.")
    var planFile: String?

    @Option(name: .long, help: "Asset cache folder (default: $PIXORA_CACHE_DIR or ~/.cache/pixora).")
    var cache: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(
        name: .long,
        help:
            "Let the language model direct the whole video with tools (script, scenes, transitions, media, edits); needs OPENAI_API_KEY or OPENAI_BASE_URL."
    )
    var agent = false

    @Option(name: .long, help: "Most tool rounds the --agent director may take (default 12).")
    var agentSteps = 12

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Make one video per line of this JSON Lines file (each line a create body as POST /api/v1/videos "
                + "takes) into the --out folder; a rerun skips the lines already made."))
    var batch: String?

    @Option(name: .long, help: "With --batch: videos made at the same time (1–8, default 1).")
    var concurrency = 1

    func validate() throws {
        if batch != nil {
            guard prompt == nil, planFile == nil, script == nil, !planOnly, !agent else {
                throw ValidationError(
                    "--batch takes each video from its line: no prompt, --plan, --script, --plan-only or --agent")
            }
            guard out != nil else { throw ValidationError("--batch needs --out DIR, the folder for the videos") }
        }
        guard (1...8).contains(concurrency) else {
            throw ValidationError("--concurrency must be from 1 to 8, got \(concurrency)")
        }
        if batch != nil { return }
        if planFile == nil && (prompt ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError(
                "the prompt is empty; describe the video you want, e.g. pixora generate \"a 30-second video about bees\""
            )
        }
        if planFile != nil && planOnly { throw ValidationError("--plan and --plan-only cannot be used together") }
        if planFile != nil && script != nil {
            throw ValidationError("--script cannot be used with --plan (the plan already holds the narration)")
        }
        if agent && (planFile != nil || planOnly || script != nil) {
            throw ValidationError(
                "--agent writes its own script and plan: it cannot be used with --plan, --plan-only or --script")
        }
        if !(2...50).contains(agentSteps) {
            throw ValidationError("--agent-steps must be from 2 to 50, got \(agentSteps)")
        }
    }

    func run() async throws {
        let started = Date()
        let display = ProgressDisplay(quiet: quiet)
        var logger = Logger(label: "pixora.generate")
        logger.logLevel = .warning
        // Cloud providers when configured (OPENAI_API_KEY …), the embedded generators otherwise.
        let providers = try ProviderSettings.from(configuration: .current)
        let pipeline = VideoPipeline(
            generators: providers.generators(logger: logger),
            store: AssetStore(root: cache.map { URL(fileURLWithPath: $0) } ?? AssetStore.defaultRoot()))
        if let batch {
            let run = BatchRun(
                file: batch, folder: URL(fileURLWithPath: out ?? "."), concurrency: concurrency, pipeline: pipeline,
                defaultVoice: providers.defaultVoice, quiet: quiet)
            let report = try await run.run()
            if !quiet { print(BatchRun.table(report)) }
            if report.failed + report.invalid > 0 { throw ExitCode(1) }
            return
        }
        if agent {
            try await directed(
                pipeline: pipeline, providers: providers, logger: logger, display: display, started: started)
            return
        }

        let plan: Plan
        if let planPath = planFile {
            plan = try Plan.load(try InputFile.read(planPath, what: "plan file"))
        } else {
            let prompt = prompt ?? ""
            let settings = try settingsOptions.settings(prompt: prompt, defaultVoice: providers.defaultVoice)
            let scriptText = try script.map {
                String(decoding: try InputFile.read($0, what: "script file"), as: UTF8.self)
            }
            if scriptText?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true {
                throw UsageError("the script file \(script ?? "") is empty")
            }
            display.handle(.init(stage: .planning, fraction: 0, message: "planning"))
            plan = try await pipeline.plan(prompt: prompt, settings: settings, script: scriptText)
            if plan.settings.speechRate != settings.speechRate {
                // The script keeps every word; say that it is spoken faster rather than let the voice surprise.
                let notice =
                    "the script is spoken at rate \(plan.settings.speechRate.formatted) instead of "
                    + "\(settings.speechRate.formatted) to fit \(settings.durationSeconds.formatted) s"
                display.handle(.init(stage: .planning, fraction: 0, notice: notice, message: "planning"))
            }
        }

        if planOnly {
            let destination = URL(fileURLWithPath: out ?? "plan.json")
            try await OutputFiles.writeJSON(plan, to: destination)
            display.finish()
            if !quiet {
                print("plan: \(destination.path)  (\(plan.scenes.count) scenes, \(plan.plannedDuration.formatted) s)")
                print("edit it, then: pixora generate --plan \(destination.path) --out video.mp4")
            }
            return
        }
        try Preflight.check()

        let output = URL(fileURLWithPath: out ?? OutputFiles.defaultName(for: plan.title))
        try OutputFiles.checkWritable(output)
        let files = OutputFiles(video: output)
        let (made, result) = try await pipeline.makeVideo(
            plan, to: output, thumbnail: files.thumbnail, progress: display.handle)
        let assets = made.assets
        try await OutputFiles.writeJSON(plan, to: files.plan)
        try await OutputFiles.writeJSON(made.state, to: files.editorState)
        display.finish()
        if !quiet {
            OutputFiles.printSummary(
                result, started: started,
                extra: [
                    "scenes":
                        "\(plan.scenes.count) (\(assets.generated) assets generated, \(assets.reused) reused from \(pipeline.store.folder.root.path))",
                    "thumbnail": files.thumbnail.path, "plan": files.plan.path, "timeline": files.editorState.path,
                ])
        }
    }

    /// `--agent`: the language model directs planning, media and edits with tools; then the timeline renders.
    func directed(
        pipeline: VideoPipeline, providers: ProviderSettings, logger: Logger, display: ProgressDisplay, started: Date
    ) async throws {
        guard let endpoint = providers.languageModel else {
            throw UsageError(
                "--agent needs a language model: set OPENAI_API_KEY (or OPENAI_BASE_URL for a local server such as Ollama)"
            )
        }
        let settings = try settingsOptions.settings(prompt: prompt ?? "", defaultVoice: providers.defaultVoice)
        try Preflight.check()
        let director = VideoDirector(
            client: ChatClient(endpoint: endpoint, policy: providers.policy, logger: logger), pipeline: pipeline,
            maxSteps: agentSteps)
        display.handle(.init(stage: .planning, fraction: 0, message: "the director is at work"))
        let outcome = try await director.direct(prompt: prompt ?? "", settings: settings, progress: display.handle)
        let output = URL(fileURLWithPath: out ?? OutputFiles.defaultName(for: outcome.plan.title))
        try OutputFiles.checkWritable(output)
        let files = OutputFiles(video: output)
        try await OutputFiles.writeJSON(outcome.plan, to: files.plan)
        try await OutputFiles.writeJSON(outcome.state, to: files.editorState)
        let result = try await pipeline.render(
            outcome.state, to: output, thumbnail: files.thumbnail, progress: display.handle)
        display.finish()
        if !quiet {
            OutputFiles.printSummary(
                result, started: started,
                extra: [
                    "director": outcome.log.joined(separator: " → "), "plan": files.plan.path,
                    "timeline": files.editorState.path,
                ])
        }
    }
}
