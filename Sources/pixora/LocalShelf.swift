import Foundation
import PixoraCore
import PixoraMedia
import PixoraServer

/// The files of one local render: the MP4 and what `pixora generate` writes beside it.
struct LocalFiles: Sendable {
    let video: URL
    private var base: String { video.deletingPathExtension().path }
    var thumbnail: URL { URL(fileURLWithPath: base + ".jpg") }
    var plan: URL { URL(fileURLWithPath: base + ".plan.json") }
    var editorState: URL { URL(fileURLWithPath: base + ".editor-state.json") }
}

/// A video made by `pixora mcp`, as its tools answer it.
struct LocalVideo: Codable, Sendable {
    struct Version: Codable, Sendable {
        var number: Int
        var outputPath: String
        var durationSeconds: Double
        var changes: [String]
    }
    var id: String
    var title: String
    var status: String
    var outputPath: String
    var thumbnailPath: String?
    var planPath: String?
    var editorStatePath: String?
    var durationSeconds: Double?
    var bytes: Int?
    var error: String?
    var currentVersion: Int?
    var versions: [Version] = []
    var plan: Plan?
    var editorState: EditorState?

    /// `bees.mp4` → `bees.v2.mp4`, … beside the first.
    var nextVersionPath: URL {
        let first = URL(fileURLWithPath: outputPath)
        let base = first.deletingPathExtension().path.replacingOccurrences(
            of: #"\.v\d+$"#, with: "", options: .regularExpression)
        return URL(fileURLWithPath: "\(base).v\((versions.map(\.number).max() ?? 1) + 1).mp4")
    }
}

/// What `list_videos` answers locally.
struct LocalVideoList: Encodable {
    var items: [LocalVideo]
}

/// The session's videos, newest first; an idempotency key maps to the video it made.
actor LocalShelf {
    private var videos: [String: LocalVideo] = [:]
    private var order: [String] = []
    private var keys: [String: String] = [:]

    func add(title: String, plan: Plan, output: String, key: String?) -> String {
        let id = "local-\(order.count + 1)-" + UUID().uuidString.prefix(8).lowercased()
        videos[id] = LocalVideo(id: id, title: title, status: "running", outputPath: output, plan: plan)
        order.insert(id, at: 0)
        if let key { keys[key] = id }
        return id
    }

    func video(_ id: String) throws -> LocalVideo {
        guard let video = videos[id] else { throw MCPToolError("video not found: \(id)") }
        return video
    }

    func video(key: String) -> LocalVideo? { keys[key].flatMap { videos[$0] } }

    func all() -> [LocalVideo] { order.compactMap { videos[$0] } }

    func finished(_ id: String, plan: Plan, state: EditorState, result: RenderResult, files: LocalFiles) throws
        -> LocalVideo
    {
        var video = try video(id)
        video.status = "completed"
        video.plan = plan
        video.editorState = state
        video.thumbnailPath = result.thumbnail?.path ?? files.thumbnail.path
        video.planPath = files.plan.path
        video.editorStatePath = files.editorState.path
        video.durationSeconds = result.duration
        video.bytes = result.bytes
        video.currentVersion = 1
        video.versions = [.init(number: 1, outputPath: files.video.path, durationSeconds: result.duration, changes: [])]
        videos[id] = video
        return video
    }

    func failed(_ id: String, error: String) {
        videos[id]?.status = "failed"
        videos[id]?.error = error
    }

    /// A new rendered version becomes the video's current files.
    func versioned(
        _ id: String, state: EditorState, plan: Plan?, result: RenderResult, files: LocalFiles, changes: [String]
    ) throws -> LocalVideo {
        var video = try video(id)
        let number = (video.versions.map(\.number).max() ?? 1) + 1
        video.versions.append(
            .init(number: number, outputPath: files.video.path, durationSeconds: result.duration, changes: changes))
        video.currentVersion = number
        video.editorState = state
        if let plan { video.plan = plan }
        video.outputPath = files.video.path
        video.thumbnailPath = result.thumbnail?.path ?? files.thumbnail.path
        video.editorStatePath = files.editorState.path
        if plan != nil { video.planPath = files.plan.path }
        video.durationSeconds = result.duration
        video.bytes = result.bytes
        videos[id] = video
        return video
    }
}
