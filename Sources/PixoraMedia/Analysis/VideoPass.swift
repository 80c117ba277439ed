import Foundation

/// The picture half of the analysis: one ffmpeg decodes the video once and streams it as small RGB frames (and,
/// when keyframes are wanted, writes a 4-per-second strip of small JPEGs beside), the frames are segmented into
/// shots and measured as they arrive.
struct VideoPass {
    var video: URL
    var width: Int
    var height: Int
    /// Frames per second analysed (the source's rate, at most 60).
    var fps: Double
    var duration: Double
    /// Where the JPEG strip goes, or nil for none. Shots take their keyframes from it as they close.
    var strip: KeyframeStrip?

    struct Result {
        var shots: [SampleAnalysis.Shot]
        var palette: ColourHistogram
        var frames: Int
    }

    func run(progress: (@Sendable (Double) async -> Void)?) async throws -> Result {
        let size = FrameSample.Size(fitting: width, height)
        let rate = String(format: "%.6f", fps)
        var graph = "[0:v:0]fps=\(rate),scale=\(size.width):\(size.height):flags=area,format=rgb24[small]"
        var outputs = ["-map", "[small]", "-f", "rawvideo", "pipe:1"]
        if let strip {
            graph =
                "[0:v:0]fps=\(rate),split=2[a][b];[a]scale=\(size.width):\(size.height):flags=area,format=rgb24[small];"
                + "[b]fps=\(KeyframeStrip.rate),\(strip.scaleFilter(width: width, height: height))[strip]"
            outputs += ["-map", "[strip]", "-q:v", "3", "-f", "image2", strip.pattern]
        }
        var segmenter = ShotSegmenter(fps: fps)
        var builder = ShotBuilder(fps: fps)
        var strip = strip
        var keyframes: [Int: String] = [:]
        func takeKeyframes() {
            guard strip != nil else { return }
            while keyframes.count < builder.shots.count {
                let shot = builder.shots[keyframes.count]
                keyframes[keyframes.count] = strip?.take(shot, fps: fps) ?? ""
            }
        }
        let expected = max(duration * fps, 1)
        var reported = 0.0
        try await RawStream.run(
            .ffmpeg,
            // The loop filter only sharpens block edges, invisible at 64 px: skipping it saves a third of decoding.
            [
                "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-skip_loop_filter", "all", "-i",
                video.path,
                "-filter_complex", graph,
            ] + outputs,
            recordSize: size.bytes,
            onRecord: { bytes in
                for ready in segmenter.add(FrameSample(bytes, size: size)) { builder.add(ready) }
                takeKeyframes()
            },
            afterChunk: {
                let fraction = min(1, Double(segmenter.frameCount) / expected)
                if let progress, fraction - reported >= 0.01 {
                    reported = fraction
                    await progress(fraction)
                }
            })
        for ready in segmenter.finish() { builder.add(ready) }
        let frames = segmenter.frameCount
        builder.finish(duration: duration)
        takeKeyframes()
        var shots = builder.shots
        for (index, name) in keyframes where !name.isEmpty { shots[index].keyframe = name }
        return Result(shots: shots, palette: builder.palette, frames: frames)
    }
}
