import Foundation

/// The sound half of the analysis: one ffmpeg decodes the first audio stream once, measures it with the EBU R128
/// meter and streams it on as mono 16 kHz PCM, which `SoundMeter` reads 10 ms at a time.
struct AudioPass {
    var video: URL
    var duration: Double

    func run() async throws -> SampleAnalysis.SoundReport {
        var meter = SoundMeter()
        let lines = try await RawStream.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-i", video.path, "-map", "0:a:0", "-vn",
                "-af",
                "ebur128=framelog=verbose,aresample=\(SoundMeter.sampleRate),"
                    + "aformat=sample_fmts=s16:channel_layouts=mono",
                "-f", "s16le", "pipe:1",
            ],
            recordSize: SoundMeter.hop * 2,
            onRecord: { meter.add($0) })
        meter.finish()
        let loudness = LoudnessSummary(errorLines: lines)
        let segments = SoundSegmentation.segments(meter.windows, duration: duration)
        let shares = SoundSegmentation.shares(segments)
        let musicSeconds = zip(meter.windows, meter.correlations).filter { $0.0.kind == .music }
        let tempo = (shares[.music] ?? 0) >= 0.1 ? TempoEstimate.bpm(correlations: musicSeconds.map(\.1)) : nil
        return SampleAnalysis.SoundReport(
            present: true, integratedLoudness: loudness.integrated, loudnessRange: loudness.range,
            segments: segments, tempoBPM: tempo, speechShare: ShotBuilder.rounded(shares[.speech] ?? 0),
            musicShare: ShotBuilder.rounded(shares[.music] ?? 0),
            silenceShare: ShotBuilder.rounded(shares[.silence] ?? 0))
    }

    /// The report for a video without sound.
    static let silent = SampleAnalysis.SoundReport(
        present: false, integratedLoudness: nil, loudnessRange: nil, segments: [], tempoBPM: nil, speechShare: 0,
        musicShare: 0, silenceShare: 0)
}
