/// Cuts a synthesizer render at the loop point and mixes what rings past it (reverb, releases) back onto the
/// start, so the track loops without a click or a gap: in playback the tail would sound over the next repeat.
struct LoopFold: Sendable, Hashable {
    /// The loop length in samples.
    var sampleCount: Int
    var sampleRate: Int

    /// The ffmpeg filtergraph from input 0 to the label `[loop]`.
    var filterGraph: String {
        let length = sampleCount
        return [
            "[0:a]aresample=\(sampleRate),aformat=sample_fmts=fltp:channel_layouts=stereo,asplit=2[body][ring]",
            // apad guards against a render that stops short: the output is still exactly the loop length.
            "[body]atrim=end_sample=\(length),asetpts=PTS-STARTPTS,apad=whole_len=\(length)[head]",
            "[ring]atrim=start_sample=\(length),asetpts=PTS-STARTPTS[tail]",
            // normalize=0 adds the tail at its own level instead of halving both inputs.
            "[head][tail]amix=inputs=2:duration=first:dropout_transition=0:normalize=0,atrim=end_sample=\(length)[loop]",
        ].joined(separator: ";")
    }

    /// ffmpeg arguments that read `render` and write stereo 16-bit PCM WAV at `sampleRate` to `output`.
    func arguments(render: String, output: String) -> [String] {
        [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-i", render,
            "-filter_complex", filterGraph, "-map", "[loop]",
            "-ac", "2", "-ar", "\(sampleRate)", "-c:a", "pcm_s16le",
            "-fflags", "+bitexact", "-flags:a", "+bitexact",
            "-f", "wav", output,
        ]
    }
}
