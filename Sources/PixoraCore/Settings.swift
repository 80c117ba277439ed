/// Frame shape of the output video.
public enum AspectRatio: String, NamedChoice {
    case landscape = "16:9"
    case vertical = "9:16"
    case square = "1:1"
}

/// Output resolution class; the short side of the canvas.
public enum Quality: String, NamedChoice {
    case p480 = "480p"
    case p720 = "720p"
    case p1080 = "1080p"

    var shortSide: Int {
        switch self {
        case .p480: 480
        case .p720: 720
        case .p1080: 1080
        }
    }
}

/// Visual style of the procedural illustration (and of captions).
public enum VisualStyle: String, NamedChoice {
    case cinematic, minimal, vibrant, retro, pastel
}

/// Tone of the narration the planner writes.
public enum Tone: String, NamedChoice {
    case informative, inspiring, playful, dramatic, calm
}

/// The embedded synthesizer that speaks a voice.
public enum VoiceEngine: String, Sendable, Codable, CaseIterable {
    /// Piper: neural, from a private Python environment that `scripts/install-piper.sh` installs.
    case piper
    /// CMU flite: always there (a Debian package).
    case flite
}

/// A narrator voice of the embedded speech synthesizers.
public enum Voice: String, NamedChoice {
    /// US English, female.
    case slt
    /// US English, male.
    case rms
    /// Scottish English, male.
    case awb
    /// US English, male, diphone (robotic).
    case kal
    /// US English, male, neural (Piper's en_US "joe" medium voice).
    case joe

    public var label: String {
        switch self {
        case .slt: "female, US English"
        case .rms: "male, US English"
        case .awb: "male, Scottish English"
        case .kal: "male, US English, robotic"
        case .joe: "male, US English, neural (Piper)"
        }
    }

    public var engine: VoiceEngine {
        switch self {
        case .joe: .piper
        case .slt, .rms, .awb, .kal: .flite
        }
    }

    /// The flite voice that speaks when this voice's engine is not installed: the same voice for flite voices,
    /// and for a Piper voice flite's closest one (a male US voice for joe).
    public var fliteStandIn: Voice {
        switch self {
        case .joe: .rms
        case .slt, .rms, .awb, .kal: self
        }
    }

    /// The voice a video gets when its settings name none: Piper's joe when Piper is installed, else flite's slt.
    /// Resolved once when a command or the server starts (Settings values stay plain data).
    public static func preferredDefault(piperAvailable: Bool) -> Voice {
        piperAvailable ? .joe : .slt
    }
}

/// Everything the user chooses about a video before it is planned.
public struct Settings: Codable, Sendable, Hashable {
    public static let durationRange: ClosedRange<Double> = 5...120
    public static let speechRateRange: ClosedRange<Double> = 0.5...2.0
    public static let allowedFPS: Set<Int> = [24, 25, 30]

    public var aspectRatio: AspectRatio
    public var durationSeconds: Double
    public var style: VisualStyle
    public var tone: Tone
    public var voice: Voice
    /// Speaking rate relative to the voice's natural rate (1 = natural).
    public var speechRate: Double
    public var music: Bool
    public var captions: Bool
    /// Word-by-word captions; nil (plans saved before the option, and the default) shows phrases.
    public var captionMode: CaptionMode?
    public var quality: Quality
    public var fps: Int
    public var language: String
    public var seed: UInt64

    public init(
        aspectRatio: AspectRatio = .landscape, durationSeconds: Double = 30, style: VisualStyle = .cinematic,
        tone: Tone = .informative, voice: Voice = .slt, speechRate: Double = 1, music: Bool = true,
        captions: Bool = true, captionMode: CaptionMode? = nil, quality: Quality = .p720, fps: Int = 30,
        language: String = "en", seed: UInt64 = 1
    ) {
        self.aspectRatio = aspectRatio
        self.durationSeconds = durationSeconds
        self.style = style
        self.tone = tone
        self.voice = voice
        self.speechRate = speechRate
        self.music = music
        self.captions = captions
        // Phrases are the default and written as nothing, so plans keep their bytes whichever way it was chosen.
        self.captionMode = captionMode == .phrase ? nil : captionMode
        self.quality = quality
        self.fps = fps
        self.language = language
        self.seed = seed
    }

    /// Pixel size of the canvas: the quality is the short side; both sides even (H.264 yuv420p needs it).
    public var canvas: Canvas {
        let short = quality.shortSide
        let long = Int((Double(short) * 16 / 9 / 2).rounded()) * 2
        switch aspectRatio {
        case .landscape: return Canvas(width: long, height: short, fps: fps)
        case .vertical: return Canvas(width: short, height: long, fps: fps)
        case .square: return Canvas(width: short, height: short, fps: fps)
        }
    }

    /// Field-level problems, empty when the settings are usable.
    public func validate() -> [DocumentIssue] {
        var issues: [DocumentIssue] = []
        if !Self.durationRange.contains(durationSeconds) || !durationSeconds.isFinite {
            issues.append(
                .init("durationSeconds", "must be between 5 and 120 seconds, got \(durationSeconds.formatted)"))
        }
        if !Self.speechRateRange.contains(speechRate) {
            issues.append(.init("speechRate", "must be between 0.5 and 2.0, got \(speechRate.formatted)"))
        }
        if !Self.allowedFPS.contains(fps) {
            issues.append(.init("fps", "must be 24, 25 or 30, got \(fps)"))
        }
        if language != "en" {
            issues.append(.init("language", "only 'en' is supported by the embedded voices, got '\(language)'"))
        }
        return issues
    }
}

extension Double {
    /// Compact decimal text for messages: 30, 2.5, 0.333.
    public var formatted: String {
        if self == rounded() && abs(self) < 1e15 { return String(Int(self)) }
        return String((self * 1000).rounded() / 1000)
    }
}
