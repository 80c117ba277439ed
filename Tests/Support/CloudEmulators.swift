import Foundation

/// Media files the emulated providers hand out, made once per test run with ffmpeg.
public struct EmulatorMedia: Sendable {
    public let picture: Data
    public let clip: Data
    public let speech: Data
    public let music: Data

    public static func make() async throws -> EmulatorMedia {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pixora-emulator-media-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let picture = folder.appendingPathComponent("picture.png")
        let clip = folder.appendingPathComponent("clip.mp4")
        let speech = folder.appendingPathComponent("speech.mp3")
        let music = folder.appendingPathComponent("music.wav")
        // Provider-like sizes that differ from the canvas, so the conversions are exercised.
        try await ffmpegFixture(["-f", "lavfi", "-i", "testsrc=size=1024x576:rate=1", "-frames:v", "1"], to: picture)
        try await ffmpegFixture(
            [
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=24:duration=5", "-pix_fmt", "yuv420p", "-c:v",
                "libx264", "-preset", "ultrafast",
            ], to: clip)
        try await ffmpegFixture(
            [
                "-f", "lavfi", "-i", "sine=frequency=220:duration=2.5:sample_rate=44100", "-c:a", "libmp3lame", "-b:a",
                "64k",
            ], to: speech)
        try await ffmpegFixture(
            ["-f", "lavfi", "-i", "sine=frequency=330:duration=12:sample_rate=44100", "-ac", "2"], to: music)
        return EmulatorMedia(
            picture: try Data(contentsOf: picture), clip: try Data(contentsOf: clip),
            speech: try Data(contentsOf: speech),
            music: try Data(contentsOf: music))
    }
}

/// fal.ai's queue API as documented: `POST /{model}` answers a request id and its status, response and cancel
/// URLs; the status goes IN_QUEUE → IN_PROGRESS → COMPLETED over successive polls; the response holds the model's
/// output with file URLs served by the emulator. Checks `Authorization: Key <key>`.
public final class FalEmulator: @unchecked Sendable {
    public let key: String
    let media: EmulatorMedia
    private let lock = NSLock()
    private var requests: [String: (model: String, polls: Int)] = [:]
    /// Submissions answered 429 (with Retry-After) before one is accepted.
    public var busySubmissions: Int
    /// Models whose requests fail: their response answers 422 with a detail.
    public var failingModels: Set<String>
    public private(set) var submitted: [(model: String, input: [String: Any])] = []
    public private(set) var cancelled: [String] = []

    public init(
        key: String = "fal-test-key", media: EmulatorMedia, busySubmissions: Int = 0, failingModels: Set<String> = []
    ) {
        self.key = key
        self.media = media
        self.busySubmissions = busySubmissions
        self.failingModels = failingModels
    }

    public var submissions: [(model: String, input: [String: Any])] { lock.withLock { submitted } }
    public var cancellations: [String] { lock.withLock { cancelled } }

    public lazy var server = ProviderEmulator { [weak self] request, base in
        self?.answer(request, base: base) ?? .gone
    }

