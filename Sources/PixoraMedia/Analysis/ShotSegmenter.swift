import Foundation

/// Splits a stream of frames into shots as the frames arrive. It keeps the last few seconds of small frames (what a
/// transition can span) and one number per frame, so its memory does not grow with the video beyond a few bytes
/// a frame. Frames are handed back, in order, once every boundary that could fall on them is decided.
struct ShotSegmenter {
    let cutRule: CutRule
    let gradualRule: GradualRule
    /// How far behind the newest frame a frame must be before no decision can still change its shot.
    let horizon: Int

    /// Change into each frame: the mean of the pixel and the colour-histogram difference to the previous frame.
    private(set) var change: [Double] = []
    /// Pixel difference to the previous frame only (the motion measure).
    private(set) var steps: [Double] = []
    /// Decided boundaries, in frame order, not yet passed to the caller.
    private var boundaries: [ShotBoundary] = []
    private var blends: [ClosedRange<Int>] = []
    private var pending: GradualRule.Candidate?
    private var recent: [FrameSample] = []
    /// Frame number of `recent[0]`.
    private var recentStart = 0
    private var nextCutCheck = 1
    private var nextGradualEnd = 1
    private var nextReady = 0

    init(fps: Double) {
        cutRule = CutRule(fps: fps)
        gradualRule = GradualRule(fps: fps)
        // Twice the longest transition: a fade out must still be pending when the fade in after it is decided.
        horizon = 2 * gradualRule.longest + 2 * gradualRule.flank + cutRule.window + 2
    }

    /// A frame whose shot is decided: `boundary` is set when a new shot starts with it.
    struct Ready {
        var index: Int
        var frame: FrameSample
        var step: Double
        var boundary: ShotBoundary?
        /// True for frames inside a gradual transition (their change is the transition, not motion).
        var inTransition: Bool
    }

    var frameCount: Int { change.count }

    mutating func add(_ frame: FrameSample) -> [Ready] {
        if let previous = recent.last {
            let pixels = frame.distance(to: previous)
            steps.append(pixels)
            change.append((pixels + frame.histogramDistance(to: previous)) / 2)
        } else {
            steps.append(0)
            change.append(0)
        }
        recent.append(frame)
        let newest = change.count - 1
        while nextCutCheck <= newest - cutRule.window {
            decideCut(nextCutCheck)
            nextCutCheck += 1
        }
        while nextGradualEnd <= newest - gradualRule.flank {
            testGradual(endingAt: nextGradualEnd)
            nextGradualEnd += 1
        }
        if let candidate = pending, candidate.end < newest - gradualRule.flank - gradualRule.longest {
            accept(candidate)
            pending = nil
        }
        return release(upTo: newest - horizon)
    }

    /// Decides what is left once the stream has ended and hands back every remaining frame.
    mutating func finish() -> [Ready] {
        let newest = change.count - 1
        while nextCutCheck <= newest {
            decideCut(nextCutCheck)
            nextCutCheck += 1
        }
        while nextGradualEnd <= newest {
            testGradual(endingAt: nextGradualEnd)
            nextGradualEnd += 1
        }
        if let candidate = pending { accept(candidate) }
        pending = nil
        return release(upTo: newest)
    }

    private func frame(_ index: Int) -> FrameSample? {
        let offset = index - recentStart
        return recent.indices.contains(offset) ? recent[offset] : nil
    }

    private mutating func decideCut(_ index: Int) {
        guard cutRule.isCut(at: index, change: change, steps: steps) else { return }
        guard !blends.contains(where: { $0.contains(index) }) else { return }
        insert(.cut(at: index))
    }

    private mutating func testGradual(endingAt end: Int) {
        guard let last = frame(end) else { return }
        for length in gradualRule.lengths where end - length >= 0 {
            guard let first = frame(end - length) else { continue }
            guard
                let candidate = gradualRule.candidate(
                    start: end - length, end: end, distance: last.distance(to: first),
                    colourDistance: last.histogramDistance(to: first), steps: steps)
            else { continue }
            if let current = pending, current.overlaps(candidate) {
                if candidate.better(than: current) { pending = candidate }
            } else {
                if let current = pending { accept(current) }
                pending = candidate
            }
        }
    }

    /// Records a gradual transition; cuts found inside it were its own steep steps and are dropped. A fade in at
    /// the very start or out at the very end is part of the first or last shot, not a boundary.
    private mutating func accept(_ candidate: GradualRule.Candidate) {
        var blended = gradualRule.blendedFrames(of: candidate, steps: steps)
        boundaries.removeAll { $0.entry == .cut && blended.contains($0.frame) }
        // A fade out followed at once by a fade in (through black) is one transition.
        if let last = blends.last, blended.lowerBound - last.upperBound <= gradualRule.flank,
            let index = boundaries.firstIndex(where: { $0.entry == .gradual && $0.transition == last })
        {
            boundaries.remove(at: index)
            blends.removeLast()
            blended = last.lowerBound...blended.upperBound
        }
        blends.append(blended)
        let boundary = ShotBoundary.gradual(blended)
        let newest = change.count - 1
        guard blended.lowerBound > 1, blended.upperBound < newest - 1 else { return }
        insert(boundary)
    }

    private mutating func insert(_ boundary: ShotBoundary) {
        let position = boundaries.firstIndex { $0.frame > boundary.frame } ?? boundaries.endIndex
        boundaries.insert(boundary, at: position)
    }

    private mutating func release(upTo last: Int) -> [Ready] {
        var ready: [Ready] = []
        while nextReady <= last, let sample = frame(nextReady) {
            var boundary: ShotBoundary?
            while let first = boundaries.first, first.frame <= nextReady {
                boundaries.removeFirst()
                if first.frame == nextReady { boundary = first }
            }
            let inTransition = blends.contains { $0.contains(nextReady) }
            ready.append(
                Ready(
                    index: nextReady, frame: sample, step: steps[nextReady], boundary: boundary,
                    inTransition: inTransition))
            nextReady += 1
        }
        // Keep only what a transition test can still look back at.
        let keepFrom = min(nextReady, change.count - 1 - gradualRule.longest - gradualRule.flank - 1)
        if keepFrom > recentStart {
            recent.removeFirst(min(keepFrom - recentStart, recent.count))
            recentStart = keepFrom
        }
        blends.removeAll { $0.upperBound < nextReady - horizon }
        return ready
    }
}
