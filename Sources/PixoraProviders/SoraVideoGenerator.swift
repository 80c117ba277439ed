import Foundation
import Logging
import PixoraGenerators

/// OpenAI Sora 2 through the Videos API: `POST /videos` (multipart, the start picture as `input_reference`), poll
/// `GET /videos/{id}` until it is completed, download `GET /videos/{id}/content`.
/// https://developers.openai.com/api/docs/guides/video-generation.md
/// https://developers.openai.com/api/reference/cli/resources/videos
/// Sora takes a start picture only: asked for an end frame it refuses before any request, so that the end frame
/// is never dropped silently (the router should not send one).
public struct SoraVideoGenerator: FramedVideoGenerator {
    public static let modelID = "openai.sora-2"
    /// Lengths in seconds the API documents (`seconds`: "4", "8", "12").
    public static let lengths = [4, 8, 12]
    /// OpenAI's list price per second of sora-2 at 720p, in US dollars.
    public static let usdPerSecond = 0.10

    /// Base URL (`OPENAI_BASE_URL`, e.g. https://api.openai.com/v1) and key; the endpoint's chat model is unused.
    public let endpoint: LanguageModelEndpoint
    public let model = "sora-2"
    /// Seconds between status polls.
    public var pollInterval: Double
    /// Longest a job may stay queued or in progress.
    public var deadline: Double
    let http: ProviderHTTP
    public var id: String { Self.modelID }
    public let version = 1

    public init(
        endpoint: LanguageModelEndpoint, policy: RetryPolicy, logger: Logger, pollInterval: Double = 5,
        deadline: Double = 900
    ) {
        self.endpoint = endpoint
        self.pollInterval = pollInterval
        self.deadline = deadline
        http = ProviderHTTP(provider: "OpenAI Sora", policy: policy, logger: logger)
    }

    /// sora-2 makes 1280×720 or 720×1280; the reference picture must be exactly that size.
    static func size(width: Int, height: Int) -> (width: Int, height: Int) {
        width >= height ? (1280, 720) : (720, 1280)
    }

    public func makeClip(_ request: FramedClipRequest, start: URL, end: URL?, to output: URL) async throws {
        guard end == nil else {
            throw ProviderFailure(
                provider: "OpenAI Sora",
                message:
                    "\(model) cannot end on a chosen frame (it takes a start picture only); "
                    + "choose a model with end-frame support or leave the scene's end frame out")
        }
        let seconds = FramedCloudVideo.length(nearest: request.duration, among: Self.lengths)
        let size = Self.size(width: request.width, height: request.height)
        let scratch = try MediaConvert.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let reference = scratch.appendingPathComponent("start.png")
        try await MediaConvert.picture(start, to: reference, width: size.width, height: size.height)

        var form = MultipartForm()
        form.add("model", model)
        form.add("prompt", FramedCloudVideo.prompt(request))
        form.add("seconds", String(seconds))
        form.add("size", "\(size.width)x\(size.height)")
        form.add("input_reference", file: try Data(contentsOf: reference), filename: "start.png", type: "image/png")
        let created = try await http.send(
            .POST, "\(endpoint.baseURL)/videos", headers: headers + [("Content-Type", form.contentType)],
            body: form.finished)
        let job = try object(created, doing: "creating the video")
        guard let id = job["id"] as? String, !id.isEmpty else {
            throw ProviderFailure(provider: "OpenAI Sora", message: "the answer has no video id")
        }
        try await waitUntilCompleted(id, job)
        let content = try await http.send(.GET, "\(endpoint.baseURL)/videos/\(id)/content", headers: headers)
        try check(content, doing: "downloading the video")
        guard !content.body.isEmpty else {
            throw ProviderFailure(provider: "OpenAI Sora", message: "the video content is empty")
        }
        let downloaded = scratch.appendingPathComponent("sora.mp4")
        try content.body.write(to: downloaded)
        try await FramedCloudVideo.finish(
            downloaded, request, to: output,
            provenance: Provenance(provider: "OpenAI", model: model, costUSD: Self.usdPerSecond * Double(seconds)))
    }

    var headers: [(String, String)] { endpoint.apiKey.isEmpty ? [] : [("Authorization", "Bearer \(endpoint.apiKey)")] }

    /// Polls the job until `completed`; `failed` throws with the job's own error message.
    func waitUntilCompleted(_ id: String, _ first: [String: Any]) async throws {
        let started = ContinuousClock.now
        var job = first
        while true {
            switch job["status"] as? String ?? "" {
            case "completed": return
            case "queued", "in_progress": break
            case "failed":
                let error = job["error"] as? [String: Any]
                throw ProviderFailure(
                    provider: "OpenAI Sora",
                    message: "the video failed: \(error?["message"] as? String ?? "no reason given")"
                        + ((error?["code"] as? String).map { " (\($0))" } ?? ""))
            case let other:
                throw ProviderFailure(
                    provider: "OpenAI Sora", message: "the video ended as \(other.isEmpty ? "an unknown state" : other)"
                )
            }
            guard ContinuousClock.now - started < .seconds(deadline) else {
                throw ProviderFailure(provider: "OpenAI Sora", message: "no video after \(Int(deadline)) seconds")
            }
            try await Task.sleep(for: .milliseconds(Int64(pollInterval * 1000)))
            job = try object(
                try await http.send(.GET, "\(endpoint.baseURL)/videos/\(id)", headers: headers),
                doing: "checking the video")
        }
    }

    func object(_ response: ProviderResponse, doing what: String) throws -> [String: Any] {
        try check(response, doing: what)
        guard let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else {
            throw ProviderFailure(provider: "OpenAI Sora", message: "\(what): the answer is not a JSON object")
        }
        return object
    }

    /// A refused key is named as such; any other refusal carries OpenAI's own message.
    func check(_ response: ProviderResponse, doing what: String) throws {
        guard !(200..<300).contains(response.status) else { return }
        let reason = ProviderHTTP.errorText(response.body)
        let message =
            response.status == 401 || response.status == 403
            ? "the key was refused (HTTP \(response.status)): \(reason)"
            : "\(what) failed with HTTP \(response.status): \(reason)"
        throw ProviderFailure(provider: "OpenAI Sora", message: message, status: response.status)
    }
}
