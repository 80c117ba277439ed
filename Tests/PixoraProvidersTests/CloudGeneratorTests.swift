import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import PixoraPipeline
import PixoraProviders
import PixoraTestSupport
import Testing

/// The emulated providers' media, made once on first use.
var emulatorMedia: EmulatorMedia { get async throws { try await emulatorMediaMade.value } }
private let emulatorMediaMade = Task { try await EmulatorMedia.make() }

func scratchFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-providers-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

func queue(_ base: String, key: String = "fal-test-key") -> FalQueue {
    FalQueue(
        key: key, baseURL: base, policy: RetryPolicy(attempts: 3, baseDelay: 0.05, maximumDelay: 1, timeout: 300),
        logger: quietLogger, pollInterval: 0.02)
}

let bees = ImageRequest(
    visual: "honeybees on a honeycomb", keyPhrase: "Bees", mood: .warm, style: .cinematic, width: 360, height: 640,
    seed: 7)

@Suite("fal.ai and ElevenLabs generators against emulated APIs")
struct CloudGeneratorTests {
    @Test(
        "image: submitted, polled through IN_QUEUE and IN_PROGRESS, fetched, cropped to fill the canvas; provenance and cost recorded"
    )
    func image() async throws {
        let fal = FalEmulator(media: try await emulatorMedia)
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("scene.png")
        try await fal.server.run { base in try await FalImageGenerator(queue: queue(base)).makeImage(bees, to: output) }
        let info = try await MediaProbe.probe(output)
        #expect(info.video?.codec == "png" && info.video?.width == 360 && info.video?.height == 640)
        let submission = try #require(fal.submissions.first)
        #expect(submission.model == "fal-ai/flux-pro/v1.1-ultra")
        #expect(submission.input["aspect_ratio"] as? String == "9:16")
        #expect((submission.input["prompt"] as? String)?.hasPrefix("honeybees on a honeycomb.") == true)
        let statusPolls = fal.server.requests.filter { $0.path.hasSuffix("/status") }.count
        #expect(statusPolls == 3)
        #expect(
            Provenance.read(for: output)
                == Provenance(provider: "fal.ai", model: "fal-ai/flux-pro/v1.1-ultra", costUSD: 0.06))
    }

    @Test("video: Kling's 5-second clip is held to the scene's 6.5 s at the canvas size and frame rate, no audio")
    func video() async throws {
        let fal = FalEmulator(media: try await emulatorMedia)
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let picture = folder.appendingPathComponent("picture.png")
        try await emulatorMedia.picture.write(to: picture)
        let output = folder.appendingPathComponent("clip.mp4")
        let request = ClipRequest(
            image: try ContentKey(generator: "t", version: 1, inputs: "x"), width: 640, height: 360, fps: 25,
            duration: 6.5, motion: .zoomIn)
        try await fal.server.run { base in
            try await FalVideoGenerator(queue: queue(base)).makeClip(request, image: picture, to: output)
        }
        let info = try await MediaProbe.probe(output)
        #expect(
            info.video?.codec == "h264" && info.video?.width == 640 && info.video?.height == 360
                && info.video?.frameRate == 25)
        #expect(info.audio == nil)
        #expect(abs(info.duration - 6.5) < 0.05)
        let input = try #require(fal.submissions.first?.input)
        #expect(input["duration"] as? String == "5")
        #expect((input["image_url"] as? String)?.hasPrefix("data:image/png;base64,") == true)
        #expect(Provenance.read(for: output)?.costUSD == 0.475)
    }

    @Test("music and speech on fal: 48 kHz WAVs; speech timings are estimated over the voice")
    func musicAndSpeech() async throws {
        let fal = FalEmulator(media: try await emulatorMedia)
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let music = folder.appendingPathComponent("music.wav")
        let speech = folder.appendingPathComponent("speech.wav")
        let (length, timings) = try await fal.server.run { base in
            let length = try await FalMusicGenerator(queue: queue(base)).makeMusic(
                MusicRequest(mood: .calm, minimumDuration: 11, seed: 1), to: music)
            let timings = try await FalSpeechGenerator(queue: queue(base)).makeSpeech(
                SpeechRequest(text: "Bees make honey from nectar.", voice: .rms, rate: 1), to: speech)
            return (length, timings)
        }
        #expect(abs(length - 12) < 0.05)
        let musicInfo = try await MediaProbe.probe(music)
        #expect(musicInfo.audio?.sampleRate == 48000 && musicInfo.audio?.channels == 2)
        #expect(fal.submissions[0].input["duration"] as? Int == 11)
        #expect(timings.words.map(\.word) == ["Bees", "make", "honey", "from", "nectar."])
        #expect(timings.words.last.map { $0.end <= timings.duration } == true)
        #expect(
            (fal.submissions[1].input["voice_setting"] as? [String: Any])?["voice_id"] as? String == "Deep_Voice_Man")
    }

    @Test("a busy queue (429 with Retry-After) is retried; a failed request reports fal's detail and is not retried")
    func queueErrors() async throws {
        let fal = FalEmulator(
            media: try await emulatorMedia, busySubmissions: 2, failingModels: ["fal-ai/flux-pro/v1.1-ultra"])
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("scene.png")
        await #expect {
            try await fal.server.run { base in
                try await FalImageGenerator(queue: queue(base)).makeImage(bees, to: output)
            }
        } throws: { error in
            let failure = error as? ProviderFailure
            return failure?.status == 422 && failure?.message.contains("content policy violation") == true
        }
        #expect(fal.server.requests.filter { $0.method == "POST" }.count == 3)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("a wrong key is refused with fal's message and never logged in the error")
    func wrongKey() async throws {
        let fal = FalEmulator(media: try await emulatorMedia)
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        await #expect {
            try await fal.server.run { base in
                try await FalImageGenerator(queue: queue(base, key: "wrong-secret")).makeImage(
                    bees, to: folder.appendingPathComponent("x.png"))
            }
        } throws: { error in
            "\(error)".contains("HTTP 401: Invalid Key") && !"\(error)".contains("wrong-secret")
        }
    }

    @Test("cancelling while the request is queued cancels it at fal")
    func cancellation() async throws {
        let fal = FalEmulator(media: try await emulatorMedia)
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await fal.server.run { base in
            var slow = queue(base)
            slow.pollInterval = 5
            let task = Task {
                try await FalImageGenerator(queue: slow).makeImage(bees, to: folder.appendingPathComponent("x.png"))
            }
            while fal.server.requests.filter({ $0.path.hasSuffix("/status") }).isEmpty {
                try await Task.sleep(for: .milliseconds(20))
            }
            task.cancel()
            _ = await task.result
        }
        #expect(fal.cancellations.count == 1)
    }

    @Test("ElevenLabs: the chosen voice, word timings from character timestamps, a 48 kHz mono WAV")
    func elevenLabs() async throws {
        let eleven = ElevenLabsEmulator(media: try await emulatorMedia)
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("voice.wav")
        let text = "Bees dance to share directions."
        let timings = try await eleven.server.run { base in
            try await ElevenLabsSpeechGenerator(
                key: "eleven-test-key", baseURL: base, policy: RetryPolicy(attempts: 2, baseDelay: 0.05),
                logger: quietLogger
            )
            .makeSpeech(SpeechRequest(text: text, voice: .slt, rate: 1), to: output)
        }
        #expect(eleven.voicesUsed == ["21m00Tcm4TlvDq8ikWAM"])
        #expect(timings.words.map(\.word) == ["Bees", "dance", "to", "share", "directions."])
        // "Bees " is five characters of 2.4 / 31 s each: the second word starts at the sixth.
        #expect(abs(timings.words[1].start - 5 * 2.4 / 31) < 0.002)
        let info = try await MediaProbe.probe(output)
        #expect(info.audio?.sampleRate == 48000 && info.audio?.channels == 1)
        #expect(Provenance.read(for: output)?.provider == "ElevenLabs")
    }

    @Test("fallback: a failing provider gives way to the embedded generator, says why, and is asked again next time")
    func fallback() async throws {
        let fal = FalEmulator(media: try await emulatorMedia, failingModels: ["fal-ai/flux-pro/v1.1-ultra"])
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = AssetStore(root: folder)
        let asset = AssetRef(
            key: try ContentKey(generator: "fal.fal-ai/flux-pro/v1.1-ultra", version: 1, inputs: bees), ext: "png")
        try await fal.server.run { base in
            let settings = try ProviderSettings.from(environment: [
                "FAL_KEY": "fal-test-key", "FAL_QUEUE_URL": base, "PIXORA_FAL_POLL_SECONDS": "0.02",
                "PIXORA_PROVIDER_FALLBACK": "1",
                "PIXORA_PROVIDER_ATTEMPTS": "1",
            ])
            let image = settings.generators(logger: quietLogger).image
            #expect(image.id == "fal.fal-ai/flux-pro/v1.1-ultra")
            #expect(try await store.obtain(asset) { try await image.makeImage(bees, to: $0) })
            let made = try #require(store.provenance(of: asset))
            #expect(made.provider == "embedded" && made.fallbackReason?.contains("content policy violation") == true)
            // The provider is asked again on the next run (still failing here, so one more submission).
            #expect(try await store.obtain(asset) { try await image.makeImage(bees, to: $0) })
        }
        #expect(fal.submissions.count == 2)
        let info = try await MediaProbe.probe(try store.url(for: asset))
        #expect(info.video?.width == 360 && info.video?.height == 640)
    }
}

