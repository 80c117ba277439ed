import Foundation
import Logging
import NIOHTTP1
import PixoraCore
import PixoraGenerators

/// Configured price of one provider call, recorded with the asset it made (providers do not return it per call).
/// `PIXORA_COST_IMAGE`, `PIXORA_COST_VIDEO_PER_SECOND`, `PIXORA_COST_SPEECH_PER_1K_CHARS`,
/// `PIXORA_COST_MUSIC_PER_SECOND` override the defaults (list prices of the default models, in US dollars).
public struct ProviderCosts: Sendable, Equatable {
    public var image = 0.06
    public var videoPerSecond = 0.095
    public var speechPer1000Characters = 0.10
    public var musicPerSecond = 0.0004

    public init() {}

    public static func from(configuration: Configuration) -> ProviderCosts {
        var costs = ProviderCosts()
        costs.image = configuration.number("PIXORA_COST_IMAGE") ?? costs.image
        costs.videoPerSecond = configuration.number("PIXORA_COST_VIDEO_PER_SECOND") ?? costs.videoPerSecond
        costs.speechPer1000Characters =
            configuration.number("PIXORA_COST_SPEECH_PER_1K_CHARS") ?? costs.speechPer1000Characters
        costs.musicPerSecond = configuration.number("PIXORA_COST_MUSIC_PER_SECOND") ?? costs.musicPerSecond
        return costs
    }
}

/// The aspect ratio names models accept, nearest to a canvas.
func aspectName(width: Int, height: Int) -> String {
    let ratio = Double(width) / Double(height)
    return ratio > 1.3 ? "16:9" : ratio < 0.77 ? "9:16" : "1:1"
}

func styleWords(_ style: VisualStyle) -> String {
    switch style {
    case .cinematic: "cinematic photograph, dramatic natural light, shallow depth of field, film grain"
    case .minimal: "minimalist composition, clean shapes, soft flat light, lots of negative space"
    case .vibrant: "vibrant saturated colours, bold contrast, lively and bright"
    case .retro: "retro 1970s film look, warm faded colours, subtle grain"
    case .pastel: "soft pastel palette, gentle light, dreamy and airy"
    }
}

/// Text-to-image on fal.ai (default Flux Pro v1.1 Ultra), cropped to fill the canvas.
public struct FalImageGenerator: ImageGenerator {
    public let queue: FalQueue
    public let model: String
    public let costs: ProviderCosts
    public var id: String { "fal.\(model)" }
    public let version = 1

    public init(queue: FalQueue, model: String = "fal-ai/flux-pro/v1.1-ultra", costs: ProviderCosts = ProviderCosts()) {
        self.queue = queue
        self.model = model
        self.costs = costs
    }

    public func makeImage(_ request: ImageRequest, to output: URL) async throws {
        let scratch = try MediaConvert.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let downloaded = try await queue.runAndDownload(
            model,
            input: [
                "prompt":
                    "\(request.visual). \(styleWords(request.style)). Mood: \(request.mood.rawValue). No text, no letters, no watermark.",
                "aspect_ratio": aspectName(width: request.width, height: request.height),
                "seed": Int(request.seed % UInt64(Int32.max)), "num_images": 1, "output_format": "png",
                "enable_safety_checker": true,
            ], keys: ["images", "image"], what: "image", into: scratch)
        try await MediaConvert.picture(downloaded, to: output, width: request.width, height: request.height)
        try Provenance(provider: "fal.ai", model: model, costUSD: costs.image).write(for: output)
    }
}

/// Image-to-video on fal.ai (default Kling v1.6 Pro). Kling makes 5- or 10-second clips: the nearer one is asked
/// for, then cut to the scene's length or its last frame held.
public struct FalVideoGenerator: VideoGenerator {
    public let queue: FalQueue
    public let model: String
    public let costs: ProviderCosts
    public var id: String { "fal.\(model)" }
    public let version = 1

