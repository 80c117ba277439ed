import Foundation

/// Finds fades and dissolves. In a dissolve every pixel moves steadily from its value in the old shot to its value in
/// the new one, so the frame-to-frame changes add up to the change between the two ends ("path ≈ distance"), and
/// both ends are steady. Motion fails this: pixels go up and down, so the path is many times the distance; noise
/// and texture too. Cuts fail it because one step holds the whole change.
struct GradualRule: Sendable {
    /// Candidate transition lengths in frames, from about 0.25 s to 3 s.
    let lengths: [Int]
    /// Frames on each side that must be steady (about 0.3 s).
    let flank: Int
    var minimumDistance = 0.05
    /// The largest single step, as a share of the whole change (a cut has 1).
    var maximumStepShare = 0.4
    /// The summed steps may exceed the distance by this factor (compression noise, small motion).
    var maximumPathRatio = 1.4
    /// The flanks may move at most this share of the transition's own rate.
    var maximumFlankRate = 0.6

    init(fps: Double) {
        let shortest = max(4, Int((fps * 0.25).rounded()))
        let longest = max(shortest + 1, Int((fps * 3).rounded()))
        var lengths: [Int] = []
        var length = Double(shortest)
        while Int(length) <= longest {
            if lengths.last != Int(length) { lengths.append(Int(length)) }
            length *= 1.3
        }
        self.lengths = lengths
        flank = max(3, Int((fps * 0.3).rounded()))
    }

    var longest: Int { lengths.last ?? 0 }

    /// A transition candidate from frame `start` to frame `end`.
    struct Candidate: Sendable {
        var start: Int
        var end: Int
        /// Distance between the end frames.
        var distance: Double
        var length: Int { end - start }

        /// Sharing more than one frame: a fade out and the fade in that starts on its last frame stay apart.
        func overlaps(_ other: Candidate) -> Bool { start < other.end && other.start < end }

        /// The stronger of two overlapping candidates: the bigger change, and of equal ones the tighter.
        func better(than other: Candidate) -> Bool {
            if distance > other.distance * 1.05 { return true }
            if other.distance > distance * 1.05 { return false }
            return length < other.length
        }
    }

    /// Tests the interval `start...end`. `distance` is the pixel distance between its ends; `change[k]` the pixel
    /// change into frame k (the same measure), known at least `flank` frames past `end` unless the video ends sooner.
    func candidate(start: Int, end: Int, distance: Double, steps change: [Double]) -> Candidate? {
        guard distance >= minimumDistance, start >= 0, end < change.count else { return nil }
        let steps = change[(start + 1)...end]
        guard let largest = steps.max(), largest <= maximumStepShare * distance else { return nil }
        let before = change[max(1, start - flank + 1)..<(start + 1)]
        let after = change[min(end + 1, change.count)..<min(change.count, end + 1 + flank)]
        let floor = CutRule.median(ArraySlice(Array(before) + Array(after)))
        let path = steps.reduce(0) { $0 + max(0, $1 - floor) }
        guard path <= maximumPathRatio * distance else { return nil }
        let rate = distance / Double(end - start)
        for side in [before, after] where !side.isEmpty {
            guard side.reduce(0, +) / Double(side.count) <= maximumFlankRate * rate else { return nil }
        }
        return Candidate(start: start, end: end, distance: distance)
    }

    /// The frames that really blend, inside a chosen candidate: its steps clearly above the flanks' level.
    func blendedFrames(of candidate: Candidate, steps change: [Double]) -> ClosedRange<Int> {
        let steps = (candidate.start + 1)...candidate.end
        let floor = CutRule.median(
            change[max(1, candidate.start - flank + 1)..<(candidate.start + 1)])
        let peak = steps.map { change[$0] }.max() ?? 0
        let threshold = floor + 0.2 * (peak - floor)
        let significant = steps.filter { change[$0] > threshold }
        guard let first = significant.first, let last = significant.last else {
            return candidate.start...candidate.end
        }
        return (first - 1)...last
    }
}
