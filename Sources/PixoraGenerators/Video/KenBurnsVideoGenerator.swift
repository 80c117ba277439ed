import Foundation
import PixoraCore
import PixoraMedia

/// Ken Burns motion over a still picture with ffmpeg's `perspective` filter.
/// The crop window is computed per frame in floating point and resampled bilinearly, so slow pans
/// and zooms move by fractions of a pixel instead of jumping whole pixels (zoompan's integer-crop jitter).
public struct KenBurnsVideoGenerator: VideoGenerator {
    public let id = "embedded.kenburns"
    /// 3: gentler motion (10 % zoom, pans use 80 % of the slack) so titles near the edge stay in frame.
    /// 2: encoded with `-tune fastdecode` (same size here, about a quarter less decoding work in every render).
    public let version = 3
    /// How far the window zooms over a clip (1.10 = 10 %). At most (1 − 1/zoom)/2 + pan travel ≈ 8.2 % of a side is cropped.
    static let zoom = 1.10

    public init() {}

    public func makeClip(_ request: ClipRequest, image: URL, to output: URL) async throws {
        let frames = max(Int((request.duration * Double(request.fps)).rounded()), 2)
        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                [
                    "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                    "-loop", "1", "-framerate", "\(request.fps)", "-i", image.path,
                    "-vf", Self.filter(for: request, frames: frames),
                    "-frames:v", "\(frames)", "-an",
                    "-c:v", "libx264", "-preset", "veryfast", "-tune", "fastdecode", "-crf", "18", "-pix_fmt",
                    "yuv420p",
                    "-g", "\(request.fps)", "-movflags", "+faststart", "-f", "mp4", temporary.path,
                ])
        }
    }

    /// The filter chain: fit the picture to the canvas, then move a sub-pixel crop window across it.
    static func filter(for request: ClipRequest, frames: Int) -> String {
        let (w, h) = (request.width, request.height)
        let window = window(for: request.motion, frames: frames)
        let corners = [
            ("x0", window.left), ("y0", window.top), ("x1", window.right), ("y1", window.top),
            ("x2", window.left), ("y2", window.bottom), ("x3", window.right), ("y3", window.bottom),
        ].map { "\($0.0)='\($0.1)'" }.joined(separator: ":")
        return "scale=\(w):\(h):force_original_aspect_ratio=increase:flags=lanczos,crop=\(w):\(h),format=yuv420p,"
            + "perspective=\(corners):interpolation=linear:eval=frame,setsar=1"
    }

    /// Expressions (in W, H and the frame number `in`) for the edges of the source window of each frame.
    static func window(for motion: CameraMotion, frames: Int) -> (
        left: String, right: String, top: String, bottom: String
    ) {
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
        return (
            left: "W*(\(centreX)-\(scale)/2)", right: "W*(\(centreX)+\(scale)/2)",
            top: "H*(\(centreY)-\(scale)/2)", bottom: "H*(\(centreY)+\(scale)/2)"
        )
    }
}
