import Foundation
import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraGenerators

@Suite("embedded music generator")
struct MusicGeneratorTests {
    let generator = EmbeddedMusicGenerator()

    @Test("the same request gives byte-identical MIDI")
    func deterministic() throws {
        for mood in Mood.allCases {
            let request = MusicRequest(mood: mood, minimumDuration: 20, seed: 42)
            #expect(try generator.midi(for: request) == generator.midi(for: request), "\(mood)")
        }
    }

    @Test("different moods and different seeds give different MIDI")
    func variesWithMoodAndSeed() throws {
        let pieces = try Mood.allCases.map {
            try generator.midi(for: MusicRequest(mood: $0, minimumDuration: 20, seed: 7))
        }
        #expect(Set(pieces).count == Mood.allCases.count)
        for mood in Mood.allCases {
            let first = try generator.midi(for: MusicRequest(mood: mood, minimumDuration: 20, seed: 1))
            let second = try generator.midi(for: MusicRequest(mood: mood, minimumDuration: 20, seed: 2))
            #expect(first != second, "\(mood)")
        }
    }

    @Test("the MIDI file is format 1 with a tempo, programs, and tracks that each end with end-of-track")
    func standardMIDIFile() throws {
        for mood in Mood.allCases {
            let file = try ParsedMIDI(try generator.midi(for: MusicRequest(mood: mood, minimumDuration: 10, seed: 3)))
            #expect(file.format == 1)
            #expect(file.declaredTrackCount == file.tracks.count)
            #expect(file.tracks.count >= 4, "\(mood): a conductor track and at least three parts")
            #expect(file.division == 480)
            for track in file.tracks {
                #expect(track.last?.isEndOfTrack == true, "\(mood): track must end with FF 2F 00")
                #expect(track.filter(\.isEndOfTrack).count == 1)
            }
            #expect(file.tempo != nil, "\(mood): the conductor track sets the tempo")
            let programs = file.events.filter { $0.status & 0xF0 == 0xC0 }
            #expect(programs.count == file.tracks.count - 1, "\(mood): one program change per part")
            let noteOns = file.events.filter { $0.status & 0xF0 == 0x90 }
            #expect(!noteOns.isEmpty)
            // Background music: nothing is struck hard enough to dominate the narration.
            #expect(noteOns.allSatisfy { $0.data[1] >= 1 && $0.data[1] <= 100 }, "\(mood)")
        }
    }

    @Test("energetic music plays drums on channel 10")
    func drumsOnChannelTen() throws {
        let file = try ParsedMIDI(try generator.midi(for: MusicRequest(mood: .energetic, minimumDuration: 10, seed: 5)))
        #expect(file.events.contains { $0.status == 0x99 })
    }

    @Test("moods are composed at different tempi")
    func tempoDependsOnMood() throws {
        var tempi: [Mood: Double] = [:]
        for mood in Mood.allCases {
            let file = try ParsedMIDI(try generator.midi(for: MusicRequest(mood: mood, minimumDuration: 10, seed: 11)))
            let tempo = try #require(file.tempo)
            tempi[mood] = tempo
        }
        #expect(try #require(tempi[.calm]) < #require(tempi[.energetic]))
        #expect(try #require(tempi[.somber]) < #require(tempi[.playful]))
        #expect(Set(tempi.values).count >= 4)
    }

    @Test("a piece is whole four-bar phrases lasting at least the requested length")
    func lengthIsWholePhrases() throws {
        for mood in Mood.allCases {
            for minimum in [0.5, 7.0, 12.0, 30.0, 95.5] {
                let request = MusicRequest(mood: mood, minimumDuration: minimum, seed: 9)
                let composition = try Composition(request, ringOut: 4)
                let phrase = 16 * 60 / Double(composition.tempo)
                #expect(composition.duration >= minimum)
                #expect(composition.duration - phrase < minimum, "\(mood) \(minimum): no extra phrase")
                #expect(composition.bars % 4 == 0)
                #expect(Double(composition.sampleCount(sampleRate: 48_000)) == composition.duration * 48_000)
            }
        }
    }

    @Test("a length that is not a number is refused")
    func refusesNonFiniteLength() {
        #expect(throws: UsageError.self) {
            try generator.midi(for: MusicRequest(mood: .calm, minimumDuration: .infinity, seed: 1))
        }
    }

    @Test("the loop fold trims to the exact sample count and mixes the tail from the loop point onto the start")
    func loopFoldGraph() throws {
        let fold = LoopFold(sampleCount: 1_105_920, sampleRate: 48_000)
        #expect(fold.loopPoint == "23.040000")
        #expect(LoopFold(sampleCount: 48_001, sampleRate: 48_000).loopPoint == "1.000020")
        #expect(fold.filterGraph.contains("atrim=end_sample=1105920,apad=whole_len=1105920[head]"))
        #expect(fold.filterGraph.contains("amix=inputs=2:duration=first"))
        #expect(fold.filterGraph.contains("normalize=0"))
        let arguments = fold.arguments(render: "render.wav", output: "loop.wav")
        #expect(arguments.contains("pcm_s16le"))
        let seek = try #require(arguments.firstIndex(of: "-ss"))
        #expect(arguments[seek + 1] == "23.040000")
        #expect(arguments[seek + 2] == "-i", "the seek applies to the second input only")
    }

    @Test("a rendered 12-second calm track is long enough, stereo 48 kHz, audible, unclipped, leaves nothing behind")
    func rendersCalmTrack() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("pixora-music-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("calm.wav")

        let length = try await generator.makeMusic(MusicRequest(mood: .calm, minimumDuration: 12, seed: 1), to: output)

        #expect(length >= 12)
        let probe = try await AudioProbe(output)
        #expect(probe.channels == 2)
        #expect(probe.sampleRate == 48_000)
        #expect(probe.codec == "pcm_s16le")
        #expect(probe.samples == Int((length * 48_000).rounded()), "sample-accurate loop length")
        let levels = try await VolumeLevels(output)
        #expect(levels.mean > -40, "not silent")
        #expect(levels.max < 0, "no clipping")
        // fluidsynth's render is silent for its first block; only the folded tail can sound there.
        let opening = try await VolumeLevels(output, filter: "atrim=end_sample=64,")
        #expect(opening.max > -80, "the tail ringing past the loop point is mixed onto the start")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["calm.wav"])
    }

    @Test("scale degrees map to keys of the mode across octaves")
    func scaleDegrees() {
        let aMinor = MusicalKey(tonic: 9, mode: .minor)
        #expect(aMinor.key(degree: 0, octave: 4) == 69)
        #expect(aMinor.key(degree: 2, octave: 4) == 72)
        #expect(aMinor.key(degree: 7, octave: 4) == 81)
        #expect(aMinor.key(degree: -1, octave: 4) == 67)
        #expect(aMinor.chord(root: 5) == [5, 9, 0], "VI of A minor is F major")
        let dHarmonicMinor = MusicalKey(tonic: 2, mode: .harmonicMinor)
        #expect(dHarmonicMinor.chord(root: 4) == [9, 1, 4], "V of D harmonic minor is A major")
        #expect(MusicalKey.nearest(pitchClass: 0, to: 65) == 60)
        #expect(MusicalKey.nearest(pitchClass: 0, to: 67) == 72)
    }
}

