/// One instrument of an arrangement and the figure it plays over the chords.
struct Part: Sendable, Hashable {
    /// The figure a part plays each bar.
    enum Role: Sendable, Hashable {
        /// The chord held for the whole bar.
        case pad
        /// Chord tones one after another, `stepsPerBeat` to the beat; ringing notes overlap like a held pedal,
        /// the others are detached.
        case arpeggio(stepsPerBeat: Int, ringing: Bool)
        /// A low root, then the chord's tones one per beat, all left ringing (a slow piano accompaniment).
        case brokenChord
        case bass(BassFigure)
        case melody(MelodyFeel)
        /// Low timpani strokes on the root and fifth, with a roll into the next phrase.
        case timpani
        /// A strummed guitar: down- and up-strokes with the strings struck a few milliseconds apart.
        case strum
        /// Short chords on the off-beats (the "pah" of an oom-pah).
        case offbeatChords
        case drums(DrumGroove)
    }

    /// How a bass line moves under one chord.
    enum BassFigure: Sendable, Hashable {
        case whole, halves, drivingEighths, rootFifth
    }

    /// The rhythm vocabulary and contour of a melody.
    enum MelodyFeel: Sendable, Hashable {
        /// Few long notes with rests between them.
        case sparse
        /// Singing quarter and half notes.
        case lyrical
        /// The lyrical rhythms, climbing through each phrase.
        case rising
        /// Short, hopping eighth notes.
        case bouncy
        /// Syncopated eighths that push forward.
        case driving
    }

    var name: String
    /// General MIDI program, 0-based (0 = Acoustic Grand Piano).
    var program: UInt8
    var role: Role
    /// The MIDI key the part's notes gather around.
    var register: Int
    /// Typical strike velocity; kept moderate because this is music to talk over.
    var velocity: Int
    /// Channel volume (controller 7), which balances the part against the others.
    var volume: UInt8 = 100
    /// Stereo position (controller 10), 64 = centre.
    var pan: UInt8 = 64
    /// Reverb send (controller 91).
    var reverb: UInt8 = 48
}

extension Part {
    /// General MIDI programs used by the moods, by name, so the recipes read as an orchestra and not as numbers.
    enum Program {
        static let acousticGrandPiano: UInt8 = 0
        static let celesta: UInt8 = 8
        static let vibraphone: UInt8 = 11
        static let marimba: UInt8 = 12
        static let steelGuitar: UInt8 = 25
        static let acousticBass: UInt8 = 32
        static let fingeredBass: UInt8 = 33
        static let fretlessBass: UInt8 = 35
        static let synthBass: UInt8 = 38
        static let cello: UInt8 = 42
        static let contrabass: UInt8 = 43
        static let pizzicatoStrings: UInt8 = 45
        static let harp: UInt8 = 46
        static let timpani: UInt8 = 47
        static let strings: UInt8 = 48
        static let slowStrings: UInt8 = 49
        static let tuba: UInt8 = 58
        static let frenchHorn: UInt8 = 60
        static let squareLead: UInt8 = 80
        static let sawLead: UInt8 = 81
        static let warmPad: UInt8 = 89
        static let haloPad: UInt8 = 94
    }
}
