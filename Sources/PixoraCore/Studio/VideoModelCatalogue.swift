/// The video models this server knows and which of them it can use.
public struct VideoModelCatalogue: Codable, Sendable, Hashable {
    public var models: [VideoModel]

    public init(models: [VideoModel]) {
        self.models = models
    }

    /// The embedded start→end morph: offline, any length and shape, both frames, cheapest.
    public static let embeddedMorph = VideoModel(
        id: "embedded.morph", name: "Embedded morph", provider: "embedded", clipLengths: [],
        aspectRatios: AspectRatio.allCases, startFrame: true, endFrame: true, creditsPerSecond: 1, offline: true,
        available: true)

    /// A catalogue with only the embedded model (no cloud keys).
    public static let embedded = VideoModelCatalogue(models: [embeddedMorph])

    /// The cloud models and their documented capabilities, not available until configured (`available(_:)`).
    /// Credits per second follow fal's and OpenAI's list prices at about 1 credit per US$0.025 (silent 720p).
    public static let known: [VideoModel] = [
        // https://fal.ai/models/fal-ai/kling-video/v2.1/pro/image-to-video: 5 or 10 s, $0.49 per 5 s then $0.098/s;
        // `tail_image_url` ends the clip on a given picture; the clip takes the start picture's shape.
        VideoModel(
            id: "fal.kling-2.1-pro", name: "Kling 2.1 Pro", provider: "fal", clipLengths: [5, 10],
            aspectRatios: [.landscape, .vertical, .square], startFrame: true, endFrame: true, creditsPerSecond: 4,
            offline: false, available: false),
        // https://fal.ai/docs/model-api-reference/video-generation-api/veo3.1-first-last-frame-to-video.md:
        // `first_frame_url` + `last_frame_url`, duration "4s", "6s" or "8s" (default 8s), aspect ratio 16:9 or 9:16
        // (or auto); $0.20/s without audio at 720p/1080p.
        VideoModel(
            id: "fal.veo-3.1-flf", name: "Veo 3.1 first/last frame", provider: "fal", clipLengths: [4, 6, 8],
            aspectRatios: [.landscape, .vertical], startFrame: true, endFrame: true, creditsPerSecond: 8,
            offline: false, available: false),
        // https://fal.ai/models/fal-ai/minimax/hailuo-02/standard/image-to-video: 6 or 10 s at 768P, optional
        // `end_image_url`; the clip takes the start picture's shape; about $0.045/s.
        VideoModel(
            id: "fal.hailuo-02", name: "MiniMax Hailuo-02", provider: "fal", clipLengths: [6, 10],
            aspectRatios: [.landscape, .vertical, .square], startFrame: true, endFrame: true, creditsPerSecond: 2,
            offline: false, available: false),
        // OpenAI video API (POST /v1/videos): sora-2 makes `seconds` 4, 8 or 12 at 1280x720 or 720x1280, from an
        // optional `input_reference` first frame; there is no end frame; $0.10/s.
        VideoModel(
            id: "openai.sora-2", name: "Sora 2", provider: "openai", clipLengths: [4, 8, 12],
            aspectRatios: [.landscape, .vertical], startFrame: true, endFrame: false, creditsPerSecond: 4,
            offline: false, available: false),
    ]

    /// The embedded model and every known cloud model, those in `configured` marked available.
    public static func available(_ configured: Set<String>) -> VideoModelCatalogue {
        VideoModelCatalogue(
            models: [embeddedMorph]
                + known.map { model in
                    var model = model
                    model.available = configured.contains(model.id)
                    return model
                })
    }

    /// The model with this id, available or not.
    public func model(id: String) -> VideoModel? {
        models.first { $0.id == id }
    }
}
