import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import PixoraProviders
import PixoraTestSupport
import Testing

/// The start picture (the emulator's test card) and a plain red end picture, so the two are told apart.
struct FramePictures {
    let folder: URL
    var start: URL { folder.appendingPathComponent("start.png") }
    var end: URL { folder.appendingPathComponent("end.png") }

    /// Each picture as the data URI a provider should receive.
    let startURI: String
    let endURI: String

    init() async throws {
        folder = try scratchFolder()
        let start = folder.appendingPathComponent("start.png")
        let end = folder.appendingPathComponent("end.png")
        try await emulatorMedia.picture.write(to: start)
        try await ffmpegFixture(["-f", "lavfi", "-i", "color=c=red:s=1024x576", "-frames:v", "1"], to: end)
        startURI = "data:image/png;base64,\(try Data(contentsOf: start).base64EncodedString())"
        endURI = "data:image/png;base64,\(try Data(contentsOf: end).base64EncodedString())"
    }

    func output(_ name: String = "clip.mp4") -> URL { folder.appendingPathComponent(name) }

    /// Makes `request` on `model` against a fresh fal.ai emulator; returns what was submitted.
    func makeOnFal(_ model: FalFramedVideoGenerator.Model, _ request: FramedClipRequest) async throws -> (
        model: String, input: [String: Any], authorization: String?
    ) {
        let fal = FalEmulator(media: try await emulatorMedia)
        try await fal.server.run { base in
            try await FalFramedVideoGenerator(queue: queue(base), model: model).makeClip(
                request, start: start, end: request.end == nil ? nil : end, to: output())
        }
        let submission = try #require(fal.submissions.first)
        #expect(fal.submissions.count == 1)
        return (submission.model, submission.input, fal.server.requests.first?.headers["authorization"])
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

func framedRequest(width: Int = 640, height: Int = 360, fps: Int = 25, duration: Double, end: Bool)
    throws -> FramedClipRequest
{
    FramedClipRequest(
        start: try ContentKey(generator: "t", version: 1, inputs: "start"),
        end: end ? try ContentKey(generator: "t", version: 1, inputs: "end") : nil, width: width, height: height,
        fps: fps, duration: duration, motion: .panRight, prompt: "A lighthouse on a cliff at dusk.")
}

/// The text fields `names` of a submitted input, nil where absent or not text.
func texts(_ input: [String: Any], _ names: String...) -> [String?] { names.map { input[$0] as? String } }

/// ffprobe's view of a produced clip: codec, size, frame rate, length and audio.
func expectClip(_ url: URL, width: Int, height: Int, fps: Double, duration: Double) async throws {
    let info = try await MediaProbe.probe(url)
    #expect(info.video?.codec == "h264" && info.video?.width == width && info.video?.height == height)
    #expect(info.video?.frameRate == fps)
    #expect(abs(info.duration - duration) < 0.05)
    #expect(info.audio == nil)
}

/// PSNR in dB between two pictures of one size, measured by ffmpeg.
func psnr(_ a: URL, _ b: URL) async throws -> Double {
    let (_, text) = try await runTool(
        "/usr/bin/ffmpeg",
        ["-hide_banner", "-nostdin", "-i", a.path, "-i", b.path, "-lavfi", "psnr", "-f", "null", "-"], errors: true)
    guard let range = text.range(of: "average:") else { throw FixtureFailure("no PSNR in: \(text)") }
    let value = text[range.upperBound...].prefix { !$0.isWhitespace }
    return value == "inf" ? .infinity : Double(value) ?? 0
}

/// The parts of a multipart/form-data body by name: their bytes and file name.
func multipartParts(_ body: Data, contentType: String?) -> [String: (data: Data, filename: String?)] {
    guard let boundary = contentType?.components(separatedBy: "boundary=").last else { return [:] }
    var parts: [String: (Data, String?)] = [:]
    let delimiter = Data("--\(boundary)".utf8)
    var rest = body[...]
    while let start = rest.range(of: delimiter) {
        rest = rest[start.upperBound...]
        guard let next = rest.range(of: delimiter), let blank = rest.range(of: Data("\r\n\r\n".utf8)),
            blank.upperBound <= next.lowerBound
        else { break }
        let head = String(decoding: rest[rest.startIndex..<blank.lowerBound], as: UTF8.self)
        let content = rest[blank.upperBound..<(next.lowerBound - 2)]
        func quoted(_ key: String) -> String? {
            head.components(separatedBy: "\(key)=\"").dropFirst().first?.components(separatedBy: "\"").first
        }
        if let name = quoted("name") { parts[name] = (Data(content), quoted("filename")) }
    }
    return parts
}

/// OpenAI's Videos API as documented: `POST /v1/videos` (multipart) answers a queued job, `GET /v1/videos/{id}`
/// goes in_progress → completed (or failed), `GET /v1/videos/{id}/content` sends the MP4. Checks the bearer key.
final class SoraEmulator: @unchecked Sendable {
    let key = "sk-test"
    private let lock = NSLock()
    private var polls = 0
    /// Creations answered 429 with Retry-After before one is accepted.
    var busy: Int
    /// When set, the job fails with this message.
    let failure: String?

    /// The MP4 it sends: the emulated providers' clip.
    let clip: Data

    init(busy: Int = 0, failure: String? = nil) async throws {
        self.busy = busy
        self.failure = failure
        clip = try await emulatorMedia.clip
    }

    lazy var server = ProviderEmulator { [weak self] request, _ in self?.answer(request) ?? .gone }

    func answer(_ request: ProviderEmulator.Received) -> ProviderEmulator.Reply {
        guard request.headers["authorization"] == "Bearer \(key)" else {
            let error: [String: Any] = ["message": "Incorrect API key provided", "type": "invalid_request_error"]
            return .json(["error": error], status: 401)
        }
        let job: [String: Any] = ["id": "video_123", "object": "video", "model": "sora-2", "progress": 0]
        switch (request.method, request.path) {
        case ("POST", "/v1/videos"):
            let wait = lock.withLock { () -> Bool in
                busy -= 1
                return busy >= 0
            }
            if wait {
                return .init(
                    status: 429, headers: ["Content-Type": "application/json", "Retry-After": "0.1"],
                    body: #"{"error":{"message":"Rate limit reached"}}"#)
            }
            return .json(job.merging(["status": "queued"]) { $1 })
        case ("GET", "/v1/videos/video_123"):
            let count = lock.withLock { () -> Int in
                polls += 1
                return polls
            }
            if count == 1 { return .json(job.merging(["status": "in_progress", "progress": 40]) { $1 }) }
            if let failure {
                let error: [String: Any] = ["code": "moderation_blocked", "message": failure]
                return .json(job.merging(["status": "failed", "error": error]) { $1 })
            }
            return .json(job.merging(["status": "completed", "progress": 100]) { $1 })
        case ("GET", "/v1/videos/video_123/content"):
            return .init(status: 200, headers: ["Content-Type": "video/mp4"], data: clip)
        default:
            return .json(["error": ["message": "Not found"]], status: 404)
        }
    }
}

func sora(_ base: String, key: String = "sk-test") -> SoraVideoGenerator {
    SoraVideoGenerator(
        endpoint: LanguageModelEndpoint(baseURL: base + "/v1", apiKey: key, model: "gpt-4o-mini"),
        policy: RetryPolicy(attempts: 3, baseDelay: 0.05, maximumDelay: 1, timeout: 300), logger: quietLogger,
        pollInterval: 0.02)
}

@Suite("Cloud video models with start and end frames against emulated APIs")
struct FramedCloudVideoTests {
    @Test("Kling 2.1 Pro: start picture and tail image go up as data URIs; its 5 s clip is stretched to 6.5 s")
    func kling() async throws {
        let pictures = try await FramePictures()
        defer { pictures.remove() }
        let submission = try await pictures.makeOnFal(.kling21Pro, try framedRequest(duration: 6.5, end: true))
        #expect(submission.model == "fal-ai/kling-video/v2.1/pro/image-to-video")
        #expect(submission.authorization == "Key fal-test-key")
        #expect(
            texts(submission.input, "image_url", "tail_image_url", "duration")
                == [pictures.startURI, pictures.endURI, "5"])
        let prompt = try #require(submission.input["prompt"] as? String)
        #expect(prompt.hasPrefix("A lighthouse on a cliff at dusk. slow camera pan to the right"))
        #expect(prompt.contains("to the last frame"))
        try await expectClip(pictures.output(), width: 640, height: 360, fps: 25, duration: 6.5)
        let provenance = try #require(Provenance.read(for: pictures.output()))
        #expect(provenance.model == "fal-ai/kling-video/v2.1/pro/image-to-video")
        #expect(abs((provenance.costUSD ?? 0) - 0.49) < 1e-9)
    }

    @Test("Veo 3.1: first and last frame, 4 s asked for 3.5 s, silent 9:16; the clip ends on the model's last frame")
    func veoFirstLast() async throws {
        let pictures = try await FramePictures()
        defer { pictures.remove() }
        let submission = try await pictures.makeOnFal(
            .veo31FirstLast, try framedRequest(width: 360, height: 640, fps: 30, duration: 3.5, end: true))
        #expect(submission.model == "fal-ai/veo3.1/first-last-frame-to-video")
        #expect(
            texts(submission.input, "first_frame_url", "last_frame_url", "duration", "aspect_ratio", "resolution")
                == [pictures.startURI, pictures.endURI, "4s", "9:16", "720p"])
        #expect(submission.input["generate_audio"] as? Bool == false)
        try await expectClip(pictures.output(), width: 360, height: 640, fps: 30, duration: 3.5)

        // The 5 s the model sent is squeezed into 3.5 s, not cut: the last frame is the model's last frame.
        let source = pictures.output("source.mp4")
        try await emulatorMedia.clip.write(to: source)
        let crop = "scale=360:640:force_original_aspect_ratio=increase,crop=360:640"
        // `-update 1` keeps overwriting one picture: what is left is the last frame after the seek.
        func frame(_ input: URL, at seek: [String], _ name: String) async throws -> URL {
            let picture = pictures.output(name)
            try await ffmpegFixture(seek + ["-i", input.path, "-vf", crop, "-update", "1"], to: picture)
            return picture
        }
        let ending = try await frame(pictures.output(), at: ["-sseof", "-0.1"], "ending.png")
        let modelEnd = try await frame(source, at: ["-sseof", "-0.1"], "model-end.png")
        let cutEnd = try await frame(source, at: ["-ss", "3.4", "-t", "0.1"], "cut-end.png")
        // Measured: 24 dB to the model's last frame after two encodes of the busy test card, 13.5 dB to a cut's.
        let kept = try await psnr(ending, modelEnd)
        #expect(kept > 20)
        #expect(try await psnr(ending, cutEnd) < kept - 5)
    }

    @Test("Veo 3.1 without an end frame uses Veo's documented image-to-video endpoint, not a made-up last frame")
    func veoStartOnly() async throws {
        let pictures = try await FramePictures()
        defer { pictures.remove() }
        let submission = try await pictures.makeOnFal(.veo31FirstLast, try framedRequest(duration: 7, end: false))
        #expect(submission.model == "fal-ai/veo3.1/image-to-video")
        #expect(
            texts(submission.input, "image_url", "first_frame_url", "last_frame_url", "duration", "aspect_ratio")
                == [pictures.startURI, nil, nil, "8s", "16:9"])
        #expect((submission.input["prompt"] as? String)?.contains("last frame") == false)
        try await expectClip(pictures.output(), width: 640, height: 360, fps: 25, duration: 7)
    }

