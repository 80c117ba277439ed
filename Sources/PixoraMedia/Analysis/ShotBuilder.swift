import Foundation

/// Turns the segmenter's decided frames into measured shots: colours, brightness and motion are summed per shot as
/// frames pass, so only the current shot's totals are held. Also sums the whole video's colours for the palette.
struct ShotBuilder {
    let fps: Double
    /// The mean pixel step at which a shot counts as moving as fast as it gets (motion 1).
    static let fullMotionStep = 0.08

    private(set) var shots: [SampleAnalysis.Shot] = []
    private(set) var palette = ColourHistogram()
    private var current = Running(start: 0, entry: .start, transition: 0)

    init(fps: Double) { self.fps = fps }

    private struct Running {
        var start: Int
        var entry: SampleAnalysis.ShotEntry
        var transition: Double
        var frames = 0
        var colours = ColourHistogram()
        var luma = 0.0
        var motion = 0.0
        var motionFrames = 0
    }

    mutating func add(_ ready: ShotSegmenter.Ready) {
        if let boundary = ready.boundary, current.frames > 0 {
            close(endFrame: ready.index)
            let transition = boundary.entry == .gradual ? Double(boundary.transition.count - 1) / fps : 0
            current = Running(start: ready.index, entry: boundary.entry, transition: transition)
        }
        current.frames += 1
        current.colours.add(pixels: ready.frame.pixels)
        current.luma += ready.frame.luma
        // A shot's first frame differs from the last shot's, and blended frames change by the transition itself.
        if ready.index > current.start, !ready.inTransition {
            current.motion += ready.step
            current.motionFrames += 1
        }
    }

    /// Closes the last shot at the video's end.
    mutating func finish(duration: Double) {
        guard current.frames > 0 else { return }
        close(endFrame: nil, duration: duration)
    }

    private mutating func close(endFrame: Int?, duration: Double = 0) {
        let start = Double(current.start) / fps
        let end = endFrame.map { Double($0) / fps } ?? max(duration, start + 1 / fps)
        let meanStep = current.motionFrames > 0 ? current.motion / Double(current.motionFrames) : 0
        shots.append(
            SampleAnalysis.Shot(
                index: shots.count + 1, start: Self.rounded(start), end: Self.rounded(end), entry: current.entry,
                transitionSeconds: Self.rounded(current.transition), keyframe: nil,
                colours: DominantColours.of(current.colours, count: 3).map(\.hex),
                brightness: Self.rounded(current.luma / Double(current.frames)),
                motion: Self.rounded(min(1, meanStep / Self.fullMotionStep))))
        palette.add(current.colours)
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
