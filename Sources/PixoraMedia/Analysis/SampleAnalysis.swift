import PixoraCore

/// What Pixora measured in a sample video: the report `pixora analyze --json` prints and a remix project stores.
/// Times are seconds from the start of the sample; colours are `#rrggbb`; levels are 0…1.
public struct SampleAnalysis: Codable, Sendable, Hashable {
    public static let currentVersion = 1

    public var version: Int
    public var durationSeconds: Double
    public var container: ContainerFacts
    public var shots: [Shot]
    public var pacing: Pacing
    /// The whole video's dominant colours, largest share first (shares sum to about 1).
    public var palette: [PaletteColour]
    public var audio: SoundReport
    public var description: SampleDescription

    public init(
        durationSeconds: Double, container: ContainerFacts, shots: [Shot], pacing: Pacing,
        palette: [PaletteColour], audio: SoundReport, description: SampleDescription
    ) {
        self.version = Self.currentVersion
        self.durationSeconds = durationSeconds
        self.container = container
        self.shots = shots
        self.pacing = pacing
        self.palette = palette
        self.audio = audio
        self.description = description
    }

    /// Facts read from the container by ffprobe.
    public struct ContainerFacts: Codable, Sendable, Hashable {
        public var formatName: String
        public var sizeBytes: Int64
        public var bitRate: Int64?
        public var width: Int
        public var height: Int
        public var fps: Double
        public var videoCodec: String
        public var audioCodec: String?
        public var hasAudio: Bool

        public init(
            formatName: String, sizeBytes: Int64, bitRate: Int64?, width: Int, height: Int, fps: Double,
            videoCodec: String, audioCodec: String?, hasAudio: Bool
        ) {
            (self.formatName, self.sizeBytes, self.bitRate) = (formatName, sizeBytes, bitRate)
            (self.width, self.height, self.fps, self.videoCodec) = (width, height, fps, videoCodec)
            (self.audioCodec, self.hasAudio) = (audioCodec, hasAudio)
        }
    }

    /// How a shot begins.
    public enum ShotEntry: String, Codable, Sendable, Hashable {
        /// The first shot of the video.
        case start
        /// A hard cut: the picture changes between two frames.
        case cut
        /// A fade or dissolve spread over several frames (`transitionSeconds` long).
        case gradual
    }

    /// A continuous stretch of picture between two boundaries.
    public struct Shot: Codable, Sendable, Hashable {
        /// 1-based, in order.
        public var index: Int
        public var start: Double
        public var end: Double
        public var entry: ShotEntry
        /// Length of the gradual transition into this shot; 0 for cuts and the first shot.
        public var transitionSeconds: Double
        /// File name of the shot's keyframe picture (a JPEG beside the report), e.g. `shot-003.jpg`.
        public var keyframe: String?
        /// Up to 3 dominant colours of the shot, largest share first.
        public var colours: [String]
        /// Mean luma, 0 (black) … 1 (white).
        public var brightness: Double
        /// How much the picture moves within the shot, 0 (still) … 1 (very fast).
        public var motion: Double

        public init(
            index: Int, start: Double, end: Double, entry: ShotEntry, transitionSeconds: Double, keyframe: String?,
            colours: [String], brightness: Double, motion: Double
        ) {
            (self.index, self.start, self.end, self.entry, self.transitionSeconds) = (
                index, start, end, entry, transitionSeconds
            )
            (self.keyframe, self.colours, self.brightness, self.motion) = (keyframe, colours, brightness, motion)
        }

        public var duration: Double { end - start }
    }

    /// How fast the sample cuts.
    public struct Pacing: Codable, Sendable, Hashable {
        public var cutsPerMinute: Double
        public var meanShotSeconds: Double
        public var medianShotSeconds: Double
        public var shortestShotSeconds: Double
        public var longestShotSeconds: Double
        /// Cuts per minute in consecutive windows of `windowSeconds`, from the start: the rhythm over time.
        public var rhythm: [Double]
        public var windowSeconds: Double
        /// `steady`, `accelerating` or `slowing`, from the rhythm's trend.
        public var trend: String

        public init(
            cutsPerMinute: Double, meanShotSeconds: Double, medianShotSeconds: Double, shortestShotSeconds: Double,
            longestShotSeconds: Double, rhythm: [Double], windowSeconds: Double, trend: String
        ) {
            (self.cutsPerMinute, self.meanShotSeconds, self.medianShotSeconds) = (
                cutsPerMinute, meanShotSeconds, medianShotSeconds
            )
            (self.shortestShotSeconds, self.longestShotSeconds) = (shortestShotSeconds, longestShotSeconds)
            (self.rhythm, self.windowSeconds, self.trend) = (rhythm, windowSeconds, trend)
        }
    }

    public struct PaletteColour: Codable, Sendable, Hashable {
        public var hex: String
        public var share: Double

        public init(hex: String, share: Double) {
            self.hex = hex
            self.share = share
        }
    }

    /// What kind of sound a stretch of the soundtrack holds.
    public enum SoundKind: String, Codable, Sendable, Hashable {
        case speech, music, silence
    }

    public struct SoundSegment: Codable, Sendable, Hashable {
        public var start: Double
        public var end: Double
        public var kind: SoundKind

        public init(start: Double, end: Double, kind: SoundKind) {
            (self.start, self.end, self.kind) = (start, end, kind)
        }
    }

    /// The soundtrack, measured.
    public struct SoundReport: Codable, Sendable, Hashable {
        public var present: Bool
        /// EBU R128 integrated loudness in LUFS; absent without audio.
        public var integratedLoudness: Double?
        /// Loudness range in LU; absent without audio.
        public var loudnessRange: Double?
        public var segments: [SoundSegment]
        /// Estimated beats per minute when music is present.
        public var tempoBPM: Double?
        /// Shares of the duration per kind (speech, music, silence), summing to about 1 with audio.
        public var speechShare: Double
        public var musicShare: Double
        public var silenceShare: Double

        public init(
            present: Bool, integratedLoudness: Double?, loudnessRange: Double?, segments: [SoundSegment],
            tempoBPM: Double?, speechShare: Double, musicShare: Double, silenceShare: Double
        ) {
            (self.present, self.integratedLoudness, self.loudnessRange) = (present, integratedLoudness, loudnessRange)
            (self.segments, self.tempoBPM) = (segments, tempoBPM)
            (self.speechShare, self.musicShare, self.silenceShare) = (speechShare, musicShare, silenceShare)
        }
    }

    /// Words about the sample: from rules over the measured features, or from a vision model.
    public struct SampleDescription: Codable, Sendable, Hashable {
        /// e.g. `talking head`, `montage`, `slideshow`, `music video`, `tutorial`.
        public var contentType: String
        /// One of the visual styles Pixora renders, the closest to the sample's look.
        public var style: VisualStyle
        /// The mood the sample's look and sound suggest.
        public var mood: Mood
        public var audience: String
        /// Two or three sentences a person reads on the analysis page.
        public var summary: String
        /// `rules` offline, or the model id that wrote it.
        public var source: String

        public init(
            contentType: String, style: VisualStyle, mood: Mood, audience: String, summary: String, source: String
        ) {
            (self.contentType, self.style, self.mood, self.audience, self.summary, self.source) = (
                contentType, style, mood, audience, summary, source
            )
        }
    }
}