    @Test("Hailuo-02: end_image_url at 768P, 10 s asked for a 9 s scene, 1:1 canvas at 24 fps")
    func hailuo() async throws {
        let pictures = try await FramePictures()
        defer { pictures.remove() }
        let submission = try await pictures.makeOnFal(
            .hailuo02, try framedRequest(width: 480, height: 480, fps: 24, duration: 9, end: true))
        #expect(submission.model == "fal-ai/minimax/hailuo-02/standard/image-to-video")
        #expect(
            texts(submission.input, "image_url", "end_image_url", "duration", "resolution")
                == [pictures.startURI, pictures.endURI, "10", "768P"])
        try await expectClip(pictures.output(), width: 480, height: 480, fps: 24, duration: 9)
        #expect(abs((Provenance.read(for: pictures.output())?.costUSD ?? 0) - 0.45) < 1e-9)
    }

    @Test("a model refusing the end frame (422) fails with the provider's message, once, and writes nothing")
    func endFrameRefused() async throws {
        let detail: [String: Any] = [
            "loc": ["body", "end_image_url"], "msg": "end frame is not supported for this duration",
            "type": "value_error",
        ]
        let emulator = ProviderEmulator([.json(["detail": [detail]], status: 422)])
        let pictures = try await FramePictures()
        defer { pictures.remove() }
        let request = try framedRequest(duration: 6, end: true)
        await #expect {
            try await emulator.run { base in
                try await FalFramedVideoGenerator(queue: queue(base), model: .hailuo02).makeClip(
                    request, start: pictures.start, end: pictures.end, to: pictures.output())
            }
        } throws: { error in
            let failure = error as? ProviderFailure
            return failure?.status == 422
                && failure?.message.contains("end_image_url: end frame is not supported for this duration") == true
        }
        #expect(emulator.requests.count == 1)
        #expect(!FileManager.default.fileExists(atPath: pictures.output().path))
    }

    @Test("a wrong fal.ai key is refused with fal's words and the key never appears in the error")
    func falWrongKey() async throws {
        let fal = FalEmulator(media: try await emulatorMedia)
        let pictures = try await FramePictures()
        defer { pictures.remove() }
        let request = try framedRequest(duration: 5, end: true)
        await #expect {
            try await fal.server.run { base in
                try await FalFramedVideoGenerator(queue: queue(base, key: "wrong-secret"), model: .kling21Pro)
                    .makeClip(request, start: pictures.start, end: pictures.end, to: pictures.output())
            }
        } throws: { error in
            (error as? ProviderFailure)?.status == 401 && "\(error)".contains("HTTP 401: Invalid Key")
                && !"\(error)".contains("wrong-secret")
        }
        #expect(fal.submissions.isEmpty)
    }

    @Test("Sora 2: multipart with the start picture at 1280x720, seconds and size; polled, downloaded, normalized")
    func sora2() async throws {
        let openAI = try await SoraEmulator(busy: 1)
        let pictures = try await FramePictures()
        defer { pictures.remove() }
        let request = try framedRequest(duration: 7, end: false)
        try await openAI.server.run { base in
            try await sora(base).makeClip(request, start: pictures.start, end: nil, to: pictures.output())
        }
        let paths = openAI.server.requests.map { "\($0.method) \($0.path)" }
        #expect(
            paths == [
                "POST /v1/videos", "POST /v1/videos", "GET /v1/videos/video_123", "GET /v1/videos/video_123",
                "GET /v1/videos/video_123/content",
            ])
        let creation = try #require(openAI.server.requests.last { $0.method == "POST" })
        #expect(creation.headers["authorization"] == "Bearer sk-test")
        #expect(creation.headers["content-type"]?.hasPrefix("multipart/form-data; boundary=") == true)
        let parts = multipartParts(creation.body, contentType: creation.headers["content-type"])
        func text(_ name: String) -> String? { parts[name].map { String(decoding: $0.data, as: UTF8.self) } }
        #expect(text("model") == "sora-2" && text("seconds") == "8" && text("size") == "1280x720")
        #expect(text("prompt")?.hasPrefix("A lighthouse on a cliff at dusk.") == true)
        let reference = try #require(parts["input_reference"])
        #expect(reference.filename == "start.png")
        let uploaded = pictures.output("reference.png")
        try reference.data.write(to: uploaded)
        let info = try await MediaProbe.probe(uploaded)
        #expect(info.video?.codec == "png" && info.video?.width == 1280 && info.video?.height == 720)
        try await expectClip(pictures.output(), width: 640, height: 360, fps: 25, duration: 7)
        #expect(
            Provenance.read(for: pictures.output()) == Provenance(provider: "OpenAI", model: "sora-2", costUSD: 0.8))
    }

    @Test("Sora asked for an end frame refuses before any request is sent")
    func soraEndFrame() async throws {
        let openAI = try await SoraEmulator()
        let pictures = try await FramePictures()
        defer { pictures.remove() }
        let request = try framedRequest(duration: 4, end: true)
        await #expect {
            try await openAI.server.run { base in
                try await sora(base).makeClip(request, start: pictures.start, end: pictures.end, to: pictures.output())
            }
        } throws: { error in
            "\(error)".contains("sora-2 cannot end on a chosen frame")
        }
        #expect(openAI.server.requests.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: pictures.output().path))
    }

    @Test("Sora: a wrong key is named as refused with OpenAI's message; a failed job carries its reason")
    func soraErrors() async throws {
        let pictures = try await FramePictures()
        defer { pictures.remove() }
        let request = try framedRequest(duration: 4, end: false)
        let refused = try await SoraEmulator()
        await #expect {
            try await refused.server.run { base in
                try await sora(base, key: "sk-wrong-secret").makeClip(
                    request, start: pictures.start, end: nil, to: pictures.output())
            }
        } throws: { error in
            (error as? ProviderFailure)?.status == 401
                && "\(error)".contains("the key was refused (HTTP 401): Incorrect API key provided")
                && !"\(error)".contains("sk-wrong-secret")
        }
        #expect(refused.server.requests.count == 1)
        let blocked = try await SoraEmulator(failure: "The request was blocked by our moderation system.")
        await #expect {
            try await blocked.server.run { base in
                try await sora(base).makeClip(request, start: pictures.start, end: nil, to: pictures.output())
            }
        } throws: { error in
            "\(error)".contains("the video failed: The request was blocked by our moderation system.")
        }
        #expect(!blocked.server.requests.contains { $0.path.hasSuffix("/content") })
    }

    @Test("the factory gives each catalogue model when its key is set, and nil when the key is missing")
    func factory() throws {
        let fal = try ProviderSettings.from(environment: ["FAL_KEY": "k"])
        for model in ["fal.kling-2.1-pro", "fal.veo-3.1-flf", "fal.hailuo-02"] {
            #expect(FramedVideoModels.generator(for: model, settings: fal)?.id == model)
        }
        #expect(FramedVideoModels.generator(for: "openai.sora-2", settings: fal) == nil)
        #expect(FramedVideoModels.configured(fal) == ["fal.kling-2.1-pro", "fal.veo-3.1-flf", "fal.hailuo-02"])
        #expect(FramedVideoModels.generator(for: "fal.unknown", settings: fal) == nil)
        let openAI = try ProviderSettings.from(environment: ["OPENAI_API_KEY": "sk"])
        #expect(FramedVideoModels.generator(for: "openai.sora-2", settings: openAI)?.id == "openai.sora-2")
        #expect(FramedVideoModels.generator(for: "fal.kling-2.1-pro", settings: openAI) == nil)
        let local = try ProviderSettings.from(environment: ["OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"])
        #expect(FramedVideoModels.generator(for: "openai.sora-2", settings: local) == nil)
        #expect(FramedVideoModels.configured(local).isEmpty)
        #expect(
            Set(FramedVideoModels.ids) == ["fal.kling-2.1-pro", "fal.veo-3.1-flf", "fal.hailuo-02", "openai.sora-2"])
    }
}
