import PixoraCore

/// A seeded tune for one four-bar phrase: a motif, an answer, the motif again over the new chord, and a cadence.
struct Melody: Sendable, Hashable {
    /// One note, timed in beats from the start of the phrase.
    struct Note: Sendable, Hashable {
        var beat: Double
        var length: Double
        var key: Int
        var velocity: Int
    }

    private typealias Rhythm = [(onset: Double, length: Double)]

    var notes: [Note]

    /// Composes a phrase over `roots` (one chord root per bar, as scale degrees) in `key`, around `register`.
    init(
        feel: Part.MelodyFeel, key: MusicalKey, roots: [Int], beatsPerBar: Int, register: Int, velocity: Int,
        random: inout SeededRandom
    ) {
        let octave = Self.octave(of: register, in: key)
        let centerDegree = Self.degree(nearest: register, in: key)
        let motif = random.pick(Self.rhythms(feel))
        let answer = random.pick(Self.rhythms(feel))
        let cadence = random.pick(Self.cadences(feel))
        let bars: [Rhythm] = [motif, answer, motif, cadence]

        var notes: [Note] = []
        var degree = centerDegree
        var motifSteps: [Int] = []
        for (bar, rhythm) in bars.enumerated() {
            let root = roots[bar % roots.count]
            // A rising melody climbs one scale step per bar, so the phrase lifts towards its end.
            let lift = feel == .rising ? bar : 0
            let low = centerDegree - 4 + lift
            let high = centerDegree + 5 + lift
            for (index, slot) in rhythm.enumerated() {
                let isFirst = bar == 0 && index == 0
                var step: Int
                if bar == 2 && index < motifSteps.count {
                    // The motif returns with the same contour, so the ear recognises it.
                    step = motifSteps[index]
                } else {
                    step = random.pick(Self.steps(feel))
                }
                if bar == 0 { motifSteps.append(step) }
                if isFirst { step = 0 }
                degree += step
                // Bounce back from the edges of the range instead of sticking to them, so the line keeps moving.
                if degree > high { degree -= 3 }
                if degree < low { degree += 3 }
                let isStrong = slot.onset.truncatingRemainder(dividingBy: 2) == 0
                let isLast = bar == bars.count - 1 && index == rhythm.count - 1
                if isFirst || isStrong || isLast {
                    degree = Self.chordTone(nearest: degree, root: root, random: &random)
                }
                if feel == .sparse && !isFirst && !isLast && random.unit() < 0.15 { continue }
                let accent = isStrong ? 6 : 0
                let jitter = Int(random.next() % 9) - 4
                notes.append(
                    Note(
                        beat: Double(bar * beatsPerBar) + slot.onset,
                        length: slot.length * Self.articulation(feel),
                        key: key.key(degree: degree, octave: octave),
                        velocity: velocity + accent + jitter - (isLast ? 4 : 0)))
            }
        }
        self.notes = notes
    }

    /// The MIDI octave whose tonic is the highest one at or below `register`.
    private static func octave(of register: Int, in key: MusicalKey) -> Int {
        (register - key.tonic) / 12 - 1
    }

    /// The scale degree (counted from the tonic of `register`'s octave) whose key is closest to `register`.
    private static func degree(nearest register: Int, in key: MusicalKey) -> Int {
        let octave = octave(of: register, in: key)
        let distance = { (degree: Int) in abs(key.key(degree: degree, octave: octave) - register) }
        return (-7...14).min { distance($0) < distance($1) } ?? 0
    }

    /// The chord tone next to `degree`: one of the chord's three notes is always at most one step away.
    private static func chordTone(nearest degree: Int, root: Int, random: inout SeededRandom) -> Int {
        func isChordTone(_ candidate: Int) -> Bool {
            [0, 2, 4].contains(((candidate - root) % 7 + 7) % 7)
        }
        if isChordTone(degree) { return degree }
        let neighbours = [degree - 1, degree + 1].filter(isChordTone)
        return neighbours.isEmpty ? degree : random.pick(neighbours)
    }

    private static func steps(_ feel: Part.MelodyFeel) -> [Int] {
        switch feel {
        case .sparse: [-2, -1, -1, 1, 1, 2, 3, -3]
        case .lyrical: [-2, -1, -1, -1, 0, 1, 1, 1, 2, -3, 3]
        case .rising: [-1, -1, 0, 1, 1, 1, 2, 2]
        case .bouncy: [-2, -1, 1, 2, 2, -2, 4, -4, 0]
        case .driving: [-1, 0, 0, 1, -2, 2, 0, -1, 1]
        }
    }

    /// How much of each slot a note fills: bouncy and driving lines are detached, sung lines legato.
    private static func articulation(_ feel: Part.MelodyFeel) -> Double {
        switch feel {
        case .sparse: 1
        case .lyrical, .rising: 0.95
        case .bouncy: 0.5
        case .driving: 0.8
        }
    }

    private static func rhythms(_ feel: Part.MelodyFeel) -> [Rhythm] {
        switch feel {
        case .sparse:
            [[(0, 2), (2, 2)], [(0, 3)], [(1, 1), (2, 2)], [(0, 1.5), (1.5, 2.5)], [(2, 2)]]
        case .lyrical, .rising:
            [
                [(0, 1), (1, 1), (2, 2)], [(0, 1.5), (1.5, 0.5), (2, 1), (3, 1)], [(0, 2), (2, 1), (3, 1)],
                [(0, 1), (1, 0.5), (1.5, 0.5), (2, 2)], [(0, 0.5), (0.5, 0.5), (1, 1), (2, 1.5), (3.5, 0.5)],
            ]
        case .bouncy:
            [
                [(0, 0.5), (0.5, 0.5), (1, 0.5), (2, 0.5), (2.5, 0.5), (3, 1)],
                [(0, 0.5), (1, 0.5), (1.5, 0.5), (2, 1), (3, 0.5), (3.5, 0.5)],
                [(0, 0.75), (0.75, 0.25), (1, 0.5), (1.5, 0.5), (2, 1), (3, 1)],
                [(0, 0.5), (0.5, 0.5), (1, 1), (2, 0.5), (2.5, 0.5), (3, 0.5), (3.5, 0.5)],
            ]
        case .driving:
            [
                [(0, 0.5), (0.5, 0.5), (1, 0.5), (1.5, 1), (2.5, 0.5), (3, 1)],
                [(0, 0.75), (0.75, 0.75), (1.5, 0.5), (2, 1), (3, 0.5), (3.5, 0.5)],
                [(0, 1.5), (1.5, 1.5), (3, 1)],
                [(0, 0.5), (0.5, 1), (1.5, 0.5), (2, 0.5), (2.5, 1), (3.5, 0.5)],
            ]
        }
    }

    /// Endings for the fourth bar: longer notes that let the phrase breathe before it starts again.
    private static func cadences(_ feel: Part.MelodyFeel) -> [Rhythm] {
        switch feel {
        case .sparse: [[(0, 4)], [(1, 3)]]
        case .lyrical, .rising: [[(0, 3), (3, 1)], [(0, 4)], [(0, 2), (2, 2)]]
        case .bouncy: [[(0, 0.5), (0.5, 0.5), (1, 1), (2, 2)], [(0, 1), (1, 1), (2, 2)]]
        case .driving: [[(0, 1.5), (1.5, 2.5)], [(0, 0.5), (0.5, 0.5), (1, 3)]]
        }
    }
}
