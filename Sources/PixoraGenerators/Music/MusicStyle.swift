import PixoraCore

/// A mood's musical recipe: the keys, mode, tempi, chord progressions and orchestra a piece is composed from.
struct MusicStyle: Sendable, Hashable {
    /// Tonic pitch classes to choose from (0 = C).
    var tonics: [Int]
    var mode: MusicalKey.Mode
    /// Beats per minute to choose from. Each divides 480 000, so a beat is a whole number of microseconds
    /// (the MIDI tempo is exact) and of samples at 48 kHz (the loop is cut on the exact beat).
    var tempos: [Int]
    /// Four-bar progressions as scale degrees (0 = tonic), one chord per bar; the last chord leads back to the first.
    var progressions: [[Int]]
    /// Whether chords carry their seventh (a softer, jazzier colour).
    var sevenths = false
    /// fluidsynth's master gain for this orchestra, measured so every mood averages about -23 dBFS and peaks
    /// well below full scale: moods sound equally loud under narration.
    var gain: Double
    var parts: [Part]

    init(mood: Mood) {
        typealias P = Part.Program
        switch mood {
        case .calm:
            tonics = [2, 7, 0]
            mode = .major
            tempos = [60, 64, 75]
            progressions = [[0, 5, 3, 4], [0, 3, 5, 4], [0, 4, 5, 3]]
            sevenths = true
            gain = 1.0
            parts = [
                Part(name: "pad", program: P.warmPad, role: .pad, register: 60, velocity: 52, volume: 92, reverb: 70),
                Part(
                    name: "piano", program: P.acousticGrandPiano, role: .arpeggio(stepsPerBeat: 2, ringing: true),
                    register: 62, velocity: 50, pan: 48, reverb: 64),
                Part(
                    name: "bass", program: P.fretlessBass, role: .bass(.whole), register: 40, velocity: 58,
                    volume: 90),
                Part(
                    name: "melody", program: P.vibraphone, role: .melody(.sparse), register: 74, velocity: 54,
                    volume: 88, pan: 84, reverb: 72),
            ]
        case .uplifting:
            tonics = [0, 7, 2]
            mode = .major
            tempos = [96, 100]
            progressions = [[0, 4, 5, 3], [5, 3, 0, 4], [3, 4, 0, 5]]
            gain = 1.66
            parts = [
                Part(
                    name: "strings", program: P.strings, role: .pad, register: 62, velocity: 54, volume: 88,
                    reverb: 60),
                // A harp would suit, but its undamped strings keep dozens of voices sounding and triple the
                // render time.
                Part(
                    name: "piano", program: P.acousticGrandPiano, role: .arpeggio(stepsPerBeat: 2, ringing: true),
                    register: 62, velocity: 46, volume: 90, pan: 40),
                Part(
                    name: "bass", program: P.fingeredBass, role: .bass(.halves), register: 40, velocity: 62,
                    volume: 92),
                Part(
                    name: "melody", program: P.acousticGrandPiano, role: .melody(.rising), register: 72, velocity: 62,
                    pan: 80),
                Part(name: "drums", program: 0, role: .drums(.pop), register: 0, velocity: 54, volume: 84),
            ]
        case .energetic:
            tonics = [4, 9, 2]
            mode = .minor
            tempos = [120, 125, 128]
            progressions = [[0, 5, 2, 6], [0, 6, 5, 6], [0, 5, 3, 6]]
            gain = 0.72
            parts = [
                Part(
                    name: "drums", program: 0, role: .drums(.fourOnFloor), register: 0, velocity: 70, volume: 96,
                    reverb: 24),
                Part(
                    name: "bass", program: P.synthBass, role: .bass(.drivingEighths), register: 38, velocity: 64,
                    volume: 90, reverb: 10),
                Part(name: "pad", program: P.warmPad, role: .pad, register: 62, velocity: 48, volume: 84, reverb: 50),
                Part(
                    name: "arpeggio", program: P.squareLead, role: .arpeggio(stepsPerBeat: 4, ringing: false),
                    register: 69, velocity: 36, volume: 64, pan: 36, reverb: 40),
                Part(
                    name: "lead", program: P.sawLead, role: .melody(.driving), register: 72, velocity: 54, volume: 74,
                    pan: 88, reverb: 40),
            ]
        case .dramatic:
            tonics = [2, 0, 7]
            mode = .harmonicMinor
            tempos = [75, 80, 96]
            progressions = [[0, 5, 3, 4], [0, 3, 5, 4], [0, 0, 5, 4]]
            gain = 1.0
            parts = [
                Part(
                    name: "strings", program: P.strings, role: .pad, register: 57, velocity: 58, volume: 92,
                    reverb: 64),
                Part(
                    name: "ostinato", program: P.strings, role: .arpeggio(stepsPerBeat: 2, ringing: false),
                    register: 52, velocity: 46, volume: 80, pan: 40),
                Part(
                    name: "contrabass", program: P.contrabass, role: .bass(.whole), register: 36, velocity: 60,
                    volume: 90),
                Part(
                    name: "timpani", program: P.timpani, role: .timpani, register: 40, velocity: 78, volume: 96,
                    reverb: 60),
                Part(
                    name: "horn", program: P.frenchHorn, role: .melody(.lyrical), register: 65, velocity: 64,
                    volume: 92, pan: 84, reverb: 64),
                Part(
                    name: "drums", program: 0, role: .drums(.orchestral), register: 0, velocity: 58, volume: 84,
                    reverb: 70),
            ]
        case .mysterious:
            tonics = [9, 4, 2]
            mode = .dorian
            tempos = [60, 64, 75]
            progressions = [[0, 3, 0, 6], [0, 6, 3, 4], [0, 2, 3, 0]]
            gain = 0.62
            parts = [
                Part(name: "pad", program: P.haloPad, role: .pad, register: 57, velocity: 54, volume: 92, reverb: 90),
                Part(
                    name: "celesta", program: P.celesta, role: .melody(.sparse), register: 77, velocity: 62,
                    volume: 96, pan: 80, reverb: 96),
                Part(
                    name: "harp", program: P.harp, role: .arpeggio(stepsPerBeat: 1, ringing: false), register: 60,
                    velocity: 38, volume: 80, pan: 44, reverb: 90),
                Part(
                    name: "drone", program: P.contrabass, role: .bass(.whole), register: 35, velocity: 52, volume: 84,
                    reverb: 70),
            ]
        case .playful:
            tonics = [5, 0, 7]
            mode = .major
            tempos = [100, 120]
            progressions = [[0, 3, 4, 0], [0, 5, 1, 4], [0, 3, 1, 4]]
            gain = 1.12
            parts = [
                Part(
                    name: "pizzicato", program: P.pizzicatoStrings, role: .offbeatChords, register: 62, velocity: 62,
                    volume: 92, pan: 44, reverb: 40),
                Part(
                    name: "tuba", program: P.tuba, role: .bass(.rootFifth), register: 38, velocity: 62, volume: 90,
                    reverb: 30),
                Part(
                    name: "marimba", program: P.marimba, role: .melody(.bouncy), register: 74, velocity: 72,
                    volume: 100, pan: 84, reverb: 40),
                Part(
                    name: "drums", program: 0, role: .drums(.playful), register: 0, velocity: 56, volume: 84,
                    reverb: 30),
            ]
        case .somber:
            tonics = [0, 5, 9]
            mode = .minor
            tempos = [50, 60]
            progressions = [[0, 3, 5, 4], [0, 5, 3, 4], [0, 6, 5, 4]]
            gain = 1.26
            parts = [
                Part(
                    name: "strings", program: P.slowStrings, role: .pad, register: 57, velocity: 54, volume: 90,
                    reverb: 72),
                Part(
                    name: "piano", program: P.acousticGrandPiano, role: .brokenChord, register: 55, velocity: 48,
                    pan: 48, reverb: 64),
                Part(
                    name: "cello", program: P.cello, role: .melody(.lyrical), register: 55, velocity: 62, volume: 96,
                    pan: 80, reverb: 64),
                Part(
                    name: "contrabass", program: P.contrabass, role: .bass(.whole), register: 33, velocity: 50,
                    volume: 86, reverb: 60),
            ]
        case .warm:
            tonics = [7, 2, 0]
            mode = .major
            tempos = [80, 96]
            progressions = [[0, 3, 0, 4], [0, 2, 3, 4], [0, 5, 3, 4]]
            gain = 1.45
            parts = [
                Part(
                    name: "guitar", program: P.steelGuitar, role: .strum, register: 52, velocity: 56, volume: 92,
                    pan: 44, reverb: 44),
                Part(
                    name: "piano", program: P.acousticGrandPiano, role: .melody(.lyrical), register: 69, velocity: 58,
                    volume: 92, pan: 80, reverb: 52),
                Part(
                    name: "bass", program: P.acousticBass, role: .bass(.halves), register: 40, velocity: 62,
                    volume: 92, reverb: 30),
                Part(
                    name: "strings", program: P.strings, role: .pad, register: 60, velocity: 36, volume: 70,
                    reverb: 60),
                Part(
                    name: "shaker", program: 0, role: .drums(.shaker), register: 0, velocity: 44, volume: 76,
                    reverb: 30),
            ]
        }
    }
}
