import Foundation

/// The one document that fully determines a render (version 1).
/// Every edit, from the timeline or the assistant, is an edit of this document.
public struct EditorState: Codable, Sendable, Hashable {
    public static let currentVersion = 1

    public var version: Int
    public var title: String
    public var canvas: Canvas
    /// Colour behind letterboxed clips, `#RRGGBB`.
    public var background: String
    public var clips: [Clip]
    /// One per cut: `transitions[i]` joins `clips[i]` and `clips[i + 1]`.
    public var transitions: [Transition]
    public var captions: Captions
    public var overlays: [TextOverlay]
    public var audio: AudioMix
    public var output: OutputSpec
    /// The colour grade of the whole video (a clip's own `look` overrides it); left out when there is none, so
    /// documents without one keep their bytes and content keys.
    public var look: Look?

    public init(
        title: String, canvas: Canvas, background: String = "#000000", clips: [Clip], transitions: [Transition],
        captions: Captions, overlays: [TextOverlay] = [], audio: AudioMix, output: OutputSpec = OutputSpec(),
        look: Look? = nil
    ) {
        self.version = Self.currentVersion
        self.title = title
        self.canvas = canvas
        self.background = background
        self.clips = clips
        self.transitions = transitions
        self.captions = captions
        self.overlays = overlays
        self.audio = audio
        self.output = output
        self.look = look
    }

    /// Where each clip starts on the output timeline: each cut starts the next clip one transition earlier.
    public var clipStarts: [Double] {
        var starts: [Double] = []
        var time = 0.0
        for (index, clip) in clips.enumerated() {
            starts.append(time)
            let overlap = index < transitions.count ? transitions[index].overlap : 0
            time += clip.duration - overlap
        }
        return starts
    }

    /// Length of the rendered video in seconds.
    public var duration: Double {
        let total = clips.reduce(0) { $0 + $1.duration }
        let overlaps = transitions.prefix(max(clips.count - 1, 0)).reduce(0) { $0 + $1.overlap }
        return total - overlaps
    }

    /// Decodes and validates an editor-state file's bytes.
    public static func load(_ data: Data) throws -> EditorState {
        let state = try CanonicalJSON.decode(EditorState.self, from: data, document: "editor state")
        let issues = state.validate()
        guard issues.isEmpty else { throw InvalidDocument(document: "editor state", issues: issues) }
        return state
    }
}

/// A scene's moving picture on the timeline.
public struct Clip: Codable, Sendable, Hashable {
    public var id: String
    public var sceneId: String?
    public var asset: AssetRef
    /// Seconds skipped at the start of the asset.
    public var trimIn: Double
    /// Seconds of the asset shown, including transition overlaps.
    public var duration: Double
    /// This clip's own colour grade, instead of the whole video's (`{"preset": "none"}` shows it ungraded).
    public var look: Look?

    public init(
        id: String, sceneId: String?, asset: AssetRef, trimIn: Double = 0, duration: Double, look: Look? = nil
    ) {
        self.id = id
        self.sceneId = sceneId
        self.asset = asset
        self.trimIn = trimIn
        self.duration = duration
        self.look = look
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        sceneId = try c.decodeIfPresent(String.self, forKey: .sceneId)
        asset = try c.decode(AssetRef.self, forKey: .asset)
        trimIn = try c.decodeIfPresent(Double.self, forKey: .trimIn) ?? 0
        duration = try c.decode(Double.self, forKey: .duration)
        look = try c.decodeIfPresent(Look.self, forKey: .look)
    }
}

/// Timed caption lines and how they look.
public struct Captions: Codable, Sendable, Hashable {
    public var enabled: Bool
    public var style: TextStyle
    public var mode: CaptionMode
    public var cues: [Cue]

    public init(enabled: Bool, style: TextStyle = .caption, mode: CaptionMode = .phrase, cues: [Cue]) {
        self.enabled = enabled
        self.style = style
        self.mode = mode
        self.cues = cues
    }

    enum CodingKeys: String, CodingKey {
        case enabled, style, mode, cues
    }

