import ArgumentParser
import Foundation
import Logging
import PixoraCore
import PixoraMedia
import PixoraPipeline
import PixoraProviders

struct Remix: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a 9:16 video like a sample video: analysis → plan → your instructions → video, offline.",
        discussion: "Writes the MP4, its thumbnail, the sample's analysis (<name>.analysis.json) with its keyframes "
            + "(<name>.keyframes/), the plan (<name>.plan.json) and the timeline (<name>.editor-state.json). Each "
            + "--instruction changes the plan as a chat message would in the studio, in order.")

    @Argument(help: "The sample video to remix (at most 10 minutes).")
    var sample: String

    @Option(name: .shortAndLong, help: "Output MP4 (default: named after the plan's title).")
    var out: String?

    @Option(name: .long, help: "What the new video is about (default: the sample's description).")
    var topic: String?

    @Option(name: .long, help: "A change to the plan in plain words, e.g. \"faster\" or \"make it 20 seconds\".")
    var instruction: [String] = []

    @Option(name: .long, help: "A PNG, JPEG or WebP picture of a character to show in every scene.")
    var character: String?

    @Option(name: .long, help: "A WAV, MP3, M4A or OGG file to use as the music bed.")
    var music: String?

    @Option(name: .customLong("voice-over"), help: "A WAV, MP3, M4A or OGG narration to use instead of speech.")
    var voiceOver: String?

    @Option(name: .long, help: "Length in seconds, 5–60 (default: the sample's length, at most 60).")
    var duration: Double?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Narrator voice: \(Voice.allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: ", ")); "
                + "default joe where Piper is installed, else slt."))
    var voice: String?

    @Option(name: .long, help: "Quality: \(Quality.allowedValues) (9:16 at 720p is 720×1280).")
    var quality: String = Quality.p720.rawValue

    @Option(name: .long, help: "Seed: the same sample, settings and seed give the same video.")
    var seed: UInt64 = 1

    @Flag(name: .long, inversion: .prefixedNo, help: "Burnt-in captions.")
    var captions = true

    @Option(name: .long, help: "Asset cache folder (default: $PIXORA_CACHE_DIR or ~/.cache/pixora).")
    var cache: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        if let duration, !(RemixLimits.shortestVideo...RemixLimits.longestVideo).contains(duration) {
            throw ValidationError("--duration must be from 5 to 60 seconds for a remix, got \(duration.formatted)")
        }
        if let voice, Voice.parse(voice) == nil {
            throw ValidationError("unknown voice '\(voice)'; expected one of: \(Voice.allowedValues)")
        }
        guard Quality.parse(quality) != nil else {
            throw ValidationError("unknown quality '\(quality)'; expected one of: \(Quality.allowedValues)")
        }
    }

    func run() async throws {
        let started = Date()
        let display = ProgressDisplay(quiet: quiet)
        var logger = Logger(label: "pixora.remix")
        logger.logLevel = .warning
        try Preflight.check()
        let providers = try ProviderSettings.from(configuration: .current)
        let pipeline = VideoPipeline(
            generators: providers.generators(logger: logger),
            store: AssetStore(root: cache.map { URL(fileURLWithPath: $0) } ?? AssetStore.defaultRoot()))

        let sampleURL = URL(fileURLWithPath: sample)
        try InputFile.check(sample, what: "sample video")
        let probe = try await SampleVideoCheck.check(sampleURL)
        let length = probe.info?.duration ?? 0
        guard length <= 600 else {
            throw UsageError("the sample is \(length.formatted) s long; a sample may be at most 10 minutes")
        }
        let media = try await ingest(pipeline.store)

        display.handle(.init(stage: .analysis, fraction: 0, message: "analyzing the sample"))
        let keyframes = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-remix-\(UUID())")
        defer { try? FileManager.default.removeItem(at: keyframes) }
        try FileManager.default.createDirectory(at: keyframes, withIntermediateDirectories: true)
        let analysis = try await SampleAnalyzer(describer: providers.sampleDescriber(logger: logger)).analyze(
            video: sampleURL, keyframesTo: keyframes
        ) { fraction in
            display.handle(.init(stage: .analysis, fraction: fraction, message: "analyzing the sample"))
        }

        display.handle(.init(stage: .planning, fraction: 0, message: "planning"))
        // Style, tone and music come from the sample; the aspect ratio is always 9:16.
        let settings = Settings(
            aspectRatio: .vertical, voice: voice.flatMap(Voice.parse) ?? providers.defaultVoice, captions: captions,
            quality: Quality.parse(quality) ?? .p720, seed: seed)
        let subject = (topic ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var plan = try await RemixPlanner(videoModel: providers.videoModel).plan(
            analysis: analysis, topic: subject, settings: settings, media: media.isEmpty ? nil : media,
            duration: duration)
        let context = RemixContext(analysis: analysis, topic: subject, uploads: media)
        let chat: any PlanChatting = providers.planChat(logger: logger) ?? RuleBasedPlanChat()
        var replies: [String] = []
        for text in instruction {
            let outcome = await chat.respond(to: text, plan: plan, context: context)
            if let changed = outcome.plan { plan = changed }
            replies.append("\(text) → \(outcome.reply)")
        }

        let output = URL(fileURLWithPath: out ?? OutputFiles.defaultName(for: plan.title))
        try OutputFiles.checkWritable(output)
        let files = OutputFiles(video: output)
        let analysisFile = URL(fileURLWithPath: output.deletingPathExtension().path + ".analysis.json")
        try await OutputFiles.writeJSON(analysis, to: analysisFile)
        let strip = URL(fileURLWithPath: output.deletingPathExtension().path + ".keyframes")
        try? FileManager.default.removeItem(at: strip)
        try FileManager.default.copyItem(at: keyframes, to: strip)
        try await OutputFiles.writeJSON(plan, to: files.plan)
        let (made, result) = try await pipeline.makeVideo(
            plan, to: output, thumbnail: files.thumbnail, progress: display.handle)
        try await OutputFiles.writeJSON(made.state, to: files.editorState)
        display.finish()
        if !quiet {
            for reply in replies { print(reply) }
            OutputFiles.printSummary(
                result, started: started,
                extra: [
                    "sample":
                        "\(analysis.shots.count) shots, \(analysis.pacing.cutsPerMinute.rounded().formatted) cuts/min, "
                        + analysis.description.contentType,
                    "analysis": analysisFile.path, "keyframes": strip.path, "plan": files.plan.path,
                    "timeline": files.editorState.path,
                ])
        }
    }

    /// The character, music and voice-over files, normalized into the asset store.
    func ingest(_ store: AssetStore) async throws -> PlanMedia {
        var media = PlanMedia()
        let inputs: [(path: String?, role: UploadRole, what: String)] = [
            (character, .character, "character picture"), (music, .music, "music file"),
            (voiceOver, .voiceOver, "voice-over file"),
        ]
        for input in inputs {
            guard let path = input.path else { continue }
            try InputFile.check(path, what: input.what)
            let asset = try await store.ingest(upload: URL(fileURLWithPath: path), as: input.role).asset
            switch input.role {
            case .character: media.character = asset
            case .music: media.music = asset
            case .voiceOver: media.voiceOver = asset
            }
        }
        return media
    }
}
