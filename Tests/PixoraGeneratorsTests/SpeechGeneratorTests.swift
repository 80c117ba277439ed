import Foundation
import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraGenerators

@Suite("flite speech with word timings")
struct SpeechGeneratorTests {
    @Test("speech has a word timing per word, in order, inside the audio")
    func wordTimings() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pixora-speech-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("voice.wav")
        let text = "Have you ever wondered how 3 bees make honey? It starts with a flower."
        let timings = try await FliteSpeechGenerator().makeSpeech(
            SpeechRequest(text: text, voice: .slt, rate: 1), to: output)
        let header = try WAVHeader(contentsOf: output)
        #expect(abs(header.duration - timings.duration) < 0.001)
        #expect(timings.duration > 2 && timings.duration < 8)
        #expect(timings.words.map(\.word) == text.split(separator: " ").map(String.init))
        for (previous, word) in zip(timings.words, timings.words.dropFirst()) {
            #expect(word.start >= previous.end - 0.001, "\(word.word) starts before \(previous.word) ends")
        }
        #expect(timings.words.allSatisfy { $0.end > $0.start && $0.end <= timings.duration + 0.01 })
        // "It" follows the sentence pause: it must start after "honey?" ends, not be spread evenly.
        let honey = timings.words[8]
        let it = timings.words[9]
        #expect(it.start - honey.end > 0.1, "no pause between sentences: \(honey) \(it)")
    }

    @Test("voice and rate change the speech")
    func voiceAndRate() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pixora-speech-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let generator = FliteSpeechGenerator()
        let text = "The quick brown fox jumps over the lazy dog near the river bank."
        let normal = try await generator.makeSpeech(
            SpeechRequest(text: text, voice: .slt, rate: 1), to: folder.appendingPathComponent("a.wav"))
        let fast = try await generator.makeSpeech(
            SpeechRequest(text: text, voice: .slt, rate: 1.5), to: folder.appendingPathComponent("b.wav"))
        let male = try await generator.makeSpeech(
            SpeechRequest(text: text, voice: .rms, rate: 1), to: folder.appendingPathComponent("c.wav"))
        #expect(fast.duration < normal.duration * 0.8)
        let a = try Data(contentsOf: folder.appendingPathComponent("a.wav"))
        let c = try Data(contentsOf: folder.appendingPathComponent("c.wav"))
        #expect(a != c)
        #expect(male.words.count == normal.words.count)
    }

    @Test("phones are assigned to words by their counts")
    func alignment() {
        let phones = PhoneTiming.parse("pau:0.1 hh:0.2 ay:0.3 pau:0.6 y:0.7 uw:0.8")
        let words = PhoneTiming.align(tokens: ["hi.", "you"], phoneCounts: [2, 2], phones: phones, duration: 0.9)
        #expect(
            words == [WordTiming(word: "hi.", start: 0.1, end: 0.3), WordTiming(word: "you", start: 0.6, end: 0.8)])
        #expect(PhoneTiming.phoneCountsPerPhrase("pau hh ae v pau y uw pau", expected: 2) == [3, 2])
        let utterances = PhoneTiming.parse("pau:0.1 hh:0.5 pau:1.0\npau:0.2 y:0.4 pau:0.6\n")
        #expect(utterances.map(\.end) == [0.1, 0.5, 1.0, 1.2, 1.4, 1.6])
        #expect(PhoneTiming.phoneCountsPerPhrase("pau hh ae v pau", expected: 2) == [])
    }
}
