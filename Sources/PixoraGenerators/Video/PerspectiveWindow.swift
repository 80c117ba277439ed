/// A source window moved per frame by ffmpeg's `perspective` filter: edges are expressions in W, H and the frame
/// number `in`, evaluated in floating point and resampled bilinearly, so slow moves shift by fractions of a pixel
/// instead of jumping whole pixels (zoompan's integer-crop jitter).
struct PerspectiveWindow {
    var left: String
    var right: String
    var top: String
    var bottom: String

    /// The window whose centre and size are expressions in fractions of the picture (size 1 = the whole picture).
    init(centreX: String, centreY: String, size: String) {
        left = "W*(\(centreX)-\(size)/2)"
        right = "W*(\(centreX)+\(size)/2)"
        top = "H*(\(centreY)-\(size)/2)"
        bottom = "H*(\(centreY)+\(size)/2)"
    }

    /// The `perspective` filter that shows this window as the whole frame.
    var filter: String {
        let corners = [
            ("x0", left), ("y0", top), ("x1", right), ("y1", top),
            ("x2", left), ("y2", bottom), ("x3", right), ("y3", bottom),
        ].map { "\($0.0)='\($0.1.escapingCommas)'" }.joined(separator: ":")
        return "perspective=\(corners):interpolation=linear:eval=frame"
    }

    /// Filters that fill a width×height canvas with the picture (cropping the overflow) in 8-bit 4:2:0.
    static func fit(width: Int, height: Int) -> String {
        "scale=\(width):\(height):force_original_aspect_ratio=increase:flags=lanczos,crop=\(width):\(height),"
            + "format=yuv420p"
    }

    /// Encoder arguments shared by the embedded clips: H.264 that decodes cheaply, a keyframe every second.
    static func encoding(fps: Int) -> [String] {
        [
            "-an", "-c:v", "libx264", "-preset", "veryfast", "-tune", "fastdecode", "-crf", "18", "-pix_fmt", "yuv420p",
            "-g", "\(fps)", "-movflags", "+faststart", "-f", "mp4",
        ]
    }
}

extension String {
    /// An expression inside a quoted filter option: the quotes protect it from the filtergraph, the backslashes
    /// protect its commas from the option parser.
    var escapingCommas: String { replacingOccurrences(of: ",", with: "\\,") }
}
