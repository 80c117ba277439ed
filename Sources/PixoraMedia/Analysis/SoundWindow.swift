import Foundation

/// What one second of the soundtrack measured, and what kind of sound that makes it.
///
/// Speech alternates syllables and short pauses about four times a second, voiced and unvoiced sounds: many of
/// its 10 ms frames are far quieter than the second's mean (`lowEnergyShare`) and its zero-crossing rate swings
/// (`crossingSpread`). Music holds its energy, or pulses regularly (`regularity`: the onset envelope's
/// autocorrelation peak at a beat period), which a click track or drum loop has and speech has not.
struct SoundWindow: Sendable, Hashable {
    var start: Double
    var end: Double
    /// Level of the second in dBFS (RMS).
    var level: Double
    var lowEnergyShare: Double
    var crossingSpread: Double
    /// Spectral flatness, 0 (tonal) … 1 (noise).
    var flatness: Double
    var regularity: Double

    static let silenceLevel = -50.0

    var kind: SampleAnalysis.SoundKind {
        if level < Self.silenceLevel { return .silence }
        if regularity >= 0.55 { return .music }
        // Under a music bed the pauses fill up, but the swings between voiced and unvoiced sounds remain and are
        // larger than music's own (at most about 0.045 in Pixora's fluidsynth scores).
        let speechLike =
            (lowEnergyShare >= 0.3 && crossingSpread >= 0.02) || (lowEnergyShare >= 0.2 && crossingSpread >= 0.07)
        return speechLike ? .speech : .music
    }
}
