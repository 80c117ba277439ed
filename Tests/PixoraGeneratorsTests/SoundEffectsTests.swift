import Foundation
import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraGenerators

/// Every kind made once at 10 s (seed 1) and shared by the tests that measure them; the time each took is printed.
private let library = Task { () throws -> [SoundEffectKind: URL] in
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-sfx-\(UUID().uuidString)")
    var files: [SoundEffectKind: URL] = [:]
    let clock = ContinuousClock()
    for kind in SoundEffectKind.allCases {
        let file = folder.appendingPathComponent("\(kind.rawValue).wav")
        let took = try await clock.measure {
            try await EmbeddedSoundEffectGenerator().makeEffect(
                SoundEffectRequest(description: SoundEffectMatcher.descriptions[kind]!, duration: 10, seed: 1),
                to: file)
        }
        print("sound effect \(kind.rawValue): 10 s made in \(took)")
        files[kind] = file
    }
    return files
}

private func effect(_ kind: SoundEffectKind, seconds: Double, seed: UInt64, in folder: URL) async throws -> URL {
    let file = folder.appendingPathComponent("\(kind.rawValue)-\(seed)-\(seconds).wav")
    try await EmbeddedSoundEffectGenerator().makeEffect(
        SoundEffectRequest(description: kind.rawValue, duration: seconds, seed: seed), to: file)
    return file
}

private func scratch() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-sfx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

@Suite("embedded sound effects")
struct SoundEffectsTests {
    @Test("every effect is a 48 kHz stereo 16-bit WAV of exactly the requested length")
    func format() async throws {
        for (kind, file) in try await library.value {
            let info = try await MediaProbe.probe(file)
            #expect(info.audio?.codec == "pcm_s16le" && info.audio?.sampleRate == 48000, "\(kind)")
            #expect(info.audio?.channels == 2, "\(kind)")
            let header = try WAVHeader(contentsOf: file)
            #expect(header.bitsPerSample == 16 && header.dataBytes == 480_000 * 4, "\(kind)")
        }
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (kind, seconds) in [(SoundEffectKind.whoosh, 0.5), (.thunder, 2.7), (.chime, 1.234), (.birds, 30)] {
            let header = try WAVHeader(contentsOf: try await effect(kind, seconds: seconds, seed: 3, in: folder))
            #expect(header.dataBytes == Int((seconds * 48000).rounded()) * 4, "\(kind) \(seconds) s")
        }
    }

    @Test("every effect is audible, levelled between −30 and −12 LUFS and never clips")
    func loudness() async throws {
        for (kind, file) in try await library.value {
            let level = try await MediaCheck.loudness(of: file)
            let peak = 20 * log10(try PCM(file).samples.map { abs(Double($0)) }.max()! / 32768)
            print(
                String(
                    format: "sound effect %@: %.1f LUFS, sample peak %.1f dBFS", kind.rawValue, level.integrated, peak))
            #expect(level.integrated >= -30 && level.integrated <= -12, "\(kind): \(level.integrated) LUFS")
            #expect(peak < -1, "\(kind): sample peak \(peak) dBFS")
        }
    }

    @Test("every effect fades in and out: its first and last 5 ms are far quieter than the whole")
    func fades() async throws {
        for (kind, file) in try await library.value {
            let samples = try PCM(file).mono
            let whole = PCM.rms(samples[...])
            let head = PCM.rms(samples[0..<240])
            let tail = PCM.rms(samples[(samples.count - 240)...])
            #expect(head < whole / 4 && tail < whole / 4, "\(kind): head \(head), tail \(tail), whole \(whole)")
        }
    }

    @Test("no two effects are alike: their spectra and the way their loudness moves differ")
    func distinct() async throws {
        let files = try await library.value
        var profiles: [SoundEffectKind: SoundProfile] = [:]
        for (kind, file) in files { profiles[kind] = try SoundProfile(try PCM(file).mono) }
        for kind in SoundEffectKind.allCases { print("profile \(kind.rawValue): \(profiles[kind]!)") }
        let kinds = SoundEffectKind.allCases
        var closest = (Double.infinity, "")
        defer { print("closest pair: \(closest.1) at \(closest.0)") }
        for (index, first) in kinds.enumerated() {
            for second in kinds[(index + 1)...] {
                let distance = profiles[first]!.distance(to: profiles[second]!)
                #expect(distance > 6, "\(first) and \(second) are alike (distance \(distance))")
                if distance < closest.0 { closest = (distance, "\(first)–\(second)") }
            }
        }
    }

