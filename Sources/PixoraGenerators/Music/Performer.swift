import PixoraCore

/// Plays one part through a piece: turns each bar's chord into the notes of the part's figure on its channel.
struct Performer: Sendable {
    let part: Part
    let channel: UInt8
    let key: MusicalKey
    private var random: SeededRandom
    /// Order in which an arpeggio walks the chord tones, fixed for the piece so the figure repeats.
    private let arpeggioShape: [Int]
    /// Comping rhythm of off-beat chords, in beats, fixed for the piece.
    private let offbeats: [Double]
    /// Two tunes that alternate phrase by phrase (A B A B…), composed on first use.
    private var melodies: [Int: Melody] = [:]

    init(part: Part, channel: UInt8, key: MusicalKey, random: SeededRandom) {
        self.part = part
        self.channel = channel
        self.key = key
        var random = random
        arpeggioShape = random.pick([[0, 1, 2, 3], [0, 1, 2, 3, 2, 1], [0, 2, 1, 2], [0, 2, 1, 3], [0, 1, 2, 1]])
        offbeats = random.pick([[1, 3], [1, 2.5, 3], [1, 3, 3.5]])
        self.random = random
    }

    /// Writes the part's notes for `bar`; `roots` is the phrase's progression, which a melody needs to see whole.
    mutating func play(_ bar: Bar, roots: [Int], into track: inout MIDITrack) {
        switch part.role {
        case .pad: playPad(bar, into: &track)
        case .arpeggio(let stepsPerBeat, let ringing):
            playArpeggio(bar, stepsPerBeat: stepsPerBeat, ringing: ringing, into: &track)
        case .brokenChord: playBrokenChord(bar, into: &track)
        case .bass(let figure): playBass(bar, figure: figure, into: &track)
        case .melody(let feel): playMelody(bar, feel: feel, roots: roots, into: &track)
        case .timpani: playTimpani(bar, into: &track)
        case .strum: playStrum(bar, into: &track)
        case .offbeatChords: playOffbeatChords(bar, into: &track)
        case .drums(let groove):
            groove.play(bar, velocity: part.velocity, channel: channel, random: &random, into: &track)
        }
    }

    // MARK: Figures

    private mutating func playPad(_ bar: Bar, into track: inout MIDITrack) {
        for key in voicing(bar.chord, around: part.register) {
            note(key, velocity: humanized(part.velocity), at: bar.start, length: bar.length, into: &track)
        }
    }

    private mutating func playArpeggio(_ bar: Bar, stepsPerBeat: Int, ringing: Bool, into track: inout MIDITrack) {
        var tones = voicing(bar.chord, around: part.register)
        tones.append(tones[0] + 12)
        let stepLength = bar.ticksPerBeat / stepsPerBeat
        let noteLength = ringing ? stepLength * 2 : stepLength * 3 / 5
        for step in 0..<(bar.beats * stepsPerBeat) {
            let tone = tones[arpeggioShape[step % arpeggioShape.count] % tones.count]
            let accent = step % stepsPerBeat == 0 ? 6 : 0
            let start = bar.start + step * stepLength
            note(
                tone, velocity: humanized(part.velocity + accent), at: start,
                length: min(noteLength, bar.end - start), into: &track)
        }
    }

    private mutating func playBrokenChord(_ bar: Bar, into track: inout MIDITrack) {
        let bass = MusicalKey.nearest(pitchClass: bar.chord[0], to: part.register - 12)
        note(bass, velocity: humanized(part.velocity + 4), at: bar.start, length: bar.length, into: &track)
        let tones = voicing(bar.chord, around: part.register)
        for beat in 1..<bar.beats {
            let start = bar.tick(Double(beat))
            note(
                tones[(beat - 1) % tones.count], velocity: humanized(part.velocity - 4), at: start,
                length: bar.end - start, into: &track)
        }
    }

    private mutating func playBass(_ bar: Bar, figure: Part.BassFigure, into track: inout MIDITrack) {
        let root = MusicalKey.nearest(pitchClass: bar.chord[0], to: part.register)
        let fifth = MusicalKey.nearest(pitchClass: bar.chord[2], to: root - 5)
        switch figure {
        case .whole:
            note(root, velocity: humanized(part.velocity), at: bar.start, length: bar.length, into: &track)
        case .halves:
            let half = bar.length / 2
            note(root, velocity: humanized(part.velocity), at: bar.start, length: half - bar.ticks(0.1), into: &track)
            let second = random.pick([root, fifth, fifth, root + 12])
            note(
                second, velocity: humanized(part.velocity - 6), at: bar.start + half,
                length: half - bar.ticks(0.1), into: &track)
        case .drivingEighths:
            for eighth in 0..<(bar.beats * 2) {
                // The phrase's last beat climbs to the octave and fifth, pushing into the loop's first downbeat.
                let pushing = bar.isPhraseEnd && eighth >= bar.beats * 2 - 2
                let key = pushing ? (eighth % 2 == 0 ? root + 12 : fifth + 12) : root
                let accent = eighth % 2 == 0 ? 4 : -8
                note(
                    key, velocity: humanized(part.velocity + accent), at: bar.tick(Double(eighth) / 2),
                    length: bar.ticks(0.42), into: &track)
            }
        case .rootFifth:
            for beat in stride(from: 0, to: bar.beats, by: 2) {
                note(
                    beat % 4 == 0 ? root : fifth, velocity: humanized(part.velocity + (beat == 0 ? 4 : 0)),
                    at: bar.tick(Double(beat)), length: bar.ticks(0.8), into: &track)
            }
        }
    }

