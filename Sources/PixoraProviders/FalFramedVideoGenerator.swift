import Foundation
import PixoraGenerators

/// Start-and-end-frame clips on fal.ai's queue: Kling 2.1 Pro with a tail image, Veo 3.1 first/last frame, MiniMax
/// Hailuo-02 with an end image. Each model makes a few fixed lengths: the nearest is asked for and the clip is
/// then stretched to the scene's length, so it still lands on the end frame.
public struct FalFramedVideoGenerator: FramedVideoGenerator {
    /// The models, by their catalogue ids.
    public enum Model: String, Sendable, CaseIterable {
        case kling21Pro = "fal.kling-2.1-pro"
        case veo31FirstLast = "fal.veo-3.1-flf"
        case hailuo02 = "fal.hailuo-02"

        /// Lengths in seconds the model documents.
        public var lengths: [Int] {
            switch self {
            case .kling21Pro: [5, 10]
            case .veo31FirstLast: [4, 6, 8]
            case .hailuo02: [6, 10]
            }
        }

        /// fal.ai list price per second of clip, in US dollars (audio off, 720p/768p).
        public var usdPerSecond: Double {
            switch self {
            case .kling21Pro: 0.098
            case .veo31FirstLast: 0.20
            case .hailuo02: 0.045
            }
        }

        /// The endpoint used for a clip with or without an end frame.
        public func endpoint(withEnd: Bool) -> String {
            switch self {
            // https://fal.ai/models/fal-ai/kling-video/v2.1/pro/image-to-video/llms.txt
            case .kling21Pro: "fal-ai/kling-video/v2.1/pro/image-to-video"
            // https://fal.ai/docs/model-api-reference/video-generation-api/veo3.1-first-last-frame-to-video.md
            // requires `last_frame_url`; without an end frame Veo's image-to-video endpoint is the documented one.
            case .veo31FirstLast:
                withEnd ? "fal-ai/veo3.1/first-last-frame-to-video" : "fal-ai/veo3.1/image-to-video"
            // https://fal.ai/models/fal-ai/minimax/hailuo-02/standard/image-to-video/llms.txt (Pro makes 6 s only)
            case .hailuo02: "fal-ai/minimax/hailuo-02/standard/image-to-video"
            }
        }

        /// The request body in the model's documented field names.
        func input(_ request: FramedClipRequest, start: String, end: String?, seconds: Int) -> [String: Any] {
            let prompt = FramedCloudVideo.prompt(request)
            var input: [String: Any]
            switch self {
            case .kling21Pro:
                input = [
                    "prompt": prompt, "image_url": start, "duration": String(seconds),
                    "negative_prompt": "blur, distortion, low quality, text", "cfg_scale": 0.5,
                ]
                if let end { input["tail_image_url"] = end }
            case .veo31FirstLast:
                let aspect = aspectName(width: request.width, height: request.height)
                input = [
                    "prompt": prompt, "duration": "\(seconds)s", "aspect_ratio": aspect == "1:1" ? "auto" : aspect,
                    "resolution": min(request.width, request.height) >= 1080 ? "1080p" : "720p",
                    // Scene audio is made by Pixora's own sound step; a silent clip also costs half.
                    "generate_audio": false,
                ]
                if let end {
                    input["first_frame_url"] = start
                    input["last_frame_url"] = end
                } else {
                    input["image_url"] = start
                }
            case .hailuo02:
                // 768P: MiniMax makes no first/last-frame clips at 512P.
                input = ["prompt": prompt, "image_url": start, "duration": String(seconds), "resolution": "768P"]
                if let end { input["end_image_url"] = end }
            }
            return input
        }
    }

    public let queue: FalQueue
    public let model: Model
    public var id: String { model.rawValue }
    public let version = 1

    public init(queue: FalQueue, model: Model) {
        self.queue = queue
        self.model = model
    }

    public func makeClip(_ request: FramedClipRequest, start: URL, end: URL?, to output: URL) async throws {
        let seconds = FramedCloudVideo.length(nearest: request.duration, among: model.lengths)
        let endpoint = model.endpoint(withEnd: end != nil)
        let input = model.input(
            request, start: try FramedCloudVideo.dataURI(start), end: try end.map(FramedCloudVideo.dataURI),
            seconds: seconds)
        let scratch = try MediaConvert.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let downloaded = try await queue.runAndDownload(
            endpoint, input: input, keys: ["video"], what: "video", into: scratch)
        try await FramedCloudVideo.finish(
            downloaded, request, to: output,
            provenance: Provenance(provider: "fal.ai", model: endpoint, costUSD: model.usdPerSecond * Double(seconds)))
    }
}