    public init(
        queue: FalQueue, model: String = "fal-ai/kling-video/v1.6/pro/image-to-video",
        costs: ProviderCosts = ProviderCosts()
    ) {
        self.queue = queue
        self.model = model
        self.costs = costs
    }

    static func motionWords(_ motion: CameraMotion) -> String {
        switch motion {
        case .zoomIn: "slow push in towards the subject"
        case .zoomOut: "slow pull back revealing the scene"
        case .panLeft: "slow camera pan to the left"
        case .panRight: "slow camera pan to the right"
        case .panUp: "slow camera tilt upwards"
        case .panDown: "slow camera tilt downwards"
        }
    }

    public func makeClip(_ request: ClipRequest, image: URL, to output: URL) async throws {
        let seconds = request.duration > 7.5 ? 10 : 5
        let picture = try Data(contentsOf: image)
        let scratch = try MediaConvert.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let downloaded = try await queue.runAndDownload(
            model,
            input: [
                "prompt": "\(Self.motionWords(request.motion)), natural subtle movement, steady and smooth",
                "image_url": "data:image/png;base64,\(picture.base64EncodedString())",
                "duration": String(seconds), "aspect_ratio": aspectName(width: request.width, height: request.height),
                "negative_prompt": "blur, distortion, low quality, text", "cfg_scale": 0.5,
            ], keys: ["video"], what: "video", into: scratch)
        try await MediaConvert.clip(
            downloaded, to: output, width: request.width, height: request.height, fps: request.fps,
            duration: request.duration)
        try Provenance(provider: "fal.ai", model: model, costUSD: costs.videoPerSecond * Double(seconds)).write(
            for: output)
    }
}

/// Text-to-music on fal.ai (default CassetteAI), as a loopable 48 kHz stereo WAV.
public struct FalMusicGenerator: MusicGenerator {
    public let queue: FalQueue
    public let model: String
    public let costs: ProviderCosts
    public var id: String { "fal.\(model)" }
    public let version = 1

    public init(queue: FalQueue, model: String = "cassetteai/music-generator", costs: ProviderCosts = ProviderCosts()) {
        self.queue = queue
        self.model = model
        self.costs = costs
    }

    static func moodWords(_ mood: Mood) -> String {
        switch mood {
        case .calm: "calm ambient piano and soft pads, 70 bpm"
        case .uplifting: "uplifting acoustic guitar and light percussion, 110 bpm"
        case .energetic: "energetic electronic beat with driving bass, 128 bpm"
        case .dramatic: "dramatic cinematic strings and timpani, 90 bpm"
        case .mysterious: "mysterious dark ambient with plucked strings, 80 bpm"
        case .playful: "playful ukulele and glockenspiel, 120 bpm"
        case .somber: "somber slow cello and piano, 60 bpm"
        case .warm: "warm lo-fi keys and brushed drums, 85 bpm"
        }
    }

    public func makeMusic(_ request: MusicRequest, to output: URL) async throws -> Double {
        let seconds = min(max(Int(request.minimumDuration.rounded(.up)), 10), 180)
        let scratch = try MediaConvert.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let downloaded = try await queue.runAndDownload(
            model,
            input: [
                "prompt":
                    "Instrumental background music for a narrated video: \(Self.moodWords(request.mood)), no vocals, loopable",
                "duration": seconds,
            ], keys: ["audio_file", "audio"], what: "audio", into: scratch)
        let length = try await MediaConvert.music(downloaded, to: output)
        try Provenance(provider: "fal.ai", model: model, costUSD: costs.musicPerSecond * Double(seconds)).write(
            for: output)
        return length
    }
}

/// Text-to-speech on fal.ai (default MiniMax Speech-02 HD). No word timestamps: they are estimated.
public struct FalSpeechGenerator: SpeechGenerator {
    public let queue: FalQueue
    public let model: String
    public let costs: ProviderCosts
    public var id: String { "fal.\(model)" }
    public let version = 1

