import PixoraCore

/// VP9 + Opus settings for WebM renders.
enum WebMEncoding {
    /// libvpx's good-quality speeds stop at 5; it is the fastest that still uses the good-quality tools, which
    /// on two cores keeps VP9 within a small multiple of x264's veryfast.
    static let speed = 5

    /// Opus is transparent for stereo mixes of voice and music well below AAC's 192 kb/s.
    static let audioBitrate = "128k"

    /// VP9's constant-quality scale (0–63) against x264's (0–51): x264's default 21 lands on 32, the level
    /// libvpx's own on-demand guidance uses for 720p, and each step keeps the same direction.
    static func quality(crf: Int) -> Int { min(max(crf + 11, 0), 63) }

    static func arguments(_ state: EditorState) -> [String] {
        [
            "-c:v", "libvpx-vp9", "-row-mt", "1", "-crf", "\(quality(crf: state.output.crf))", "-b:v", "0",
            "-deadline", "good", "-cpu-used", "\(speed)", "-pix_fmt", "yuv420p", "-r", "\(state.canvas.fps)",
            "-g", "\(state.canvas.fps * 2)",
            "-c:a", "libopus", "-b:a", audioBitrate, "-ar", "48000", "-ac", "2",
        ]
    }
}
