import PixoraMedia

/// How a remix sounds, read from the sample's soundtrack.
public enum SoundStrategy: String, Sendable, Hashable, Codable {
    /// A voice carries the video (the sample is mostly speech): narration over every scene, music as a bed when
    /// the sample had music too.
    case narrated
    /// Music carries the video (the sample is mostly music, or silent): a line at the start and the end, music on.
    case musicDriven

    /// Speech wins when there is at least as much of it as music and it fills a third of the sample.
    public init(_ audio: SampleAnalysis.SoundReport) {
        self =
            audio.present && audio.speechShare >= 0.3 && audio.speechShare >= audio.musicShare
            ? .narrated : .musicDriven
    }

    /// The shortest scene this strategy allows: a narrated scene must hold a sentence, a music-driven one only a beat.
    var shortestScene: Double {
        switch self {
        case .narrated: 2.5
        case .musicDriven: RemixLimits.shortestScene
        }
    }
}
