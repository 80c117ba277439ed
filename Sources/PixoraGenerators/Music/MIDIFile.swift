import Foundation

/// A Standard MIDI File (format 1): a conductor track for tempo and metre, then one track per part.
struct MIDIFile: Sendable, Hashable {
    /// Resolution of every track's tick times.
    var ticksPerQuarter: UInt16
    var tracks: [MIDITrack]

    init(ticksPerQuarter: UInt16 = 480, tracks: [MIDITrack] = []) {
        self.ticksPerQuarter = ticksPerQuarter
        self.tracks = tracks
    }

    /// The file's bytes: an `MThd` chunk, then one `MTrk` chunk per track.
    var bytes: [UInt8] {
        var output: [UInt8] = Array("MThd".utf8)
        output += UInt32(6).bigEndianBytes
        output += UInt16(1).bigEndianBytes
        output += UInt16(tracks.count).bigEndianBytes
        output += ticksPerQuarter.bigEndianBytes
        for track in tracks {
            let body = track.encodedEvents
            output += Array("MTrk".utf8)
            output += UInt32(body.count).bigEndianBytes
            output += body
        }
        return output
    }

    var data: Data { Data(bytes) }
}

extension FixedWidthInteger {
    /// MIDI stores every multi-byte number most significant byte first.
    var bigEndianBytes: [UInt8] {
        (0..<(Self.bitWidth / 8)).reversed().map { UInt8(truncatingIfNeeded: self >> ($0 * 8)) }
    }
}
