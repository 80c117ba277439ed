import PixoraCore

/// The camera over each side of a morph. A side's window is the whole picture when its amount of motion is 0,
/// so the clip's first frame is exactly the start picture and its last frame exactly the end picture; in between
/// the start side moves away from its picture and the end side settles onto its own, both in the motion's
/// direction, plus a small push while they blend so the change reads as movement rather than a dissolve.
struct MorphMotion {
    /// Zoom over the side that carries the camera move (1 + this at full motion).
    static let leadZoom = 0.08
    /// Zoom over the other side, which only eases in or out of its picture.
    static let followZoom = 0.05
    /// Extra zoom on each side at the far end of its blend.
    static let push = 0.04

    let motion: CameraMotion
    let timeline: MorphTimeline

    /// The start picture's window at output frame `n`: whole at frame 0.
    func startWindow(_ n: String, blends: Bool) -> PerspectiveWindow {
        let amount = motion == .zoomOut ? Self.followZoom : Self.leadZoom
        return window(
            zoom: amount, progress: timeline.progress(n), blend: blends ? timeline.weight(n) : nil, direction: 1)
    }

    /// The end picture's window at output frame `n`: whole at the last frame.
    func endWindow(_ n: String, blends: Bool) -> PerspectiveWindow {
        let amount = motion == .zoomIn ? Self.followZoom : Self.leadZoom
        return window(
            zoom: amount, progress: "(1-\(timeline.progress(n)))", blend: blends ? "(1-\(timeline.weight(n)))" : nil,
            direction: -1)
    }

    /// A window zoomed by `zoom` × `progress` (and `push` × `blend`) about a centre that pans into the slack the zoom
    /// leaves; the end side pans from the opposite side (`direction` −1) so the picture keeps moving the same way.
    private func window(zoom: Double, progress: String, blend: String?, direction: Int) -> PerspectiveWindow {
        let pushed = blend.map { "*(1+\(Self.push)*\($0))" } ?? ""
        let size = "(1/((1+\(zoom)*\(progress))\(pushed)))"
        // 80 % of the slack (1 − size) / 2, so the window never reaches the picture's edge.
        let offset = "0.4*(1-\(size))"
        let (x, y) = panDirection
        func centre(_ sign: Int) -> String { sign == 0 ? "0.5" : "(0.5\(sign * direction > 0 ? "+" : "-")\(offset))" }
        return PerspectiveWindow(centreX: centre(x), centreY: centre(y), size: size)
    }

    /// Which way the window travels (the picture moves the other way).
    private var panDirection: (x: Int, y: Int) {
        switch motion {
        case .zoomIn, .zoomOut: (0, 0)
        case .panLeft: (-1, 0)
        case .panRight: (1, 0)
        case .panUp: (0, -1)
        case .panDown: (0, 1)
        }
    }
}
