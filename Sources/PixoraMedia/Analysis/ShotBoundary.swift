import Foundation

/// Where a new shot begins, as found by `ShotSegmenter`. Frame numbers count from 0 at the analysis rate.
struct ShotBoundary: Sendable, Hashable {
    /// The first frame of the new shot (for a gradual transition: its middle frame).
    var frame: Int
    var entry: SampleAnalysis.ShotEntry
    /// The frames the transition spans: `frame...frame` for a cut, the blended frames for a gradual one.
    var transition: ClosedRange<Int>

    static func cut(at frame: Int) -> ShotBoundary {
        ShotBoundary(frame: frame, entry: .cut, transition: frame...frame)
    }

    static func gradual(_ frames: ClosedRange<Int>) -> ShotBoundary {
        ShotBoundary(frame: (frames.lowerBound + frames.upperBound + 1) / 2, entry: .gradual, transition: frames)
    }
}
