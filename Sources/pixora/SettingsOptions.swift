import ArgumentParser
import PixoraCore
import PixoraPipeline

/// Video settings flags shared by commands; anything not given comes from the prompt's words, then defaults.
struct SettingsOptions: ParsableArguments {
    @Option(name: .long, help: "Aspect ratio: \(AspectRatio.allowedValues) (default: from the prompt, else 16:9).")
    var aspect: String?

    @Option(name: .long, help: "Target duration in seconds, 5–120 (default: from the prompt, else 30).")
    var duration: Double?

    @Option(name: .long, help: "Visual style: \(VisualStyle.allowedValues).")
    var style: String = VisualStyle.cinematic.rawValue

    @Option(name: .long, help: "Narration tone: \(Tone.allowedValues) (default: from the prompt, else informative).")
    var tone: String?

    @Option(
        name: .long,
        help: """
            Narrator voice: \(Voice.allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: ", ")) \
            (default: joe when Piper is installed, else slt; see `pixora voices`).
            """)
    var voice: String?

    @Option(name: .long, help: "Speaking rate, 0.5–2.0 (1 = natural).")
    var rate: Double = 1

    @Option(name: .long, help: "Quality: \(Quality.allowedValues) (9:16 at 720p is 720×1280).")
    var quality: String = Quality.p720.rawValue

    @Option(name: .long, help: "Frames per second: 24, 25 or 30.")
    var fps: Int = 30

    @Option(name: .long, help: "Seed: the same prompt, settings and seed give the same video.")
    var seed: UInt64 = 1

    @Flag(name: .long, inversion: .prefixedNo, help: "Background music.")
    var music = true

    @Flag(name: .long, inversion: .prefixedNo, help: "Burnt-in captions.")
    var captions = true

    @Option(
        name: .customLong("caption-style"),
        help: "Captions: phrase (a line at a time) or words (a few words, the spoken one highlighted).")
    var captionStyle: String = CaptionMode.phrase.rawValue

    /// Settings from the flags, filling gaps from what the prompt says ("30-second", "vertical", "calm").
    /// `defaultVoice`: the providers' (`ProviderSettings.defaultVoice`), for a command without `--voice`.
    func settings(prompt: String, defaultVoice: Voice) throws -> Settings {
        let hints = PromptHints(prompt: prompt)
        func choice<T: NamedChoice>(_ text: String?, _ name: String, _ type: T.Type) throws -> T? {
            guard let text else { return nil }
            guard let value = T.parse(text) else {
                throw UsageError("unknown \(name) '\(text)'; expected one of: \(T.allowedValues)")
            }
            return value
        }
        let settings = Settings(
            aspectRatio: try choice(aspect, "aspect ratio", AspectRatio.self) ?? hints.aspectRatio ?? .landscape,
            durationSeconds: duration ?? hints.durationSeconds ?? 30,
            style: try choice(style, "style", VisualStyle.self) ?? .cinematic,
            tone: try choice(tone, "tone", Tone.self) ?? hints.tone ?? .informative,
            voice: try choice(voice, "voice", Voice.self) ?? defaultVoice,
            speechRate: rate, music: music, captions: captions,
            captionMode: try choice(captionStyle, "caption style", CaptionMode.self),
            quality: try choice(quality, "quality", Quality.self) ?? .p720, fps: fps, seed: seed)
        if let issue = settings.validate().first {
            if issue.path == "durationSeconds" && duration == nil {
                throw UsageError(
                    "the prompt asks for \(settings.durationSeconds.formatted) seconds; videos are 5 to 120 seconds long (set --duration)"
                )
            }
            let flag =
                ["durationSeconds": "--duration", "speechRate": "--rate", "fps": "--fps"][issue.path] ?? issue.path
            throw UsageError("\(flag) \(issue.message)")
        }
        return settings
    }
}