    public init(queue: FalQueue, model: String = "fal-ai/minimax/speech-02-hd", costs: ProviderCosts = ProviderCosts())
    {
        self.queue = queue
        self.model = model
        self.costs = costs
    }

    static func voiceID(_ voice: Voice) -> String {
        switch voice {
        case .slt: "Calm_Woman"
        case .rms, .joe: "Deep_Voice_Man"
        case .awb: "Elegant_Man"
        case .kal: "Imposing_Manner"
        }
    }

    public func makeSpeech(_ request: SpeechRequest, to output: URL) async throws -> SpeechTimings {
        let scratch = try MediaConvert.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let downloaded = try await queue.runAndDownload(
            model,
            input: [
                "text": request.text, "output_format": "url",
                "voice_setting": ["voice_id": Self.voiceID(request.voice), "speed": min(max(request.rate, 0.5), 2)],
            ], keys: ["audio"], what: "audio", into: scratch)
        let duration = try await MediaConvert.speech(downloaded, to: output)
        try Provenance(
            provider: "fal.ai", model: model, costUSD: costs.speechPer1000Characters * Double(request.text.count) / 1000
        ).write(for: output)
        return MediaConvert.estimatedTimings(request.text, duration: duration)
    }
}

/// ElevenLabs text-to-speech with character timestamps, turned into word timings for captions.
public struct ElevenLabsSpeechGenerator: SpeechGenerator {
    public let key: String
    public let baseURL: String
    public let model: String
    /// A voice id for every Pixora voice, unless one is forced (`PIXORA_ELEVENLABS_VOICE`).
    public let forcedVoice: String?
    public let costs: ProviderCosts
    let http: ProviderHTTP
    public var id: String { "elevenlabs.\(model)" }
    public let version = 1

    public init(
        key: String, baseURL: String = "https://api.elevenlabs.io", model: String = "eleven_multilingual_v2",
        voice: String? = nil,
        costs: ProviderCosts = ProviderCosts(), policy: RetryPolicy, logger: Logger
    ) {
        self.key = key
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.model = model
        forcedVoice = voice
        self.costs = costs
        http = ProviderHTTP(provider: "ElevenLabs", policy: policy, logger: logger)
    }

    static func voiceID(_ voice: Voice) -> String {
        switch voice {
        case .slt: "21m00Tcm4TlvDq8ikWAM"  // Rachel
        case .rms, .joe: "pNInz6obpgDQGcFmaJgB"  // Adam
        case .awb: "onwK4e9ZLuTAKqWW03F9"  // Daniel
        case .kal: "TxGEqnHWrfWFTfGW9XjX"  // Josh
        }
    }

    public func makeSpeech(_ request: SpeechRequest, to output: URL) async throws -> SpeechTimings {
        let voice = forcedVoice ?? Self.voiceID(request.voice)
        let body: [String: Any] = [
            "text": request.text, "model_id": model,
            "voice_settings": ["stability": 0.5, "similarity_boost": 0.75, "speed": min(max(request.rate, 0.7), 1.2)],
        ]
        let response = try await http.send(
            .POST, "\(baseURL)/v1/text-to-speech/\(voice)/with-timestamps?output_format=mp3_44100_128",
            headers: [("xi-api-key", key), ("Content-Type", "application/json")],
            body: try JSONSerialization.data(withJSONObject: body))
        guard response.status == 200 else {
            throw ProviderFailure(
                provider: "ElevenLabs", message: "HTTP \(response.status): \(ProviderHTTP.errorText(response.body))",
                status: response.status)
        }
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
            let audio = (object["audio_base64"] as? String).flatMap({ Data(base64Encoded: $0) })
        else {
            throw ProviderFailure(provider: "ElevenLabs", message: "the answer has no audio_base64")
        }
        let scratch = try MediaConvert.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let downloaded = scratch.appendingPathComponent("speech.mp3")
        try audio.write(to: downloaded)
        let duration = try await MediaConvert.speech(downloaded, to: output)
        try Provenance(
            provider: "ElevenLabs", model: model,
            costUSD: costs.speechPer1000Characters * Double(request.text.count) / 1000
        ).write(for: output)
        let alignment = (object["alignment"] as? [String: Any]) ?? (object["normalized_alignment"] as? [String: Any])
        guard let alignment, let words = Self.words(alignment), !words.isEmpty else {
            return MediaConvert.estimatedTimings(request.text, duration: duration)
        }
        return SpeechTimings(duration: duration, words: words)
    }