    /// Documents saved before the word-by-word style show phrases.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.decode(Bool.self, forKey: .enabled)
        style = try c.decode(TextStyle.self, forKey: .style)
        mode = try c.decodeIfPresent(CaptionMode.self, forKey: .mode) ?? .phrase
        cues = try c.decode([Cue].self, forKey: .cues)
    }

    /// The phrase style is left out, so phrase documents keep their bytes and content keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(enabled, forKey: .enabled)
        try c.encode(style, forKey: .style)
        if mode != .phrase { try c.encode(mode, forKey: .mode) }
        try c.encode(cues, forKey: .cues)
    }
}

/// A caption line shown from `start` to `end` (seconds on the output timeline).
public struct Cue: Codable, Sendable, Hashable {
    public var start: Double
    public var end: Double
    public var text: String
    /// When each word is spoken, for the word-by-word style; left out when unknown (then spread by length).
    public var words: [CueWord]?

    public init(start: Double, end: Double, text: String, words: [CueWord]? = nil) {
        self.start = start
        self.end = end
        self.text = text
        self.words = words
    }
}

/// One spoken word of a cue, timed on the output timeline (inside its cue).
public struct CueWord: Codable, Sendable, Hashable {
    public var text: String
    public var start: Double
    public var end: Double

    public init(text: String, start: Double, end: Double) {
        self.text = text
        self.start = start
        self.end = end
    }
}

/// Free text placed on the picture for a time range; `x` and `y` are the text's centre as fractions of the canvas.
public struct TextOverlay: Codable, Sendable, Hashable {
    public var id: String
    public var text: String
    public var start: Double
    public var end: Double
    public var x: Double
    public var y: Double
    public var style: TextStyle
    /// How the text enters and leaves; left out when it just appears and disappears.
    public var animation: OverlayAnimation?

    public init(
        id: String, text: String, start: Double, end: Double, x: Double = 0.5, y: Double = 0.15,
        style: TextStyle = .title, animation: OverlayAnimation? = nil
    ) {
        self.id = id
        self.text = text
        self.start = start
        self.end = end
        self.x = x
        self.y = y
        self.style = style
        self.animation = animation
    }
}

/// Font family of on-screen text.
public enum FontFamily: String, NamedChoice {
    case sans, serif, mono
}

/// How on-screen text looks. `size` is the font height as a fraction of the canvas height.
public struct TextStyle: Codable, Sendable, Hashable {
    public var font: FontFamily
    public var size: Double
    public var bold: Bool
    public var color: String
    public var outlineColor: String
    /// Outline width as a fraction of the font size.
    public var outline: Double
    public var box: Bool
    public var boxColor: String
    public var boxOpacity: Double

    public init(
        font: FontFamily = .sans, size: Double = 0.045, bold: Bool = true, color: String = "#FFFFFF",
        outlineColor: String = "#000000", outline: Double = 0.06, box: Bool = false, boxColor: String = "#000000",
        boxOpacity: Double = 0.55
    ) {
        self.font = font
        self.size = size
        self.bold = bold
        self.color = color
        self.outlineColor = outlineColor
        self.outline = outline
        self.box = box
        self.boxColor = boxColor
        self.boxOpacity = boxOpacity
    }

    public static let caption = TextStyle(size: 0.042, box: true)
    public static let title = TextStyle(size: 0.06, outline: 0.08)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = TextStyle()
        font = try c.decodeIfPresent(FontFamily.self, forKey: .font) ?? d.font
        size = try c.decodeIfPresent(Double.self, forKey: .size) ?? d.size
        bold = try c.decodeIfPresent(Bool.self, forKey: .bold) ?? d.bold
        color = try c.decodeIfPresent(String.self, forKey: .color) ?? d.color
        outlineColor = try c.decodeIfPresent(String.self, forKey: .outlineColor) ?? d.outlineColor
        outline = try c.decodeIfPresent(Double.self, forKey: .outline) ?? d.outline
        box = try c.decodeIfPresent(Bool.self, forKey: .box) ?? d.box
        boxColor = try c.decodeIfPresent(String.self, forKey: .boxColor) ?? d.boxColor
        boxOpacity = try c.decodeIfPresent(Double.self, forKey: .boxOpacity) ?? d.boxOpacity
    }
}