@Suite("OpenAI speech against an emulated API")
struct OpenAISpeechTests {
    @Test("the chosen voice and model are sent; the WAV comes back levelled at 48 kHz with estimated word timings")
    func speech() async throws {
        let emulator = ProviderEmulator([
            .init(status: 200, headers: ["Content-Type": "audio/wav"], data: try await emulatorMedia.music)
        ])
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("voice.wav")
        let timings = try await emulator.run { base in
            try await OpenAISpeechGenerator(
                endpoint: LanguageModelEndpoint(baseURL: base + "/v1", apiKey: "sk-test", model: "gpt-4o-mini"),
                policy: RetryPolicy(attempts: 1, baseDelay: 0), logger: quietLogger
            ).makeSpeech(SpeechRequest(text: "Honey never spoils.", voice: .awb, rate: 1.2), to: output)
        }
        let request = try #require(emulator.requests.first)
        #expect(request.path == "/v1/audio/speech")
        #expect(
            request.json["voice"] as? String == "fable" && request.json["model"] as? String == "gpt-4o-mini-tts"
                && request.json["speed"] as? Double == 1.2)
        #expect(timings.words.map(\.word) == ["Honey", "never", "spoils."])
        #expect(abs(timings.duration - 12) < 0.05)
        let info = try await MediaProbe.probe(output)
        #expect(info.audio?.sampleRate == 48000 && info.audio?.channels == 1)
        #expect(Provenance.read(for: output)?.model == "gpt-4o-mini-tts")
    }
}
