import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import PixoraProviders
import PixoraTestSupport
import Testing

private func generator(_ base: String, key: String = "eleven-test-key") -> ElevenLabsSoundEffectGenerator {
    ElevenLabsSoundEffectGenerator(
        key: key, baseURL: base, policy: RetryPolicy(attempts: 3, baseDelay: 0.05, maximumDelay: 1, timeout: 300),
        logger: quietLogger)
}

private var mp3: ProviderEmulator.Reply {
    get async throws {
        ProviderEmulator.Reply(
            status: 200, headers: ["Content-Type": "audio/mpeg"], data: try await emulatorMedia.speech)
    }
}

/// Runs one request for `seconds` against `emulator`; the error it threw, if any.
private func attempt(_ emulator: ProviderEmulator, seconds: Double = 4, key: String = "eleven-test-key", to output: URL)
    async -> (any Error)?
{
    do {
        try await emulator.run { base in
            try await generator(base, key: key).makeEffect(
                SoundEffectRequest(description: "gentle rain on a window", duration: seconds, seed: 1), to: output)
        }
        return nil
    } catch {
        return error
    }
}

@Suite("ElevenLabs sound effects against an emulated API")
struct ElevenLabsSoundEffectTests {
    @Test("the description and length are posted with the key; the MP3 becomes a 48 kHz stereo WAV of that length")
    func request() async throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The emulated sound is 2.5 s: a longer request is padded, a shorter one cut, both to the exact sample.
        for seconds in [4.0, 1.25] {
            let emulator = ProviderEmulator([try await mp3])
            let output = folder.appendingPathComponent("rain-\(seconds).wav")
            #expect(await attempt(emulator, seconds: seconds, to: output) == nil)
            let sent = try #require(emulator.requests.first)
            #expect(sent.method == "POST" && sent.path == "/v1/sound-generation")
            #expect(sent.headers["xi-api-key"] == "eleven-test-key")
            #expect(sent.json["text"] as? String == "gentle rain on a window")
            #expect(sent.json["duration_seconds"] as? Double == seconds)
            #expect(sent.json["prompt_influence"] as? Double == 0.3)
            let info = try await MediaProbe.probe(output)
            #expect(info.audio?.codec == "pcm_s16le" && info.audio?.sampleRate == 48000 && info.audio?.channels == 2)
            let header = try WAVHeader(contentsOf: output)
            #expect(header.dataBytes == Int(seconds * 48000) * 4)
            let level = try await MediaCheck.loudness(of: output)
            #expect(level.integrated > -40, "the provider's sound survives the conversion")
            #expect(Provenance.read(for: output)?.provider == "ElevenLabs")
        }
    }

    @Test("a refused key (401) fails at once with ElevenLabs' words and without the key; no file is left")
    func badKey() async throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("rain.wav")
        let emulator = ProviderEmulator([
            .json(["detail": ["status": "invalid_api_key", "message": "Invalid API key"]], status: 401)
        ])
        let error = await attempt(emulator, key: "wrong-secret", to: output)
        let failure = try #require(error as? ProviderFailure)
        #expect(failure.status == 401 && failure.message == "HTTP 401: Invalid API key")
        #expect(!"\(failure)".contains("wrong-secret"))
        #expect(emulator.requests.count == 1)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("a validation error (422) is reported with its detail and not retried")
    func validation() async throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let emulator = ProviderEmulator([
            .json(
                [
                    "detail": [
                        [
                            "loc": ["body", "duration_seconds"], "type": "less_than_equal",
                            "msg": "Input should be less than or equal to 30",
                        ]
                    ]
                ], status: 422)
        ])
        let error = await attempt(emulator, to: folder.appendingPathComponent("rain.wav"))
        let failure = try #require(error as? ProviderFailure)
        #expect(failure.status == 422 && failure.message.contains("Input should be less than or equal to 30"))
        #expect(emulator.requests.count == 1)
    }

    @Test("a busy answer (429 with Retry-After) is waited out and retried; the sound then arrives")
    func busy() async throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("rain.wav")
        let emulator = ProviderEmulator([
            .init(
                status: 429, headers: ["Content-Type": "application/json", "Retry-After": "0.2"],
                body: #"{"detail":{"status":"too_many_concurrent_requests","message":"Too many requests"}}"#),
            try await mp3,
        ])
        #expect(await attempt(emulator, to: output) == nil)
        #expect(emulator.requests.count == 2)
        #expect(try WAVHeader(contentsOf: output).dataBytes == 4 * 48000 * 4)
    }

    @Test("a server error (5xx) is retried up to the policy's attempts, then reported with its status")
    func serverError() async throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let emulator = ProviderEmulator(
            [], otherwise: .json(["detail": ["status": "internal_error", "message": "Something broke"]], status: 503))
        let error = await attempt(emulator, to: folder.appendingPathComponent("rain.wav"))
        let failure = try #require(error as? ProviderFailure)
        #expect(failure.status == 503 && failure.message == "HTTP 503: Something broke")
        #expect(emulator.requests.count == 3)
    }

    @Test("a length outside 0.5 … 30 s is a usage error, and nothing is sent")
    func length() async throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let emulator = ProviderEmulator([try await mp3])
        let error = await attempt(emulator, seconds: 45, to: folder.appendingPathComponent("rain.wav"))
        #expect(error is UsageError)
        #expect(emulator.requests.isEmpty)
    }

    @Test("settings: ElevenLabs makes the effects when its key is set; with fallback on, the library stands in")
    func settings() async throws {
        #expect(
            try ProviderSettings.from(environment: [:]).soundEffectGenerator(logger: quietLogger).id
                == "embedded.sound-effects")
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("rain.wav")
        let emulator = ProviderEmulator([], otherwise: .json(["detail": "down"], status: 500))
        let generator = try await emulator.run { base in
            let settings = try ProviderSettings.from(environment: [
                "ELEVENLABS_API_KEY": "eleven-test-key", "ELEVENLABS_BASE_URL": base, "PIXORA_PROVIDER_FALLBACK": "1",
                "PIXORA_PROVIDER_ATTEMPTS": "1",
            ])
            #expect(settings.soundEffects == .elevenlabs && !settings.isEmbedded)
            let generator = settings.soundEffectGenerator(logger: quietLogger)
            try await generator.makeEffect(
                SoundEffectRequest(description: "gentle rain on a window", duration: 2, seed: 1), to: output)
            return generator
        }
        #expect(generator.id == "elevenlabs.sound-generation" && emulator.requests.count == 1)
        let made = try #require(Provenance.read(for: output))
        #expect(made.provider == "embedded" && made.fallbackReason?.contains("HTTP 500") == true)
        #expect(try WAVHeader(contentsOf: output).dataBytes == 2 * 48000 * 4)
    }
}