/// Voice, music and sound-effect tracks of the timeline.
public struct AudioMix: Codable, Sendable, Hashable {
    public var voice: AudioTrack
    public var music: AudioTrack
    /// Sound effects placed per scene; they move with their scene like the voice.
    public var effects: AudioTrack
    /// Lower the music while the voice speaks (sidechain compression); effects dip only slightly.
    public var ducking: Bool

    public init(voice: AudioTrack, music: AudioTrack, effects: AudioTrack = .empty, ducking: Bool = true) {
        self.voice = voice
        self.music = music
        self.effects = effects
        self.ducking = ducking
    }

    /// Every track with its field name, for checks that must not forget one (validation, asset ownership).
    public var namedTracks: [(name: String, track: AudioTrack)] {
        [("voice", voice), ("music", music), ("effects", effects)]
    }

    enum CodingKeys: String, CodingKey {
        case voice, music, effects, ducking
    }

    /// Documents saved before the effects lane have none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        voice = try c.decode(AudioTrack.self, forKey: .voice)
        music = try c.decode(AudioTrack.self, forKey: .music)
        effects = try c.decodeIfPresent(AudioTrack.self, forKey: .effects) ?? .empty
        ducking = try c.decode(Bool.self, forKey: .ducking)
    }

    /// An untouched effects lane is left out, so documents without effects keep their bytes and content keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(voice, forKey: .voice)
        try c.encode(music, forKey: .music)
        if effects != .empty { try c.encode(effects, forKey: .effects) }
        try c.encode(ducking, forKey: .ducking)
    }
}

/// A track: a volume and the segments placed on it.
public struct AudioTrack: Codable, Sendable, Hashable {
    public static let volumeRange: ClosedRange<Double> = 0...4

    /// Linear gain applied to the whole track (1 = as generated).
    public var volume: Double
    public var segments: [AudioSegment]

    public init(volume: Double = 1, segments: [AudioSegment]) {
        self.volume = volume
        self.segments = segments
    }

    /// A track with nothing on it at full volume.
    public static let empty = AudioTrack(segments: [])
}

/// A piece of audio placed on the timeline at `start` for `duration` seconds.
public struct AudioSegment: Codable, Sendable, Hashable {
    public var asset: AssetRef
    public var start: Double
    public var trimIn: Double
    public var duration: Double
    public var volume: Double
    public var fadeIn: Double
    public var fadeOut: Double
    /// Repeat the asset when it is shorter than `duration + trimIn`.
    public var loop: Bool

    public init(
        asset: AssetRef, start: Double, trimIn: Double = 0, duration: Double, volume: Double = 1, fadeIn: Double = 0,
        fadeOut: Double = 0, loop: Bool = false
    ) {
        self.asset = asset
        self.start = start
        self.trimIn = trimIn
        self.duration = duration
        self.volume = volume
        self.fadeIn = fadeIn
        self.fadeOut = fadeOut
        self.loop = loop
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        asset = try c.decode(AssetRef.self, forKey: .asset)
        start = try c.decode(Double.self, forKey: .start)
        trimIn = try c.decodeIfPresent(Double.self, forKey: .trimIn) ?? 0
        duration = try c.decode(Double.self, forKey: .duration)
        volume = try c.decodeIfPresent(Double.self, forKey: .volume) ?? 1
        fadeIn = try c.decodeIfPresent(Double.self, forKey: .fadeIn) ?? 0
        fadeOut = try c.decodeIfPresent(Double.self, forKey: .fadeOut) ?? 0
        loop = try c.decodeIfPresent(Bool.self, forKey: .loop) ?? false
    }
}

/// Encoder and loudness targets of the output file.
public struct OutputSpec: Codable, Sendable, Hashable {
    /// Integrated loudness target in LUFS.
    public var loudness: Double
    /// Maximum true peak in dBTP.
    public var truePeak: Double
    /// x264 constant rate factor.
    public var crf: Int
    public var preset: EncoderPreset

    public init(loudness: Double = -14, truePeak: Double = -1.5, crf: Int = 21, preset: EncoderPreset = .veryfast) {
        self.loudness = loudness
        self.truePeak = truePeak
        self.crf = crf
        self.preset = preset
    }
}

/// x264 speed/size trade-off.
public enum EncoderPreset: String, NamedChoice {
    case ultrafast, superfast, veryfast, faster, fast, medium, slow
}
