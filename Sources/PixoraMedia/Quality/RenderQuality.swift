import Foundation
import PixoraCore

/// A rendered file as measured: ffprobe's picture and the EBU R128 meter's loudness.
public struct RenderMeasurement: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var frameRate: Double
    public var frames: Int
    public var duration: Double
    /// Integrated loudness (LUFS) and true peak (dBTP); nil when the render was not meant to sound.
    public var loudness: Double?
    public var truePeak: Double?
}

/// The checks of a render against the EditorState it was made from: its canvas, frame rate and frame count, and
/// the output's loudness target and true-peak ceiling.
public enum RenderQuality {
    /// Integrated loudness within this of the target (LU): EBU R128's own tolerance for programme delivery.
    public static let loudnessTolerance = 1.0
    /// True peak allowed over the ceiling (dB): the AAC encoder's reconstruction can overshoot the limiter's
    /// ceiling by a few tenths, and a track turned up in the editor by over a decibel more (seen: -0.3 dBTP on a
    /// -1.5 ceiling); past 1.5 dB the render nears full scale and the limiter did not act.
    public static let peakTolerance = 1.5

    /// `sounding` is whether the timeline has sound to normalise (the renderer measured some).
    public static func check(_ url: URL, against state: EditorState, sounding: Bool) async throws
        -> QualityResult<RenderMeasurement>
    {
        let info = try await MediaProbe.probe(url)
        guard let video = info.video else {
            throw MediaError.unreadableOutput(tool: "ffprobe", detail: "\(url.lastPathComponent) has no picture")
        }
        let duration = video.duration ?? info.duration
        let rate = video.frameRate ?? 0
        // WebM carries no frame count; its length at the frame rate is the count to one frame.
        let frames = video.frames ?? Int((duration * rate).rounded())
        var measured = RenderMeasurement(
            width: video.width ?? 0, height: video.height ?? 0, frameRate: rate, frames: frames, duration: duration)
        if sounding {
            let loudness = try await MediaCheck.loudness(of: url)
            measured.loudness = loudness.integrated
            measured.truePeak = loudness.truePeak
        }
        return QualityResult(measured: measured, problems: problems(measured, state))
    }

    static func problems(_ render: RenderMeasurement, _ state: EditorState) -> [QualityProblem] {
        var problems: [QualityProblem] = []
        let canvas = state.canvas
        if render.width != canvas.width || render.height != canvas.height {
            problems.append(
                QualityProblem(
                    .wrongSize, "\(render.width)×\(render.height) instead of \(canvas.width)×\(canvas.height)"))
        }
        if abs(render.frameRate - Double(canvas.fps)) > 0.01 {
            problems.append(QualityProblem(.wrongFrameRate, "\(render.frameRate.tenths) fps instead of \(canvas.fps)"))
        }
        let wanted = Int((state.duration * Double(canvas.fps)).rounded())
        if abs(render.frames - wanted) > 1 {
            problems.append(
                QualityProblem(
                    .wrongLength, "\(render.frames) frames (\(render.duration.tenths) s) instead of \(wanted)"))
        }
        let output = state.output
        if let loudness = render.loudness, abs(loudness - output.loudness) > loudnessTolerance {
            problems.append(
                QualityProblem(
                    .loudness, "\(loudness.tenths) LUFS instead of \(output.loudness.tenths) ± \(loudnessTolerance) LU")
            )
        }
        if let peak = render.truePeak, peak > output.truePeak + peakTolerance {
            problems.append(
                QualityProblem(
                    .truePeak, "true peak \(peak.tenths) dBTP over the \(output.truePeak.tenths) dBTP ceiling"))
        }
        return problems
    }
}
