import Foundation
import PixoraCore
import PixoraMedia

/// Ken Burns motion over a still picture with ffmpeg's `perspective` filter (a sub-pixel `PerspectiveWindow`).
public struct KenBurnsVideoGenerator: VideoGenerator {
    public let id = "embedded.kenburns"
    /// 3: gentler motion (10 % zoom, pans use 80 % of the slack) so titles near the edge stay in frame.
    /// 2: encoded with `-tune fastdecode` (same size here, about a quarter less decoding work in every render).
    public let version = 3
    /// How far the window zooms over a clip (1.10 = 10 %). At most (1 − 1/zoom)/2 + pan travel ≈ 8.2 % of a side is cropped.
    static let zoom = 1.10

    /// Whether clips are measured as they are encoded (off, the file is the same: `KenBurnsTests` compares them).
    let measuring: Bool

    public init(measuring: Bool = true) { self.measuring = measuring }

    public func makeClip(_ request: ClipRequest, image: URL, to output: URL) async throws {
        _ = try await makeMeasuredClip(request, image: image, to: output)
    }

    /// The clip, with `ClipQuality.detectors` on a branch of the graph that encodes it: the frames are measured
    /// as they are made, for a fraction of what decoding the file again would cost (`pixora-bench generate`).
    /// `trim` ends the input at the clip's last frame, so both branches see exactly the frames the file holds.
    public func makeMeasuredClip(_ request: ClipRequest, image: URL, to output: URL) async throws -> ClipFrames? {
        let frames = max(Int((request.duration * Double(request.fps)).rounded()), 2)
        let chain = "[0:v]trim=end_frame=\(frames),\(Self.filter(for: request, frames: frames))"
        let detectors = ",split[clip][checked];[checked]\(ClipQuality.detectors),nullsink"
        let graph = chain + (measuring ? detectors : "[clip]")
        let log = try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                [
                    "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-y",
                    "-loop", "1", "-framerate", "\(request.fps)", "-i", image.path,
                    "-filter_complex", graph, "-map", "[clip]", "-frames:v", "\(frames)",
                ] + PerspectiveWindow.encoding(fps: request.fps) + [temporary.path])
        }
        guard measuring else { return nil }
        return ClipFrames(ffmpegLines: log.errorLines, duration: Double(frames) / Double(request.fps))
    }

    /// The filter chain: fit the picture to the canvas, then move a sub-pixel crop window across it.
    static func filter(for request: ClipRequest, frames: Int) -> String {
        PerspectiveWindow.fit(width: request.width, height: request.height) + ","
            + window(for: request.motion, frames: frames).filter + ",setsar=1"
    }

    /// Expressions (in W, H and the frame number `in`) for the edges of the source window of each frame.
    static func window(for motion: CameraMotion, frames: Int) -> PerspectiveWindow {
        let progress = "(in/\(frames - 1))"
        let z = zoom.formatted
        // Scale factor of the window (1 = whole picture) and the window centre as fractions of W and H.
        let scale: String
        var centreX = "0.5"
        var centreY = "0.5"
        let travel = (1 - 1 / zoom) / 2 * 0.8
        switch motion {
        case .zoomIn: scale = "(1/(1+(\(z)-1)*\(progress)))"
        case .zoomOut: scale = "(1/(\(z)-(\(z)-1)*\(progress)))"
        case .panLeft, .panRight, .panUp, .panDown:
            scale = "(1/\(z))"
            let sign = (motion == .panRight || motion == .panDown) ? "+" : "-"
            let along = "(0.5\(sign)\(travel.formatted)*(2*\(progress)-1))"
            if motion == .panLeft || motion == .panRight { centreX = along } else { centreY = along }
        }
        return PerspectiveWindow(centreX: centreX, centreY: centreY, size: scale)
    }
}
