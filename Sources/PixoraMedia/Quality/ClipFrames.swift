import Foundation

/// What `ClipQuality.detectors` found in a clip's frames: black and still stretches and cuts. An embedded
/// generator runs the detectors on a branch of the graph that encodes the clip, so the check reads the frames
/// once, as they are made, instead of decoding the file again; a clip from anywhere else is decoded for them.
public struct ClipFrames: Sendable, Equatable {
    public var black: [TimeStretch] = []
    public var frozen: [TimeStretch] = []
    public var cuts: [SceneCut] = []

    public init(black: [TimeStretch] = [], frozen: [TimeStretch] = [], cuts: [SceneCut] = []) {
        self.black = black
        self.frozen = frozen
        self.cuts = cuts
    }

    /// The detectors' findings in ffmpeg's log (level info) of a run over `duration` seconds of frames.
    public init(ffmpegLines lines: [String], duration: Double) {
        var freezeStart: Double?
        for line in lines {
            if let start = MediaCheck.field("black_start", in: line), let end = MediaCheck.field("black_end", in: line)
            {
                black.append(TimeStretch(start: start, end: end))
            } else if let start = MediaCheck.field("lavfi.freezedetect.freeze_start", in: line) {
                freezeStart = start
            } else if let end = MediaCheck.field("lavfi.freezedetect.freeze_end", in: line), let start = freezeStart {
                frozen.append(TimeStretch(start: start, end: end))
                freezeStart = nil
            } else if let score = MediaCheck.field(
                "lavfi.scd.score", in: line.replacingOccurrences(of: ",", with: " ")),
                let time = MediaCheck.field("lavfi.scd.time", in: line)
            {
                cuts.append(SceneCut(time: time, score: score))
            }
        }
        // freezedetect says nothing at the end of a clip that stays frozen to its last frame.
        if let start = freezeStart { frozen.append(TimeStretch(start: start, end: duration)) }
    }

    /// The frames ffmpeg said it processed (its last `frame=` line), if it said.
    static func frameCount(in lines: [String]) -> Int? {
        lines.last { $0.hasPrefix("frame=") }.flatMap { line in
            Int(line.dropFirst(6).split(separator: " ").first ?? "")
        }
    }
}
