import Foundation

/// A music track's join as measured: the step from its last sample back to its first, against the sound there.
public struct MusicLoopMeasurement: Sendable, Equatable {
    public var duration: Double
    /// Largest jump between the last and the first sample of a channel (full scale 1).
    public var seamStep: Double
    /// RMS of the `MusicLoopQuality.window` either side of the seam, and the largest step between neighbouring
    /// samples there (the music's own steepest change).
    public var localRMS: Double
    public var localStep: Double
    /// Whole-track RMS level, dBFS.
    public var level: Double
}

/// Music loops under a video longer than the track, so the join must be as smooth as the music around it.
public enum MusicLoopQuality {
    /// Audio either side of the seam compared with it: 10 ms holds a few cycles of the bass.
    public static let window = 0.01
    /// A seam step above this share of the local RMS, and above `stepRatio` times the music's own steepest step
    /// nearby, is a click: a continuous waveform never jumps by its RMS between two samples at 48 kHz, a cut one
    /// does; the second test spares percussive music whose own attacks are steep.
    public static let clickRatio = 0.5
    public static let stepRatio = 2.0
    /// Below this level (dBFS) the track is silent.
    public static let silenceLevel = -60.0

    public static func measure(_ url: URL) async throws -> MusicLoopMeasurement {
        let samples = try await PCMSamples.read(url)
        let count = samples.channels.first?.count ?? 0
        let span = max(min(Int(window * Double(samples.sampleRate)), count / 2), 1)
        var seam: Double = 0
        var sum: Double = 0
        var local: Double = 0
        var total: Double = 0
        for channel in samples.channels where count > 2 {
            seam = max(seam, Double(abs(channel[count - 1] - channel[0])))
            let near = Array(channel[(count - span)...]) + Array(channel[..<span])
            sum += near.reduce(0) { $0 + Double($1 * $1) }
            for (index, value) in near.enumerated().dropFirst() where index != span {
                local = max(local, Double(abs(value - near[index - 1])))
            }
            total += channel.withUnsafeBufferPointer { values in
                var sum: Double = 0
                for value in values { sum += Double(value * value) }
                return sum
            }
        }
        let channels = Double(max(samples.channels.count, 1))
        let mean = total / (Double(max(count, 1)) * channels)
        return MusicLoopMeasurement(
            duration: samples.duration, seamStep: seam, localRMS: (sum / (Double(2 * span) * channels)).squareRoot(),
            localStep: local, level: mean > 0 ? 10 * log10(mean) : -120)
    }

    public static func check(_ url: URL) async throws -> QualityResult<MusicLoopMeasurement> {
        let music = try await measure(url)
        var problems: [QualityProblem] = []
        if music.level < silenceLevel {
            problems.append(QualityProblem(.silent, "the track's level is \(music.level.tenths) dBFS"))
        } else if music.seamStep > clickRatio * music.localRMS, music.seamStep > stepRatio * music.localStep {
            problems.append(
                QualityProblem(
                    .loopClick,
                    String(
                        format: "the loop jumps by %.3f at %.1f s where the music's RMS is %.3f",
                        music.seamStep, music.duration, music.localRMS)))
        }
        return QualityResult(measured: music, problems: problems)
    }
}
