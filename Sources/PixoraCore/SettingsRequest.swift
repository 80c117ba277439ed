/// Settings as a client sends them: each one may be left out. It is the API's `SettingsRequest` (every field may
/// also be null, which generated code cannot express) and decodes the named choices case-insensitively.
public struct SettingsRequest: Codable, Sendable, Hashable {
    public var aspectRatio: AspectRatio?
    public var durationSeconds: Double?
    public var style: VisualStyle?
    public var tone: Tone?
    public var voice: Voice?
    public var speechRate: Double?
    public var music: Bool?
    public var captions: Bool?
    public var captionMode: CaptionMode?
    public var quality: Quality?
    public var fps: Int?
    public var language: String?
    public var seed: UInt64?

    public init(
        aspectRatio: AspectRatio? = nil, durationSeconds: Double? = nil, style: VisualStyle? = nil, tone: Tone? = nil,
        voice: Voice? = nil, speechRate: Double? = nil, music: Bool? = nil, captions: Bool? = nil,
        captionMode: CaptionMode? = nil, quality: Quality? = nil, fps: Int? = nil, language: String? = nil,
        seed: UInt64? = nil
    ) {
        self.aspectRatio = aspectRatio
        self.durationSeconds = durationSeconds
        self.style = style
        self.tone = tone
        self.voice = voice
        self.speechRate = speechRate
        self.music = music
        self.captions = captions
        self.captionMode = captionMode
        self.quality = quality
        self.fps = fps
        self.language = language
        self.seed = seed
    }

    /// What is left out comes from the prompt's words, then the defaults. Not validated: see `Settings.validate`.
    /// `defaultVoice` is the server's (`Voice.preferredDefault`: Piper's joe where Piper is installed).
    public func resolved(prompt: String, defaultVoice: Voice = .slt) -> Settings {
        let hints = PromptHints(prompt: prompt)
        return Settings(
            aspectRatio: aspectRatio ?? hints.aspectRatio ?? .landscape,
            durationSeconds: durationSeconds ?? hints.durationSeconds ?? 30,
            style: style ?? .cinematic, tone: tone ?? hints.tone ?? .informative, voice: voice ?? defaultVoice,
            speechRate: speechRate ?? 1, music: music ?? true, captions: captions ?? true,
            captionMode: captionMode, quality: quality ?? .p720,
            fps: fps ?? 30, language: language ?? "en", seed: seed ?? 1)
    }
}
