import PixoraCore
import PixoraGenerators

/// Turns the visible length of each scene into scene durations and transition overlaps, on whole frames.
/// A scene's visible length is its duration less half of each overlap it shares with a neighbour, so the planned
/// video length is the sum of the visible lengths whatever the transitions are.
enum RemixStaging {
    /// What each scene shows on its own, in seconds.
    static func visibleLengths(of scenes: [PlanScene]) -> [Double] {
        scenes.indices.map { index in
            let incoming = index > 0 ? scenes[index - 1].transition.overlap : 0
            let outgoing = index < scenes.count - 1 ? scenes[index].transition.overlap : 0
            return scenes[index].duration - (incoming + outgoing) / 2
        }
    }

    /// Lengths kept within `shortest` (1.5 s unless the caller needs more, and never more than an equal share)
    /// and the longest visible part, scaled to sum to `total` in the same proportions where the limits allow;
    /// the caller makes sure `total` fits the scenes at all.
    static func fitted(
        _ lengths: [Double], total: Double, shortest: Double = RemixLimits.shortestScene
    ) -> [Double] {
        guard !lengths.isEmpty else { return [] }
        let limits = min(shortest, total / Double(lengths.count))...RemixLimits.longestVisible
        var result = lengths.map { min(max($0, limits.lowerBound), limits.upperBound) }
        // Clamping moves the sum away from the total again; a few rounds settle it.
        for _ in 0..<50 {
            let sum = result.reduce(0, +)
            if abs(sum - total) < 1e-9 { break }
            let free = result.indices.filter {
                sum < total ? result[$0] < limits.upperBound : result[$0] > limits.lowerBound
            }
            guard !free.isEmpty else { break }
            let freeSum = free.reduce(0) { $0 + result[$1] }
            let scale = (freeSum + total - sum) / freeSum
            for index in free { result[index] = min(max(result[index] * scale, limits.lowerBound), limits.upperBound) }
        }
        return result
    }

    /// Scenes with durations that give them `visible` seconds each, on whole frames at `fps` (the last scene takes
    /// the rounding, so the plan is exactly as long as the visible lengths add up to). Each wanted transition is
    /// shortened to fit half of the shorter neighbour and `RemixLimits.longestOverlap`; one that no longer fits a
    /// frame becomes a cut. Music groups follow the moods.
    static func staged(_ scenes: [PlanScene], visible: [Double], fps: Int) -> [PlanScene] {
        precondition(scenes.count == visible.count, "one visible length per scene")
        guard !scenes.isEmpty else { return [] }
        let rate = Double(fps)
        let least = Int((RemixLimits.shortestScene * rate).rounded(.up))
        var frames = visible.map { max(Int(($0 * rate).rounded()), least) }
        let wanted = Int((visible.reduce(0, +) * rate).rounded())
        frames[frames.count - 1] = max(frames[frames.count - 1] + wanted - frames.reduce(0, +), least)
        // Overlaps in even frame counts, so half of one is a whole frame on each side.
        let longest = Int(RemixLimits.longestOverlap * rate)
        let overlaps = scenes.indices.dropLast().map { index -> Int in
            let want = Int((scenes[index].transition.overlap * rate).rounded())
            let limit = min(min(frames[index], frames[index + 1]) / 2, longest)
            return min(want, limit) / 2 * 2
        }
        var result = scenes
        let groups = MusicGrouping.groups(for: scenes.map(\.mood))
        for index in result.indices {
            let incoming = index > 0 ? overlaps[index - 1] : 0
            let outgoing = index < overlaps.count ? overlaps[index] : 0
            result[index].duration = Double(frames[index] + (incoming + outgoing) / 2) / rate
            result[index].musicGroup = groups[index]
            if index < overlaps.count {
                let kind = result[index].transition.kind
                result[index].transition =
                    outgoing == 0 ? .cut : Transition(kind: kind, duration: Double(outgoing) / rate)
            }
        }
        return result
    }

    /// The same scenes re-staged with their current visible lengths (after a reorder, a mood or a transition change).
    static func restaged(_ scenes: [PlanScene], fps: Int) -> [PlanScene] {
        staged(scenes, visible: visibleLengths(of: scenes), fps: fps)
    }
}

extension Plan {
    /// What each scene shows on its own (its duration less half of each overlap), summing to the planned length.
    public var visibleSceneLengths: [Double] { RemixStaging.visibleLengths(of: scenes) }
}
