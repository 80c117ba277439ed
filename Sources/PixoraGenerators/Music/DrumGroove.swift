import PixoraCore

/// A drum-kit pattern on General MIDI channel 10, sixteen steps to the bar.
enum DrumGroove: Sendable, Hashable {
    /// Kick on every beat, clap on two and four, off-beat hats: dance music.
    case fourOnFloor
    /// A soft pop backbeat.
    case pop
    /// Wood blocks and a light kick: a cartoon bounce.
    case playful
    /// Maracas and a soft kick, like a hand percussionist.
    case shaker
    /// Bass drum and cymbal swells of an orchestra.
    case orchestral

    /// General MIDI percussion keys.
    private enum Drum {
        static let bassDrum = 35, kick = 36, sideStick = 37, snare = 38, clap = 39
        static let closedHat = 42, openHat = 46, crash = 49, tambourine = 54, cymbal = 57
        static let maracas = 70, highWoodBlock = 76, lowWoodBlock = 77
    }

    /// Writes one bar. Most grooves fill the last bar of a phrase, so the loop point is heard as a phrase start.
    func play(_ bar: Bar, velocity: Int, channel: UInt8, random: inout SeededRandom, into track: inout MIDITrack) {
        let stepsPerBeat = 4
        let steps = bar.beats * stepsPerBeat
        let stepLength = bar.ticksPerBeat / stepsPerBeat
        var hits: [(step: Int, key: Int, accent: Int)] = []
        /// How far `step` is into a fill of the bar's last `length` steps (0 = its first stroke), for crescendos.
        func fill(_ step: Int, _ length: Int) -> Int { step - (steps - length) }
        for step in 0..<steps {
            let onBeat = step % stepsPerBeat == 0
            let offBeat = step % stepsPerBeat == 2
            let beat = step / stepsPerBeat
            let backbeat = onBeat && beat % 2 == 1
            switch self {
            case .fourOnFloor:
                if onBeat { hits.append((step, Drum.kick, 8)) }
                if bar.position == 0 && step == 0 { hits.append((step, Drum.crash, -22)) }
                if backbeat { hits.append((step, Drum.clap, 0)) }
                if offBeat { hits.append((step, Drum.closedHat, -14)) }
                if step % 2 == 1 && random.unit() < 0.25 { hits.append((step, Drum.closedHat, -30)) }
                if bar.isPhraseEnd && step == steps - 2 { hits.append((step, Drum.openHat, -16)) }
                if bar.isPhraseEnd && step >= steps - 4 { hits.append((step, Drum.snare, -24 + fill(step, 4) * 6)) }
            case .pop:
                if step == 0 || step == 8 || step == 10 { hits.append((step, Drum.kick, 4)) }
                if bar.phrase % 2 == 0 && bar.position == 0 && step == 0 { hits.append((step, Drum.crash, -26)) }
                if backbeat { hits.append((step, Drum.snare, -4)) }
                if step % 2 == 0 { hits.append((step, Drum.closedHat, onBeat ? -16 : -24)) }
                if bar.isPhraseEnd && step >= steps - 3 { hits.append((step, Drum.snare, -20 + fill(step, 3) * 6)) }
            case .playful:
                if step == 0 || step == 8 { hits.append((step, Drum.kick, 0)) }
                if offBeat { hits.append((step, Drum.highWoodBlock, -10)) }
                if step == 12 { hits.append((step, Drum.clap, -8)) }
                if bar.isPhraseEnd && step == steps - 1 { hits.append((step, Drum.lowWoodBlock, -6)) }
                if !bar.isPhraseEnd && step == 14 && random.unit() < 0.5 { hits.append((step, Drum.tambourine, -18)) }
            case .shaker:
                if step % 2 == 0 { hits.append((step, Drum.maracas, offBeat ? 0 : -10)) }
                if step == 0 { hits.append((step, Drum.kick, -4)) }
                if step == 8 { hits.append((step, Drum.sideStick, -14)) }
            case .orchestral:
                if step == 0 { hits.append((step, Drum.bassDrum, bar.position == 0 ? 6 : -6)) }
                if bar.position == 0 && step == 0 { hits.append((step, Drum.cymbal, -22)) }
                if bar.isPhraseEnd && step >= steps - 4 {
                    hits.append((step, Drum.bassDrum, -26 + fill(step, 4) * 5))
                }
            }
        }
        for hit in hits {
            let jitter = Int(random.next() % 7) - 3
            track.note(
                channel: channel, key: hit.key, velocity: velocity + hit.accent + jitter,
                start: bar.start + hit.step * stepLength, length: stepLength)
        }
    }
}
