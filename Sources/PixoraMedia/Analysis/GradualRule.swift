import Foundation

/// Finds fades and dissolves, and slides and wipes. In a dissolve every pixel moves steadily from its value in the
/// old shot to its value in the new one, so the frame-to-frame changes add up to the change between the two ends
/// ("path ≈ distance"), and both ends are steady. Motion fails this: pixels go up and down, so the path is many
/// times the distance; noise and texture too. Cuts fail it because one step holds the whole change. Slides and wipes
/// move the picture, so they are told from camera motion by the still shots on both sides (see `candidate`).
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
    /// The share of its frames that must change clearly.
    var minimumChangingShare = 0.6
    /// Slides and wipes: at most 2 s, a big change of picture and colours, flanks nearly still.
    let slideLongest: Int
    var minimumSlideDistance = 0.05
    var minimumSlideColourChange = 0.1
    var maximumSlideFlankRate = 0.1

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
        slideLongest = Int((fps * 2).rounded())
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

    /// Tests the interval `start...end`. `distance` and `colourDistance` compare its end frames (pixels, colour
    /// histogram); `change[k]` is the pixel change into frame k (the measure of `distance`), known at least `flank`
    /// frames past `end` unless the video ends sooner.
    func candidate(
        start: Int, end: Int, distance: Double, colourDistance: Double, steps change: [Double]
    ) -> Candidate? {
        guard distance >= minimumDistance, start >= 0, end < change.count else { return nil }
        let steps = change[(start + 1)...end]
        guard let largest = steps.max() else { return nil }
        let before = change[max(1, start - flank + 1)..<(start + 1)]
        let after = change[min(end + 1, change.count)..<min(change.count, end + 1 + flank)]
        let floor = CutRule.median(ArraySlice(Array(before) + Array(after)))
        let path = steps.reduce(0) { $0 + max(0, $1 - floor) }
        let flankRates = [before, after].filter { !$0.isEmpty }.map { $0.reduce(0, +) / Double($0.count) }
        let length = Double(end - start)
        // A hard cut inside (a step far above both its neighbours) means shots, not a transition: a short moving
        // shot between two still ones would otherwise pass for a slide. Far: a slide may end in a double step.
        for index in (start + 1)...end where change[index] >= 0.08 {
            let neighbours = max(change[index - 1], index + 1 < change.count ? change[index + 1] : 0)
            if change[index] >= 3 * neighbours { return nil }
        }
        // A transition changes the picture in (nearly) every frame; a few cuts between still pictures do not.
        let changing = steps.filter { $0 - floor > 0.25 * path / length }.count
        guard Double(changing) >= minimumChangingShare * length else { return nil }
        if largest <= maximumStepShare * distance && path <= maximumPathRatio * distance {
            guard flankRates.allSatisfy({ $0 <= maximumFlankRate * distance / length }) else { return nil }
            return Candidate(start: start, end: end, distance: distance)
        }
        // A slide, push or wipe: for a moment the picture moves across, between two shots that stand still, and
        // the colours change. (A camera that rests, pans fast to something else and rests again looks the same,
        // and is a change of view too.) Steady motion never has the still flanks.
        guard end - start <= slideLongest, distance >= minimumSlideDistance, colourDistance >= minimumSlideColourChange,
            largest <= maximumStepShare * path, flankRates.count == 2,
            flankRates.allSatisfy({ $0 <= maximumSlideFlankRate * path / length })
        else { return nil }
        return Candidate(start: start, end: end, distance: distance)
    }

    /// The frames that really blend, inside a chosen candidate: from the first to the last step clearly above the
    /// flanks' level. "Clearly" is measured against the typical step, not the largest: a fade through black may
    /// drop to black in a few big steps and rise again in many small ones.
    func blendedFrames(of candidate: Candidate, steps change: [Double]) -> ClosedRange<Int> {
        let steps = (candidate.start + 1)...candidate.end
        let floor = CutRule.median(
            change[max(1, candidate.start - flank + 1)..<(candidate.start + 1)])
        let typical = CutRule.median(change[steps])
        let threshold = floor + max(0.002, 0.15 * (typical - floor))
        let significant = steps.filter { change[$0] > threshold }
        guard let first = significant.first, let last = significant.last else {
            return candidate.start...candidate.end
        }
        return (first - 1)...last
    }
}