    func answer(_ request: ProviderEmulator.Received, base: String) -> ProviderEmulator.Reply {
        if request.path.hasPrefix("/files/") { return file(request.path) }
        guard request.headers["authorization"] == "Key \(key)" else {
            return .json(["detail": "Invalid Key"], status: 401)
        }
        let path = String(request.path.dropFirst())
        if let range = path.range(of: "/requests/") {
            let model = String(path[..<range.lowerBound])
            let rest = path[range.upperBound...].split(separator: "/")
            guard let id = rest.first.map(String.init) else { return .json(["detail": "Not found"], status: 404) }
            let known = lock.withLock { requests[id] }
            guard known != nil else { return .json(["detail": "Request not found"], status: 404) }
            if rest.count == 2 && rest[1] == "status" {
                let polls = lock.withLock { () -> Int in
                    requests[id]!.polls += 1
                    return requests[id]!.polls
                }
                let status = polls == 1 ? "IN_QUEUE" : polls == 2 ? "IN_PROGRESS" : "COMPLETED"
                var body: [String: Any] = [
                    "status": status, "request_id": id, "response_url": "\(base)/\(model)/requests/\(id)",
                ]
                if status == "IN_QUEUE" { body["queue_position"] = 0 }
                return .json(body, status: status == "COMPLETED" ? 200 : 202)
            }
            if rest.count == 2 && rest[1] == "cancel" {
                lock.withLock { cancelled.append(id) }
                return .json(["status": "CANCELLATION_REQUESTED"], status: 202)
            }
            if failingModels.contains(model) {
                return .json(
                    [
                        "detail": [
                            ["loc": ["body", "prompt"], "msg": "content policy violation", "type": "value_error"]
                        ]
                    ], status: 422)
            }
            return .json(result(model: model, id: id, base: base))
        }
        // A submission.
        let busy = lock.withLock { () -> Bool in
            if busySubmissions > 0 {
                busySubmissions -= 1
                return true
            }
            return false
        }
        if busy {
            return .init(
                status: 429, headers: ["Content-Type": "application/json", "Retry-After": "0.2"],
                body: #"{"detail":"Too many requests"}"#)
        }
        let id = UUID().uuidString.lowercased()
        lock.withLock {
            requests[id] = (path, 0)
            submitted.append((path, request.json))
        }
        return .json([
            "request_id": id, "status_url": "\(base)/\(path)/requests/\(id)/status",
            "response_url": "\(base)/\(path)/requests/\(id)",
            "cancel_url": "\(base)/\(path)/requests/\(id)/cancel", "queue_position": 0,
        ])
    }

    func result(model: String, id: String, base: String) -> [String: Any] {
        if model.contains("video") || model.contains("kling") {
            return ["video": ["url": "\(base)/files/\(id).mp4", "content_type": "video/mp4"]]
        }
        if model.contains("speech") || model.contains("tts") {
            return ["audio": ["url": "\(base)/files/\(id).mp3"], "duration_ms": 2500]
        }
        if model.contains("music") || model.contains("cassette") {
            return ["audio_file": ["url": "\(base)/files/\(id).wav", "content_type": "audio/wav"]]
        }
        return [
            "images": [["url": "\(base)/files/\(id).png", "width": 1024, "height": 576, "content_type": "image/png"]],
            "seed": 1,
        ]
    }

    func file(_ path: String) -> ProviderEmulator.Reply {
        if path.hasSuffix(".mp4") {
            return .init(status: 200, headers: ["Content-Type": "video/mp4"], data: media.clip)
        }
        if path.hasSuffix(".mp3") {
            return .init(status: 200, headers: ["Content-Type": "audio/mpeg"], data: media.speech)
        }
        if path.hasSuffix(".wav") {
            return .init(status: 200, headers: ["Content-Type": "audio/wav"], data: media.music)
        }
        return .init(status: 200, headers: ["Content-Type": "image/png"], data: media.picture)
    }
}

/// ElevenLabs `POST /v1/text-to-speech/{voice}/with-timestamps` as documented: base64 MP3 and per-character
/// start and end times; `GET /v1/user` for a key check. Checks `xi-api-key`.
public final class ElevenLabsEmulator: @unchecked Sendable {
    public let key: String
    let media: EmulatorMedia
    private let lock = NSLock()
    private var voices: [String] = []

    public init(key: String = "eleven-test-key", media: EmulatorMedia) {
        self.key = key
        self.media = media
    }

    public var voicesUsed: [String] { lock.withLock { voices } }

    public lazy var server = ProviderEmulator { [weak self] request, _ in self?.answer(request) ?? .gone }

    func answer(_ request: ProviderEmulator.Received) -> ProviderEmulator.Reply {
        guard request.headers["xi-api-key"] == key else {
            return .json(["detail": ["status": "invalid_api_key", "message": "Invalid API key"]], status: 401)
        }
        if request.path == "/v1/user" { return .json(["subscription": ["tier": "creator"]]) }
        let parts = request.path.split(separator: "/")
        guard parts.count == 4, parts[0] == "v1", parts[1] == "text-to-speech", parts[3] == "with-timestamps" else {
            return .json(["detail": "Not found"], status: 404)
        }
        lock.withLock { voices.append(String(parts[2])) }
        let text = request.json["text"] as? String ?? ""
        let characters = text.map { String($0) }
        // The 2.5 s tone spread over the characters.
        let step = 2.4 / Double(max(characters.count, 1))
        let starts = characters.indices.map { (Double($0) * step * 1000).rounded() / 1000 }
        let ends = characters.indices.map { (Double($0 + 1) * step * 1000).rounded() / 1000 }
        let alignment: [String: Any] = [
            "characters": characters, "character_start_times_seconds": starts, "character_end_times_seconds": ends,
        ]
        return .json([
            "audio_base64": media.speech.base64EncodedString(), "alignment": alignment,
            "normalized_alignment": alignment,
        ])
    }
}
