/// One track of a MIDI file: timed events kept in absolute ticks and delta-encoded only when written.
struct MIDITrack: Sendable, Hashable {
    /// What happens at one tick.
    enum Message: Sendable, Hashable {
        case trackName(String)
        case tempo(microsecondsPerQuarter: UInt32)
        case timeSignature(beatsPerBar: UInt8)
        case programChange(channel: UInt8, program: UInt8)
        case controlChange(channel: UInt8, controller: Controller, value: UInt8)
        case noteOn(channel: UInt8, key: UInt8, velocity: UInt8)
        case noteOff(channel: UInt8, key: UInt8)

        /// Events at the same tick are written in this order: a note that ends where the same key starts again
        /// must be released before it is struck, or the synthesizer cuts the new note short.
        var orderAtSameTick: Int {
            switch self {
            case .trackName, .tempo, .timeSignature: 0
            case .programChange, .controlChange: 1
            case .noteOff: 2
            case .noteOn: 3
            }
        }
    }

    /// The General MIDI controllers the composer sets.
    enum Controller: UInt8, Sendable, Hashable {
        case volume = 7
        case pan = 10
        case reverb = 91
        case chorus = 93
        /// Cuts every sounding voice at once, release and all.
        case allSoundOff = 120
    }

    struct Event: Sendable, Hashable {
        var tick: Int
        var message: Message
    }

    private(set) var events: [Event] = []
    /// Where the end-of-track meta event goes; at least the last event's tick.
    var endTick: Int = 0

    init(name: String) {
        add(.trackName(name), at: 0)
    }

    mutating func add(_ message: Message, at tick: Int) {
        events.append(Event(tick: max(0, tick), message: message))
    }

    /// A note from `start` lasting `length` ticks; velocity and key are clamped to MIDI's 7-bit range.
    mutating func note(channel: UInt8, key: Int, velocity: Int, start: Int, length: Int) {
        guard length > 0 else { return }
        let key = UInt8(clamping: min(127, max(0, key)))
        let velocity = UInt8(clamping: min(127, max(1, velocity)))
        add(.noteOn(channel: channel, key: key, velocity: velocity), at: start)
        add(.noteOff(channel: channel, key: key), at: start + length)
    }

    /// The track body of an `MTrk` chunk, ending with the end-of-track meta event.
    var encodedEvents: [UInt8] {
        let ordered = events.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            if a.tick != b.tick { return a.tick < b.tick }
            if a.message.orderAtSameTick != b.message.orderAtSameTick {
                return a.message.orderAtSameTick < b.message.orderAtSameTick
            }
            return left.offset < right.offset
        }.map(\.element)
        var output: [UInt8] = []
        var previous = 0
        for event in ordered {
            output += Self.variableLength(event.tick - previous)
            output += Self.encode(event.message)
            previous = event.tick
        }
        output += Self.variableLength(max(endTick, previous) - previous)
        output += [0xFF, 0x2F, 0x00]
        return output
    }

    private static func encode(_ message: Message) -> [UInt8] {
        switch message {
        case .trackName(let name):
            let text = Array(name.utf8)
            return [0xFF, 0x03] + variableLength(text.count) + text
        case .tempo(let microseconds):
            return [0xFF, 0x51, 0x03] + Array(microseconds.bigEndianBytes.suffix(3))
        case .timeSignature(let beats):
            // Denominator 2^2 = quarter notes; 24 MIDI clocks per metronome click; 8 thirty-seconds per quarter.
            return [0xFF, 0x58, 0x04, beats, 2, 24, 8]
        case .programChange(let channel, let program):
            return [0xC0 | (channel & 0x0F), program & 0x7F]
        case .controlChange(let channel, let controller, let value):
            return [0xB0 | (channel & 0x0F), controller.rawValue, value & 0x7F]
        case .noteOn(let channel, let key, let velocity):
            return [0x90 | (channel & 0x0F), key & 0x7F, velocity & 0x7F]
        case .noteOff(let channel, let key):
            // A true note-off (not note-on with velocity 0) so a parser never mistakes it for a strike.
            return [0x80 | (channel & 0x0F), key & 0x7F, 0x40]
        }
    }

    /// MIDI's variable-length quantity: 7 bits per byte, high bit set on every byte but the last.
    static func variableLength(_ value: Int) -> [UInt8] {
        var remaining = UInt32(clamping: max(0, value))
        var bytes: [UInt8] = [UInt8(remaining & 0x7F)]
        remaining >>= 7
        while remaining > 0 {
            bytes.insert(UInt8(remaining & 0x7F) | 0x80, at: 0)
            remaining >>= 7
        }
        return bytes
    }
}
