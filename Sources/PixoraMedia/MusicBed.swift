import Foundation

/// A music bed of an exact length from a track that may be shorter: the track from its start, then again and
/// again, each repeat joined by an equal-power crossfade of its tail into its head, cut at `length`.
public enum MusicBed {
    /// Bumped whenever the output for the same inputs changes (part of the bed's content key).
    public static let version = 1
    /// Seconds the end of one pass and the start of the next overlap.
    public static let crossfade = 2.0

    /// Writes `length` seconds to the WAV `output` (48 kHz stereo 16-bit) from the 48 kHz stereo WAV `track`.
    /// The crossfade is shortened for very short tracks (at most a quarter of the track).
    public static func loop(_ track: URL, length: Double, to output: URL) async throws {
        let header = try WAVHeader(contentsOf: track)
        let rate = header.sampleRate
        let trackSamples = header.dataBytes / max(header.channels * header.bitsPerSample / 8, 1)
        let fade = min(Int(crossfade * Double(rate)), trackSamples / 4)
        guard fade > 0 else { throw UploadError.empty(.audio) }
        let total = Int((length * Double(rate)).rounded(.up))
        // One period after the first pass: the track from `fade` on, its last `fade` samples crossfaded into its
        // first `fade`. The bed is the first `fade` samples followed by that period repeated (aloop keeps it in
        // memory: it is shorter than the video, at most a few tens of MB).
        let period = trackSamples - fade
        let graph = [
            "[0:a]asplit=3[head][body][next]",
            "[head]atrim=end_sample=\(fade)[start]",
            "[body]atrim=start_sample=\(fade),asetpts=PTS-STARTPTS[rest]",
            "[next]atrim=end_sample=\(fade)[again]",
            "[rest][again]acrossfade=ns=\(fade):c1=qsin:c2=qsin,aloop=loop=-1:size=\(period)[cycle]",
            "[start][cycle]concat=n=2:v=0:a=1,atrim=end_sample=\(total)[out]",
        ].joined(separator: ";")
        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                [
                    "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y", "-i", track.path,
                    "-filter_complex", graph, "-map", "[out]", "-ac", "2", "-ar", "\(rate)", "-c:a", "pcm_s16le",
                    "-map_metadata", "-1", "-fflags", "+bitexact", "-flags", "+bitexact", "-f", "wav", temporary.path,
                ])
        }
    }
}