    @Test("each effect has the character of its name: where its energy lies and how steady it is")
    func character() async throws {
        var profiles: [SoundEffectKind: SoundProfile] = [:]
        for (kind, file) in try await library.value { profiles[kind] = try SoundProfile(try PCM(file).mono) }
        func share(_ kind: SoundEffectKind, _ bands: Range<Int>) -> Double { profiles[kind]!.share(bands) }
        func movement(_ kind: SoundEffectKind) -> Double { profiles[kind]!.movement }
        // Bands: <125, 125–250, 250–500, 500–1k, 1–2k, 2–4k, 4–8k, >8k Hz.
        #expect(share(.thunder, 0..<2) > 0.6, "thunder rumbles low")
        #expect(share(.engine, 0..<3) > 0.6, "an engine hums low")
        #expect(share(.wind, 1..<4) > 0.6, "wind rushes in the low mids")
        #expect(share(.waves, 0..<4) > 0.6, "waves surge low")
        #expect(share(.birds, 5..<7) > 0.7, "birds sing high")
        #expect(share(.chime, 3..<8) > 0.8, "chimes ring above 500 Hz")
        #expect(share(.rain, 4..<8) > 0.6, "rain patters high")
        #expect(share(.crowd, 2..<6) > 0.7, "a crowd murmurs in the speech range")
        #expect(share(.footsteps, 0..<5) > 0.7, "footsteps thud")
        #expect(share(.click, 4..<7) > 0.6, "clicks are bright")
        for steady in [SoundEffectKind.rain, .crowd, .engine, .fire] {
            #expect(movement(steady) < 4, "\(steady) is a steady texture (\(movement(steady)) dB)")
        }
        for pulsing in [SoundEffectKind.click, .footsteps, .birds, .whoosh] {
            #expect(movement(pulsing) > 6, "\(pulsing) comes and goes (\(movement(pulsing)) dB)")
        }
    }

    @Test("the same request gives the same bytes; another seed gives other bytes for every kind")
    func seeds() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        for kind in SoundEffectKind.allCases {
            let first = try Data(contentsOf: try await effect(kind, seconds: 2, seed: 5, in: folder))
            let other = try Data(contentsOf: try await effect(kind, seconds: 2, seed: 6, in: folder))
            #expect(first != other, "\(kind)")
            if [.rain, .birds, .thunder].contains(kind) {
                let again = folder.appendingPathComponent("again.wav")
                try await EmbeddedSoundEffectGenerator().makeEffect(
                    SoundEffectRequest(description: kind.rawValue, duration: 2, seed: 5), to: again)
                #expect(try Data(contentsOf: again) == first, "\(kind)")
            }
        }
    }

    @Test("descriptions are matched by keywords and synonyms; the first effect named wins")
    func matcher() {
        let table: [(String, SoundEffectKind?)] = [
            ("gentle rain on a window", .rain), ("light drizzle", .rain), ("Heavy RAINFALL", .rain),
            ("surf rolling in", .waves), ("the ocean at dusk", .waves), ("waves crashing", .waves),
            ("steps in a hallway", .footsteps), ("someone walking on gravel", .footsteps),
            ("a church bell", .chime), ("wind chimes on a porch", .chime), ("howling wind", .wind),
            ("a soft breeze", .wind), ("a car passing", .engine), ("an old motor", .engine),
            ("birdsong at dawn", .birds), ("chirping sparrows", .birds), ("a whoosh transition", .whoosh),
            ("swoosh!", .whoosh), ("crowd cheering", .crowd), ("people chatting in a cafe", .crowd),
            ("a crackling campfire", .fire), ("thunder and rain", .thunder), ("rain and distant thunder", .rain),
            ("a clock ticking", .click), ("mouse click", .click), ("", nil), ("a violin solo", nil),
            ("silence", nil), ("rainbow colours", nil),
        ]
        for (description, kind) in table {
            #expect(SoundEffectMatcher.kind(for: description) == kind, "“\(description)”")
        }
    }

    @Test("an unmatched description is a usage error that lists the available effects")
    func unmatched() async throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("violin.wav")
        let error = await #expect(throws: UsageError.self) {
            try await EmbeddedSoundEffectGenerator().makeEffect(
                SoundEffectRequest(description: "a violin solo", duration: 3, seed: 1), to: output)
        }
        for kind in SoundEffectKind.allCases { #expect(error?.message.contains(kind.rawValue) == true) }
        #expect(!FileManager.default.fileExists(atPath: output.path))
        await #expect(throws: UsageError.self) {
            try await EmbeddedSoundEffectGenerator().makeEffect(
                SoundEffectRequest(description: "rain", duration: 31, seed: 1), to: output)
        }
    }

    @Test("a scene's text suggests an effect whose description matches back to it, or none")
    func suggestions() {
        let table: [(String, SoundEffectKind?)] = [
            ("A storm gathers over the hills", .thunder), ("Bees visit the flowers in a spring garden", .birds),
            ("The harbour at sunrise", .waves), ("Traffic fills the city street", .engine),
            ("A busy market square", .crowd), ("Marshmallows over the campfire", .fire),
            ("Typing late at night in the office", .click), ("The formula for compound interest", nil),
        ]
        for (scene, kind) in table {
            let suggestion = SoundEffectMatcher.suggestion(for: scene)
            #expect(suggestion.flatMap(SoundEffectMatcher.kind(for:)) == kind, "“\(scene)” → \(suggestion ?? "nil")")
        }
        for kind in SoundEffectKind.allCases {
            #expect(SoundEffectMatcher.kind(for: SoundEffectMatcher.descriptions[kind]!) == kind)
        }
    }
}
