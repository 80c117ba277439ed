import Foundation
import PixoraCore
import PixoraMedia

/// The embedded start→end clip: a sub-pixel camera move (`PerspectiveWindow`) over an eased blend from the start
/// picture to the end picture. Without an end picture it is the camera move alone.
public struct MorphVideoGenerator: FramedVideoGenerator {
    public let id = "embedded.morph"
    public let version = 1

    public init() {}

    public func makeClip(_ request: FramedClipRequest, start: URL, end: URL?, to output: URL) async throws {
        let timeline = MorphTimeline(duration: request.duration, fps: request.fps)
        let inputs = [start] + (end.map { [$0] } ?? [])
        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"]
                    + inputs.flatMap { ["-i", $0.path] }
                    + [
                        "-filter_complex", Self.graph(for: request, timeline: timeline, hasEnd: end != nil),
                        "-map", "[v]", "-frames:v", "\(timeline.frames)", "-r", "\(request.fps)",
                    ] + PerspectiveWindow.encoding(fps: request.fps) + [temporary.path])
        }
    }

    /// The filtergraph from input 0 (start) and optionally input 1 (end) to `[v]`.
    static func graph(for request: FramedClipRequest, timeline: MorphTimeline, hasEnd: Bool) -> String {
        let motion = MorphMotion(motion: request.motion, timeline: timeline)
        // The picture is fitted once and the frame repeated, instead of rescaling the same picture every frame.
        let still =
            PerspectiveWindow.fit(width: request.width, height: request.height)
            + ",loop=loop=\(timeline.frames):size=1:start=0"
        let finish = "settb=1/\(request.fps),setpts=N,format=yuv420p,setsar=1[v]"
        guard hasEnd else {
            // A zoom out cannot start on the whole picture without inventing what lies outside it, so it ends there.
            let window =
                request.motion == .zoomOut
                ? motion.endWindow("in", blends: false) : motion.startWindow("in", blends: false)
            return "[0:v]\(still),\(window.filter),\(finish)"
        }
        // Both sides are blended in 16 bits: xfade truncates, and in 8 bits every blended frame is half a level
        // darker than the held ones, a visible step where the blend starts and ends.
        let timing =
            "settb=1/\(request.fps * 1000),setpts='\(timeline.warpedTimestamps.escapingCommas)'/\(request.fps)/TB"
        let sides = [
            "[0:v]\(still),\(timing),\(motion.startWindow("in", blends: true).filter),format=yuv444p16le[a]",
            "[1:v]\(still),\(timing),\(motion.endWindow("(in+\(timeline.blendStart))", blends: true).filter),"
                + "format=yuv444p16le[b]",
        ]
        let offset = Double(timeline.blendStart) / Double(request.fps)
        let duration = Double(timeline.blendEnd - timeline.blendStart) / Double(request.fps)
        return sides.joined(separator: ";")
            + ";[a][b]xfade=transition=fade:offset=\(offset):duration=\(duration),\(finish)"
    }
}
