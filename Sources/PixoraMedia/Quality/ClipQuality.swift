import Foundation

/// What a clip must be: the canvas, its length in frames, and how much black or still picture its scene asks for.
public struct ClipExpectation: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var fps: Int
    public var duration: Double
    /// Seconds of black or of still picture the plan itself asks for (a hold, a fade); 0 for a moving scene.
    public var allowedBlack: Double
    public var allowedStill: Double

    public init(
        width: Int, height: Int, fps: Int, duration: Double, allowedBlack: Double = 0, allowedStill: Double = 0
    ) {
        self.width = width
        self.height = height
        self.fps = fps
        self.duration = duration
        self.allowedBlack = allowedBlack
        self.allowedStill = allowedStill
    }
}

/// A clip as measured: ffprobe's size and frame count (ffmpeg's when it decoded the file), black and frozen
/// stretches and scene cuts.
public struct ClipMeasurement: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var frameRate: Double
    public var frames: Int
    public var duration: Double
    public var black: [TimeStretch]
    public var frozen: [TimeStretch]
    /// When the picture changes all at once, and how much.
    public var cuts: [SceneCut]
}

/// A cut inside a clip: its time and scdet's score (0…100).
public struct SceneCut: Sendable, Equatable {
    public var time: Double
    public var score: Double
}

/// The checks of a generated clip: one ffprobe, and `blackdetect`, `freezedetect` and `scdet` on the same frames,
/// either in the ffmpeg run that encoded them (an embedded clip, `ClipFrames`) or in one pass that decodes the file.
public enum ClipQuality {
    /// Shortest black stretch reported. A dissolve through black lasts under half a second and is the render's
    /// job, never the clip's; a generated clip black for longer has lost its picture.
    public static let blackMinimum = 0.5
    /// Shortest still stretch reported. Every clip moves (a camera move at the least), and the slowest embedded
    /// move changes the picture well above the noise floor below within a frame; a second without change is a
    /// provider that stopped or a clip padded with its last frame.
    public static let stillMinimum = 1.0
    /// Frames closer than this (mean squared difference, dB) count as the same picture: the compression noise of
    /// a still H.264 picture stays under it, the slowest embedded pan stays above it.
    public static let stillNoise = -60
    /// scdet's score (0…100) above which the picture jumped. A whole-frame cut scores ~20; the embedded camera
    /// moves and a model's fast motion score under 1, so 10 leaves room both ways.
    public static let cutScore = 10.0

    /// The detectors as a filter chain, for a pass over a file or for a branch of the graph that encodes a clip
    /// (`ClipFrames`). Every other pixel of every other row is enough for all three: a sample of the picture, not
    /// an average of it, so the share of black pixels, the frame-to-frame noise and the cut scores keep their
    /// statistics (no smoothing that would make a moving picture look still), for a quarter of the detectors' work.
    public static let detectors =
        "scale=trunc(iw/4)*2:trunc(ih/4)*2:flags=neighbor,"
        + "blackdetect=d=\(blackMinimum):pix_th=0.10:pic_th=0.98,"
        + "freezedetect=n=\(stillNoise)dB:d=\(stillMinimum),scdet=t=\(cutScore)"

    /// Measures `url`: ffprobe's size, rate and frame count, and the detectors' findings, from `frames` when the
    /// clip's frames were measured as they were encoded, else from one ffmpeg pass that decodes the file.
    public static func measure(_ url: URL, frames measured: ClipFrames? = nil) async throws -> ClipMeasurement {
        let info = try await MediaProbe.probeAsset(url)
        guard let video = info.video else {
            throw MediaError.unreadableOutput(tool: "ffprobe", detail: "\(url.lastPathComponent) has no picture")
        }
        let duration = video.duration ?? info.duration
        var frames = video.frames
        var found = measured
        if found == nil || frames == nil {
            let result = try await ToolRunner.run(
                .ffmpeg,
                [
                    "-hide_banner", "-nostdin", "-nostats", "-i", url.path, "-map", "0:v:0", "-vf", detectors,
                    "-f", "null", "-",
                ])
            found = ClipFrames(ffmpegLines: result.errorLines, duration: duration)
            frames = ClipFrames.frameCount(in: result.errorLines) ?? frames
        }
        let seen = found ?? ClipFrames()
        return ClipMeasurement(
            width: video.width ?? 0, height: video.height ?? 0, frameRate: video.frameRate ?? 0, frames: frames ?? 0,
            duration: duration, black: seen.black, frozen: seen.frozen, cuts: seen.cuts)
    }

    public static func check(_ url: URL, against expected: ClipExpectation, frames: ClipFrames? = nil) async throws
        -> QualityResult<ClipMeasurement>
    {
        let measured = try await measure(url, frames: frames)
        return QualityResult(measured: measured, problems: problems(measured, expected))
    }

    static func problems(_ clip: ClipMeasurement, _ expected: ClipExpectation) -> [QualityProblem] {
        var problems: [QualityProblem] = []
        if clip.width != expected.width || clip.height != expected.height {
            problems.append(
                QualityProblem(
                    .wrongSize, "\(clip.width)×\(clip.height) instead of \(expected.width)×\(expected.height)"))
        }
        if abs(clip.frameRate - Double(expected.fps)) > 0.01 {
            problems.append(QualityProblem(.wrongFrameRate, "\(clip.frameRate.tenths) fps instead of \(expected.fps)"))
        }
        let wanted = Int((expected.duration * Double(expected.fps)).rounded())
        if abs(clip.frames - wanted) > 1 {
            problems.append(
                QualityProblem(
                    .wrongLength,
                    "\(clip.frames) frames (\(clip.duration.tenths) s) instead of \(wanted) "
                        + "(\(expected.duration.tenths) s)"))
        }
        let black = clip.black.reduce(0) { $0 + $1.length }
        if black > expected.allowedBlack, let first = clip.black.first {
            problems.append(QualityProblem(.black, "black for \(black.tenths) s from \(first.start.tenths) s"))
        }
        // A cloud clip shorter than its scene is conformed by holding its last frame (`MediaConvert`); that
        // tail is the pipeline's own, so a hold that ends the clip and fills at most half of it is not a fault.
        let frameTime = 1 / Double(max(expected.fps, 1))
        let stretches = clip.frozen.filter { stretch in
            !(stretch.end >= clip.duration - frameTime && stretch.length <= clip.duration / 2)
        }
        let still = stretches.reduce(0) { $0 + $1.length }
        if still > expected.allowedStill, let first = stretches.first {
            problems.append(QualityProblem(.frozen, "frozen for \(still.tenths) s from \(first.start.tenths) s"))
        }
        if let cut = clip.cuts.first {
            problems.append(
                QualityProblem(.sceneJump, "the picture jumps at \(cut.time.tenths) s (score \(cut.score.tenths))"))
        }
        return problems
    }
}
