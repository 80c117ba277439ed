/// Cuts a synthesizer render at the loop point and mixes what rings past it (reverb, releases) back onto the
/// start, so the track loops without a click or a gap: in playback the tail would sound over the next repeat.
struct LoopFold: Sendable, Hashable {
    /// The loop length in samples.
    var sampleCount: Int
    var sampleRate: Int

    /// Where the tail starts, as an ffmpeg time. It is read by seeking a second input there rather than by
    /// splitting one input: a split would hold the whole body in memory until the tail's first sample arrives.
    var loopPoint: String {
        let microseconds = sampleCount * 1_000_000 / sampleRate
        let fraction = String(microseconds % 1_000_000)
        return "\(microseconds / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// The ffmpeg filtergraph from inputs 0 (the render) and 1 (the render from the loop point) to `[loop]`.
    var filterGraph: String {
        let length = sampleCount
        return [
            // apad guards against a render that stops short: the output is still exactly the loop length.
            "[0:a]aformat=channel_layouts=stereo,atrim=end_sample=\(length),apad=whole_len=\(length)[head]",
            "[1:a]aformat=channel_layouts=stereo,asetpts=PTS-STARTPTS[tail]",
            // normalize=0 adds the tail at its own level instead of halving both inputs.
            "[head][tail]amix=inputs=2:duration=first:dropout_transition=0:normalize=0,"
                + "atrim=end_sample=\(length)[loop]",
        ].joined(separator: ";")
    }

    /// ffmpeg arguments that read `render` and write stereo 16-bit PCM WAV at `sampleRate` to `output`.
    func arguments(render: String, output: String) -> [String] {
        [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-i", render,
            "-ss", loopPoint, "-i", render,
            "-filter_complex", filterGraph, "-map", "[loop]",
            "-ac", "2", "-ar", "\(sampleRate)", "-c:a", "pcm_s16le",
            "-fflags", "+bitexact", "-flags:a", "+bitexact",
            "-f", "wav", output,
        ]
    }
}
