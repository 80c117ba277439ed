import PixoraCore

/// A piece composed for a mood: whole four-bar phrases in one key and tempo, written as a MIDI file.
struct Composition: Sendable {
    static let ticksPerBeat = 480
    static let beatsPerBar = 4
    static let barsPerPhrase = 4
    /// General MIDI reserves channel 10 (index 9) for percussion.
    static let drumChannel: UInt8 = 9

    let mood: Mood
    /// Beats per minute; divides 480 000 (see `MusicStyle.tempos`).
    let tempo: Int
    let key: MusicalKey
    /// One chord root (scale degree) per bar of a phrase.
    let progression: [Int]
    let phrases: Int
    /// Master gain the renderer applies (see `MusicStyle.gain`).
    let gain: Double
    let midi: MIDIFile

    var bars: Int { phrases * Self.barsPerPhrase }
    var beats: Int { bars * Self.beatsPerBar }
    /// The musical length in seconds: where the loop point falls.
    var duration: Double { Double(beats) * 60 / Double(tempo) }

    /// The musical length in samples; exact, because a beat is a whole number of samples at the rates used.
    func sampleCount(sampleRate: Int) -> Int {
        beats * sampleRate * 60 / tempo
    }

    /// Composes the piece for `request`. The MIDI file runs `ringOut` seconds of silence past the last bar so a
    /// renderer keeps the release and reverb tail that rings over the loop point.
    init(_ request: MusicRequest, ringOut: Double) throws {
        guard request.minimumDuration.isFinite, request.minimumDuration <= 6 * 3600 else {
            throw UsageError("music length must be a number of seconds up to six hours, not \(request.minimumDuration)")
        }
        let style = MusicStyle(mood: request.mood)
        var random = SeededRandom(seed: request.seed, label: "music.\(request.mood.rawValue)")
        mood = request.mood
        tempo = random.pick(style.tempos)
        key = MusicalKey(tonic: random.pick(style.tonics), mode: style.mode)
        progression = random.pick(style.progressions)
        gain = style.gain

        let phraseSeconds = Double(Self.barsPerPhrase * Self.beatsPerBar) * 60 / Double(tempo)
        phrases = max(1, Int((request.minimumDuration / phraseSeconds).rounded(.up)))
        let ringOutTicks = Int((ringOut * Double(tempo) / 60 * Double(Self.ticksPerBeat)).rounded(.up))
        let endTick = phrases * Self.barsPerPhrase * Self.beatsPerBar * Self.ticksPerBeat + ringOutTicks

        var conductor = MIDITrack(name: "Pixora \(request.mood.rawValue)")
        conductor.add(.tempo(microsecondsPerQuarter: UInt32(60_000_000 / tempo)), at: 0)
        conductor.add(.timeSignature(beatsPerBar: UInt8(Self.beatsPerBar)), at: 0)
        conductor.endTick = endTick
        var tracks = [conductor]
        var nextChannel: UInt8 = 0
        for part in style.parts {
            let channel: UInt8
            if case .drums = part.role {
                channel = Self.drumChannel
            } else {
                channel = nextChannel
                nextChannel += nextChannel + 1 == Self.drumChannel ? 2 : 1
            }
            // Each part draws from its own sequence, so changing one part never reshuffles the others.
            let random = SeededRandom(seed: request.seed, label: "music.\(request.mood.rawValue).\(part.name)")
            let performer = Performer(part: part, channel: channel, key: key, random: random)
            tracks.append(
                Self.track(
                    of: performer, progression: progression, phrases: phrases, sevenths: style.sevenths,
                    endTick: endTick))
        }
        midi = MIDIFile(ticksPerQuarter: UInt16(Self.ticksPerBeat), tracks: tracks)
    }

    /// One part's track: its instrument and mix settings, every bar of the piece, then silence until `endTick`.
    private static func track(
        of performer: Performer, progression: [Int], phrases: Int, sevenths: Bool, endTick: Int
    ) -> MIDITrack {
        var performer = performer
        let channel = performer.channel
        let part = performer.part
        var track = MIDITrack(name: part.name)
        track.add(.programChange(channel: channel, program: part.program), at: 0)
        track.add(.controlChange(channel: channel, controller: .volume, value: part.volume), at: 0)
        track.add(.controlChange(channel: channel, controller: .pan, value: part.pan), at: 0)
        track.add(.controlChange(channel: channel, controller: .reverb, value: part.reverb), at: 0)
        track.add(.controlChange(channel: channel, controller: .chorus, value: 16), at: 0)
        for index in 0..<(phrases * barsPerPhrase) {
            let position = index % Self.barsPerPhrase
            let bar = Bar(
                index: index, phrase: index / Self.barsPerPhrase, position: position,
                isPhraseEnd: position == Self.barsPerPhrase - 1,
                start: index * Self.beatsPerBar * Self.ticksPerBeat, beats: Self.beatsPerBar,
                ticksPerBeat: Self.ticksPerBeat,
                chord: performer.key.chord(root: progression[position], seventh: sevenths))
            performer.play(bar, roots: progression, into: &track)
        }
        // Once the tail has been captured, cut what still rings: fluidsynth otherwise keeps rendering until the
        // last voice's release has run out, seconds of inaudible work.
        track.add(.controlChange(channel: channel, controller: .allSoundOff, value: 0), at: endTick)
        track.endTick = endTick
        return track
    }
}