    private mutating func playMelody(_ bar: Bar, feel: Part.MelodyFeel, roots: [Int], into track: inout MIDITrack) {
        guard bar.position == 0 else { return }
        let variant = bar.phrase % 2
        if melodies[variant] == nil {
            melodies[variant] = Melody(
                feel: feel, key: key, roots: roots, beatsPerBar: bar.beats, register: part.register,
                velocity: part.velocity, random: &random)
        }
        let phraseEnd = bar.start + bar.length * roots.count
        for melodyNote in melodies[variant]?.notes ?? [] {
            let start = bar.tick(melodyNote.beat)
            note(
                melodyNote.key, velocity: melodyNote.velocity, at: start,
                length: min(bar.ticks(melodyNote.length), phraseEnd - start), into: &track)
        }
    }

    private mutating func playTimpani(_ bar: Bar, into track: inout MIDITrack) {
        let root = MusicalKey.nearest(pitchClass: bar.chord[0], to: part.register)
        let fifth = MusicalKey.nearest(pitchClass: bar.chord[2], to: root - 5)
        note(root, velocity: humanized(part.velocity), at: bar.start, length: bar.ticks(1), into: &track)
        if bar.isPhraseEnd {
            // A crescendo roll over the last two beats leads back into the phrase (and the loop) start.
            let strokes = 8
            for stroke in 0..<strokes {
                let velocity = part.velocity - 30 + stroke * 3
                note(
                    root, velocity: humanized(velocity), at: bar.tick(2 + Double(stroke) / 4),
                    length: bar.ticks(0.25), into: &track)
            }
        } else if random.unit() < 0.6 {
            note(fifth, velocity: humanized(part.velocity - 16), at: bar.tick(2), length: bar.ticks(1), into: &track)
        }
    }

    private mutating func playStrum(_ bar: Bar, into track: inout MIDITrack) {
        // Five strings: the root low, then chord tones stacked upwards like an open-position guitar chord.
        var strings = [MusicalKey.nearest(pitchClass: bar.chord[0], to: part.register - 5)]
        var toneIndex = 1
        while strings.count < 5 {
            let pitchClass = bar.chord[toneIndex % bar.chord.count]
            var key = MusicalKey.nearest(pitchClass: pitchClass, to: strings[strings.count - 1] + 4)
            if key <= strings[strings.count - 1] { key += 12 }
            strings.append(key)
            toneIndex += 1
        }
        let strokes: [(beat: Double, down: Bool)] = [
            (0, true), (1, true), (1.5, false), (2.5, false), (3, true), (3.5, false),
        ]
        let spread = bar.ticks(0.03)
        for (index, stroke) in strokes.enumerated() {
            let nextBeat = index + 1 < strokes.count ? strokes[index + 1].beat : Double(bar.beats)
            let start = bar.tick(stroke.beat)
            // Up-strokes catch only the top strings and land softer, as a strumming hand does.
            let struck = stroke.down ? strings : Array(strings.suffix(3).reversed())
            let velocity = stroke.down ? part.velocity : part.velocity - 12
            for (order, key) in struck.enumerated() {
                let onset = start + order * spread
                note(key, velocity: humanized(velocity), at: onset, length: bar.tick(nextBeat) - onset, into: &track)
            }
        }
    }

    private mutating func playOffbeatChords(_ bar: Bar, into track: inout MIDITrack) {
        let tones = voicing(bar.chord, around: part.register)
        for beat in offbeats {
            let velocity = humanized(part.velocity - (beat.rounded() == beat ? 0 : 8))
            for key in tones {
                note(key, velocity: velocity, at: bar.tick(beat), length: bar.ticks(0.3), into: &track)
            }
        }
    }

    // MARK: Building blocks

    /// The chord in close position around `center`, lowest note first; moving the centre never jumps, so the
    /// chords of a progression lead smoothly into one another.
    private func voicing(_ chord: [Int], around center: Int) -> [Int] {
        chord.map { MusicalKey.nearest(pitchClass: $0, to: center) }.sorted()
    }

    /// A velocity a few steps either side of `velocity`, so repeated notes do not sound mechanical.
    private mutating func humanized(_ velocity: Int) -> Int {
        velocity + Int(random.next() % 7) - 3
    }

    private func note(_ key: Int, velocity: Int, at start: Int, length: Int, into track: inout MIDITrack) {
        track.note(channel: channel, key: key, velocity: velocity, start: start, length: length)
    }
}
