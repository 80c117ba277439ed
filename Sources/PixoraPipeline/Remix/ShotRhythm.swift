import PixoraCore
import PixoraMedia

/// The sample's cutting rhythm fitted to the remix's length: which shots each scene stands for and how long it is.
/// Shots keep their own lengths (the pacing is the cut rate, not a proportion), so a long sample is represented by
/// runs of shots picked evenly across it and a short one is repeated; then shots too short for a scene are grouped
/// or lengthened, and shots longer than a scene may be are split.
struct ShotRhythm: Sendable, Hashable {
    /// One scene's worth of sample: the shots it stands for and its visible length in the remix.
    struct Slot: Sendable, Hashable {
        var shots: [SampleAnalysis.Shot]
        var length: Double

        /// The shot the scene is modelled on: the longest one it stands for.
        var lead: SampleAnalysis.Shot { shots.max { $0.duration < $1.duration }! }
        /// How the scene begins: as its first shot does.
        var entry: SampleAnalysis.Shot { shots[0] }
    }

    var slots: [Slot]

    init(analysis: SampleAnalysis, target: Double, shortest: Double) {
        let shots = Self.usableShots(analysis)
        let picked = Self.pick(shots, target: target)
        let scale = target / picked.reduce(0) { $0 + $1.duration }
        let floor = max(shortest, RemixLimits.shortestScene)
        var slots = Self.binned(
            picked.map { Slot(shots: [$0], length: $0.duration * scale) }, target: target, floor: floor)
        // Too many scenes to give each the shortest length: the shortest are joined to a neighbour. Otherwise a
        // short shot is lengthened to the floor by the fitting below, at the expense of the long ones.
        let most = max(Int((target / floor + 1e-9).rounded(.down)), 1)
        while slots.count > most, let index = slots.indices.min(by: { slots[$0].length < slots[$1].length }) {
            Self.mergeWithShorterNeighbour(&slots, at: index)
        }
        slots = slots.flatMap { slot -> [Slot] in
            let parts = Int((slot.length / RemixLimits.longestVisible).rounded(.up))
            guard parts > 1 else { return [slot] }
            return Array(repeating: Slot(shots: slot.shots, length: slot.length / Double(parts)), count: parts)
        }
        while slots.count > RemixLimits.mostScenes,
            let index = slots.indices.min(by: { slots[$0].length < slots[$1].length })
        {
            Self.mergeWithShorterNeighbour(&slots, at: index)
        }
        let lengths = RemixStaging.fitted(slots.map(\.length), total: target, shortest: floor)
        for index in slots.indices { slots[index].length = lengths[index] }
        self.slots = slots
    }

    /// Shots with a length; a report without any stands for one still shot over the whole sample.
    static func usableShots(_ analysis: SampleAnalysis) -> [SampleAnalysis.Shot] {
        let shots = analysis.shots.filter { $0.duration.isFinite && $0.duration > 0 }
        guard shots.isEmpty else { return shots }
        let colours = analysis.palette.prefix(3).map(\.hex)
        return [
            .init(
                index: 1, start: 0, end: analysis.durationSeconds.isFinite ? max(analysis.durationSeconds, 1) : 1,
                entry: .start, transitionSeconds: 0,
                keyframe: nil, colours: colours, brightness: 0.5, motion: 0.3)
        ]
    }

    /// Shots whose lengths add up to about `target`: the sample over and over when it is shorter; from a longer
    /// one, runs of consecutive shots (about 10 s each) taken evenly across it, so the picks keep the local rhythm
    /// and the changes of the whole (a regular pattern is not aliased away as single picks at one stride would be).
    static func pick(_ shots: [SampleAnalysis.Shot], target: Double) -> [SampleAnalysis.Shot] {
        let total = shots.reduce(0) { $0 + $1.duration }
        var picked: [SampleAnalysis.Shot] = []
        if total <= target {
            var sum = 0.0
            while sum < target - 1e-9 {
                let shot = shots[picked.count % shots.count]
                picked.append(shot)
                sum += shot.duration
            }
            return picked
        }
        let runs = max(Int((target / 10).rounded()), 1)
        let run = target / Double(runs)
        var taken = Set<Int>()
        for number in 0..<runs {
            let from = (Double(number) + 0.5) * total / Double(runs) - run / 2
            var index = shots.firstIndex { $0.end > from } ?? 0
            var sum = 0.0
            while sum < run - 1e-9, index < shots.count, taken.insert(index).inserted {
                picked.append(shots[index])
                sum += shots[index].duration
                index += 1
            }
        }
        return picked
    }

    /// Shots cut faster than a scene may be are gathered into as many scenes of about the shortest length as the
    /// video holds (the closest a plan can come to the sample's cut rate); shots long enough stay one scene each.
    static func binned(_ slots: [Slot], target: Double, floor: Double) -> [Slot] {
        let bins = Int((target / floor + 1e-9).rounded(.down))
        guard slots.count > bins, bins > 0 else { return slots }
        var result: [Slot] = []
        var bin = -1
        var start = 0.0
        for slot in slots {
            let number = min(Int((start + slot.length / 2) / target * Double(bins)), bins - 1)
            start += slot.length
            if number == bin, !result.isEmpty {
                result[result.count - 1].shots += slot.shots
                result[result.count - 1].length += slot.length
            } else {
                result.append(slot)
                bin = number
            }
        }
        return result
    }

    static func mergeWithShorterNeighbour(_ slots: inout [Slot], at index: Int) {
        let before = index > 0 ? slots[index - 1].length : .infinity
        let after = index < slots.count - 1 ? slots[index + 1].length : .infinity
        let first = before <= after ? index - 1 : index
        slots[first] = Slot(
            shots: slots[first].shots + slots[first + 1].shots, length: slots[first].length + slots[first + 1].length)
        slots.remove(at: first + 1)
    }
}
