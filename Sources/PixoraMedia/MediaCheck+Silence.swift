import Foundation

extension MediaCheck {
    /// Sounding stretches of the first audio track as ffmpeg's `silencedetect` finds them: the sound is taken to
    /// start where a silence at most `threshold` dBFS, at least `minimumSilence` seconds long, ends, and to stop
    /// where the next one starts. Speech onsets for checking captions against the voice.
    public static func soundingStretches(
        in url: URL, threshold: Double, minimumSilence: Double = 0.15
    ) async throws -> [(start: Double, end: Double)] {
        let result = try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-nostats", "-i", url.path, "-map", "0:a:0",
                "-af", "silencedetect=n=\(threshold)dB:d=\(minimumSilence)", "-f", "null", "-",
            ])
        var stretches: [(start: Double, end: Double)] = []
        var soundStart: Double? = 0
        for line in result.errorLines {
            if let end = field("silence_end", in: line) {
                soundStart = end
            } else if let start = field("silence_start", in: line) {
                if let from = soundStart, start > from { stretches.append((from, start)) }
                soundStart = nil
            }
        }
        let info = try await MediaProbe.probe(url)
        if let from = soundStart, info.duration - from > 0.05 { stretches.append((from, info.duration)) }
        return stretches
    }
}
