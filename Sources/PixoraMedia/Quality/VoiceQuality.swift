import Foundation

/// A voice as measured from its samples.
public struct VoiceMeasurement: Sendable, Equatable {
    public var duration: Double
    /// From the first to the last 20 ms block louder than `VoiceQuality.speechLevel`; 0 when none is.
    public var speaking: Double
    /// Loudest sample, dBFS.
    public var peak: Double
    /// Runs of `VoiceQuality.clipRun` or more samples in a row at full scale, and when the first starts.
    public var clippedRuns: Int
    public var firstClip: Double?
}

/// The checks of a generated narration: it sounds, it is not clipped, and it speaks about as long as its words
/// need. Read from the WAV's samples without an ffmpeg pass.
public enum VoiceQuality {
    /// Level (dBFS, 20 ms RMS) above which a block counts as speech: quiet speech sits near −35, the noise of a
    /// silent synthesized track under −70.
    public static let speechLevel = -50.0
    /// A sample within this of full scale is at the rail (16-bit: the top two codes).
    static let fullScale: Float = 32766 / 32768
    /// Samples in a row at the rail that mark clipping: a normalised voice touches its peak for a single sample,
    /// a clipped one sits there for several.
    public static let clipRun = 3
    /// Clipped runs tolerated: one may be a coincidence of two equal peaks; more is a distorted voice.
    public static let clipRunsAllowed = 1

    public static func measure(_ url: URL) async throws -> VoiceMeasurement {
        let samples = try await PCMSamples.read(url)
        let blocks = samples.windowLevels(window: 0.02)
        let sounding = blocks.indices.filter { blocks[$0] > speechLevel }
        let speaking = sounding.last.map { Double($0 - sounding[0] + 1) * 0.02 } ?? 0
        var peak: Float = 0
        var runs = 0
        var firstClip: Double?
        for channel in samples.channels {
            channel.withUnsafeBufferPointer { values in
                var run = 0
                for index in values.indices {
                    let level = abs(values[index])
                    peak = max(peak, level)
                    if level >= fullScale {
                        run += 1
                        if run == clipRun {
                            runs += 1
                            let at = Double(index - clipRun + 1) / Double(samples.sampleRate)
                            firstClip = min(firstClip ?? at, at)
                        }
                    } else {
                        run = 0
                    }
                }
            }
        }
        return VoiceMeasurement(
            duration: samples.duration, speaking: speaking, peak: peak > 0 ? 20 * log10(Double(peak)) : -120,
            clippedRuns: runs, firstClip: firstClip)
    }

    /// `expected` is the speaking time the words need, as a range wide enough for every voice and rate.
    public static func check(_ url: URL, speaking expected: ClosedRange<Double>) async throws
        -> QualityResult<VoiceMeasurement>
    {
        let voice = try await measure(url)
        var problems: [QualityProblem] = []
        if voice.speaking == 0 {
            problems.append(
                QualityProblem(.silent, "no sound above \(Int(speechLevel)) dBFS (peak \(voice.peak.tenths) dBFS)"))
        } else if !expected.contains(voice.speaking) {
            problems.append(
                QualityProblem(
                    .wrongLength,
                    "speaks for \(voice.speaking.tenths) s; the words need \(expected.lowerBound.tenths)–"
                        + "\(expected.upperBound.tenths) s"))
        }
        if voice.clippedRuns > clipRunsAllowed, let first = voice.firstClip {
            problems.append(
                QualityProblem(.clipped, "\(voice.clippedRuns) runs at full scale, the first at \(first.tenths) s"))
        }
        return QualityResult(measured: voice, problems: problems)
    }
}
