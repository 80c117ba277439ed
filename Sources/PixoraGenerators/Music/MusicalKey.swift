/// A tonic and a mode: turns scale degrees into MIDI keys, so every part of a piece stays in one key.
struct MusicalKey: Sendable, Hashable {
    /// The seven-note scales the moods use, as semitones above the tonic.
    enum Mode: Sendable, Hashable {
        case major, minor, dorian, harmonicMinor

        var steps: [Int] {
            switch self {
            case .major: [0, 2, 4, 5, 7, 9, 11]
            case .minor: [0, 2, 3, 5, 7, 8, 10]
            case .dorian: [0, 2, 3, 5, 7, 9, 10]
            case .harmonicMinor: [0, 2, 3, 5, 7, 8, 11]
            }
        }
    }

    /// Pitch class of the tonic, 0 = C.
    var tonic: Int
    var mode: Mode

    /// The MIDI key of scale degree `degree` (0 = tonic; may be negative or above 6) counted from the tonic in
    /// MIDI octave `octave` (octave 4 starts at middle C, key 60).
    func key(degree: Int, octave: Int) -> Int {
        let octaveShift = degree >= 0 ? degree / 7 : -((-degree + 6) / 7)
        let step = degree - octaveShift * 7
        return 12 * (octave + octaveShift + 1) + tonic + mode.steps[step]
    }

    /// Pitch classes of the triad (or seventh chord) built on `root` from the scale's own notes.
    func chord(root: Int, seventh: Bool = false) -> [Int] {
        let degrees = seventh ? [0, 2, 4, 6] : [0, 2, 4]
        return degrees.map { pitchClass(degree: root + $0) }
    }

    func pitchClass(degree: Int) -> Int {
        ((key(degree: degree, octave: 4) % 12) + 12) % 12
    }

    /// The MIDI key of pitch class `pitchClass` nearest to `target`, ties going down.
    static func nearest(pitchClass: Int, to target: Int) -> Int {
        let below = target - (((target - pitchClass) % 12) + 12) % 12
        return target - below <= below + 12 - target ? below : below + 12
    }
}