    /// Character timestamps grouped into words (runs of non-space characters).
    static func words(_ alignment: [String: Any]) -> [WordTiming]? {
        guard let characters = alignment["characters"] as? [String],
            let starts = alignment["character_start_times_seconds"] as? [Double],
            let ends = alignment["character_end_times_seconds"] as? [Double],
            characters.count == starts.count, starts.count == ends.count
        else { return nil }
        var words: [WordTiming] = []
        var current = ""
        var start = 0.0
        var end = 0.0
        for (index, character) in characters.enumerated() {
            if character.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { words.append(WordTiming(word: current, start: start, end: end)) }
                current = ""
                continue
            }
            if current.isEmpty { start = starts[index] }
            current += character
            end = ends[index]
        }
        if !current.isEmpty { words.append(WordTiming(word: current, start: start, end: end)) }
        return words
    }

    public func check() async throws {
        let response = try await http.send(.GET, "\(baseURL)/v1/user", headers: [("xi-api-key", key)])
        guard response.status == 200 else {
            throw ProviderFailure(
                provider: "ElevenLabs", message: "HTTP \(response.status): \(ProviderHTTP.errorText(response.body))",
                status: response.status)
        }
    }
}

/// OpenAI's text-to-speech (or any compatible server). No word timestamps: they are estimated.
public struct OpenAISpeechGenerator: SpeechGenerator {
    public let endpoint: LanguageModelEndpoint
    public let model: String
    public let costs: ProviderCosts
    let http: ProviderHTTP
    public var id: String { "openai.\(model)" }
    public let version = 1

    public init(
        endpoint: LanguageModelEndpoint, model: String = "gpt-4o-mini-tts", costs: ProviderCosts = ProviderCosts(),
        policy: RetryPolicy, logger: Logger
    ) {
        self.endpoint = endpoint
        self.model = model
        self.costs = costs
        http = ProviderHTTP(provider: "OpenAI speech", policy: policy, logger: logger)
    }

    static func voiceName(_ voice: Voice) -> String {
        switch voice {
        case .slt: "nova"
        case .rms, .joe: "onyx"
        case .awb: "fable"
        case .kal: "echo"
        }
    }

    public func makeSpeech(_ request: SpeechRequest, to output: URL) async throws -> SpeechTimings {
        let body: [String: Any] = [
            "model": model, "voice": Self.voiceName(request.voice), "input": request.text, "response_format": "wav",
            "speed": min(max(request.rate, 0.25), 4),
        ]
        var headers = [("Content-Type", "application/json")]
        if !endpoint.apiKey.isEmpty { headers.append(("Authorization", "Bearer \(endpoint.apiKey)")) }
        let response = try await http.send(
            .POST, endpoint.baseURL + "/audio/speech", headers: headers,
            body: try JSONSerialization.data(withJSONObject: body))
        guard response.status == 200, !response.body.isEmpty else {
            throw ProviderFailure(
                provider: "OpenAI speech", message: "HTTP \(response.status): \(ProviderHTTP.errorText(response.body))",
                status: response.status)
        }
        let scratch = try MediaConvert.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let downloaded = scratch.appendingPathComponent("speech.wav")
        try response.body.write(to: downloaded)
        let duration = try await MediaConvert.speech(downloaded, to: output)
        try Provenance(
            provider: "OpenAI", model: model, costUSD: costs.speechPer1000Characters * Double(request.text.count) / 1000
        ).write(for: output)
        return MediaConvert.estimatedTimings(request.text, duration: duration)
    }
}