/// A minimal Standard MIDI File reader, independent of the writer, so the tests check the bytes themselves.
private struct ParsedMIDI {
    struct Event {
        var status: UInt8
        var data: [UInt8]
        var isEndOfTrack: Bool { status == 0xFF && data.first == 0x2F }
    }

    struct Malformed: Error { var reason: String }

    var format: Int
    var declaredTrackCount: Int
    var division: Int
    var tracks: [[Event]]
    var events: [Event] { tracks.flatMap { $0 } }

    /// Beats per minute from the first tempo meta event.
    var tempo: Double? {
        guard let event = events.first(where: { $0.status == 0xFF && $0.data.first == 0x51 }), event.data.count == 5
        else { return nil }
        let microseconds = Int(event.data[2]) << 16 | Int(event.data[3]) << 8 | Int(event.data[4])
        return 60_000_000 / Double(microseconds)
    }

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        var position = 0
        func take(_ count: Int) throws -> [UInt8] {
            guard position + count <= bytes.count else { throw Malformed(reason: "truncated at \(position)") }
            defer { position += count }
            return Array(bytes[position..<(position + count)])
        }
        func number(_ count: Int) throws -> Int { try take(count).reduce(0) { $0 << 8 | Int($1) } }

        guard try take(4) == Array("MThd".utf8), try number(4) == 6 else { throw Malformed(reason: "no MThd header") }
        format = try number(2)
        declaredTrackCount = try number(2)
        division = try number(2)
        tracks = []
        while position < bytes.count {
            guard try take(4) == Array("MTrk".utf8) else { throw Malformed(reason: "expected MTrk at \(position - 4)") }
            let end = try number(4) + position
            var events: [Event] = []
            while position < end {
                var delta = 0
                repeat {
                    let byte = try take(1)[0]
                    delta = delta << 7 | Int(byte & 0x7F)
                    if byte & 0x80 == 0 { break }
                } while true
                let status = try take(1)[0]
                switch status {
                case 0xFF:
                    let type = try take(1)[0]
                    let length = Int(try take(1)[0])
                    events.append(Event(status: status, data: [type, UInt8(length)] + (try take(length))))
                case 0x80...0xBF, 0xE0...0xEF:
                    events.append(Event(status: status, data: try take(2)))
                case 0xC0...0xDF:
                    events.append(Event(status: status, data: try take(1)))
                default:
                    throw Malformed(reason: "unexpected status \(status) at \(position - 1)")
                }
            }
            guard position == end else { throw Malformed(reason: "track overruns its length") }
            tracks.append(events)
        }
    }
}

/// Stream properties of an audio file, read with ffprobe.
private struct AudioProbe {
    var channels: Int
    var sampleRate: Int
    var codec: String
    var samples: Int

    init(_ file: URL) async throws {
        let output = try await ToolRunner.run(
            .ffprobe,
            [
                "-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=channels,sample_rate,codec_name,duration_ts",
                "-of", "default=noprint_wrappers=1", file.path,
            ])
        var fields: [String: String] = [:]
        for line in output.standardOutput.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        channels = Int(fields["channels"] ?? "") ?? 0
        sampleRate = Int(fields["sample_rate"] ?? "") ?? 0
        codec = fields["codec_name"] ?? ""
        samples = Int(fields["duration_ts"] ?? "") ?? 0
    }
}

/// Mean and peak level in dBFS, from ffmpeg's volumedetect filter.
private struct VolumeLevels {
    var mean: Double
    var max: Double

    /// `filter` is prepended to volumedetect, e.g. to measure only part of the file.
    init(_ file: URL, filter: String = "") async throws {
        let output = try await ToolRunner.run(
            .ffmpeg, ["-nostdin", "-hide_banner", "-i", file.path, "-af", filter + "volumedetect", "-f", "null", "-"])
        func level(_ name: String) -> Double {
            for line in output.errorLines {
                guard let range = line.range(of: "\(name): ") else { continue }
                return Double(line[range.upperBound...].split(separator: " ").first ?? "") ?? .nan
            }
            return .nan
        }
        mean = level("mean_volume")
        max = level("max_volume")
    }
}
