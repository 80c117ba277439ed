import Foundation

/// The data folder (media when no bucket is set, and every process's scratch) and the keys every storage uses,
/// made by the server itself (`videos/<uuid>/v3.mp4`, `avatars/<uuid>-<hex>.png`), never from names a user sent.
public struct MediaFolder: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// Keys are checked against the shapes the server makes, so no key can leave the folder.
    public static func isValidKey(_ key: String) -> Bool {
        key.range(
            of: #"^(videos/[0-9a-f-]{36}/v[0-9]{1,4}\.(mp4|jpg)|avatars/[0-9a-f-]{36}-[0-9a-f]{8}\.(png|jpg|webp)"#
                + #"|projects/[0-9a-f-]{36}/(sample|character|audio|keyframes/shot-[0-9]{3,4}\.jpg"#
                + #"|export-[0-9]{1,6}-[0-9]{1,3}\.(mp4|webm|jpg))|exports/[0-9a-f-]{36}\.zip"#
                + #"|assets/[0-9a-f]{2}/[0-9a-f]{64}\.[a-z0-9]{1,5}(\.provenance\.json)?)$"#,
            options: .regularExpression) != nil
    }

    public static func videoKey(video: String, version: Int) -> String { "videos/\(video)/v\(version).mp4" }
    public static func thumbnailKey(video: String, version: Int) -> String { "videos/\(video)/v\(version).jpg" }

    /// An upload of a project (`sample`, `character`, `audio`) or a keyframe (`keyframes/shot-001.jpg`).
    public static func projectKey(project: String, file: String) -> String { "projects/\(project)/\(file)" }

    /// A studio project's exported file (`mp4` or `webm`) or its thumbnail (`jpg`), one per export run and attempt.
    public static func exportKey(project: String, run: Int, attempt: Int, ext: String) -> String {
        projectKey(project: project, file: "export-\(run)-\(attempt).\(ext)")
    }

    /// A user's data export (`AccountExports`): one zip per export.
    public static func accountExportKey(export: String) -> String { "exports/\(export).zip" }

    /// A content-addressed asset shared through the bucket (`BucketAssets`), by its `SharedAssetName`.
    public static func assetKey(_ name: String) -> String { "assets/" + name }

    /// The type an asset is stored and served with, from its extension.
    public static func assetContentType(_ name: String) -> String {
        let types = [
            "png": "image/png", "mp4": "video/mp4", "wav": "audio/wav", "json": "application/json",
            "mid": "audio/midi", "cube": "text/plain",
        ]
        return types[(name as NSString).pathExtension] ?? "application/octet-stream"
    }

    public static func keyframeKey(project: String, shot: Int) -> String {
        projectKey(project: project, file: "keyframes/" + keyframeName(shot: shot))
    }

    public static func keyframeName(shot: Int) -> String { String(format: "shot-%03d.jpg", shot) }

    public func url(for key: String) throws -> URL {
        guard Self.isValidKey(key) else { throw StoreError.notFound("no such media") }
        return root.appendingPathComponent(key)
    }

    /// Moves a finished file into place under `key` (atomic rename within one file system).
    public func place(_ file: URL, as key: String) throws {
        let destination = try url(for: key)
        try FileManager.default.createDirectory(
            at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        if rename(file.path, destination.path) != 0 {
            // Different file systems: copy beside the destination, then rename.
            let temporary = destination.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).part")
            try FileManager.default.copyItem(at: file, to: temporary)
            guard rename(temporary.path, destination.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                throw StoreError.unavailable("cannot store media file \(key)")
            }
            try? FileManager.default.removeItem(at: file)
        }
    }

    public func remove(_ key: String?) {
        guard let key, let url = try? url(for: key) else { return }
        try? FileManager.default.removeItem(at: url)
    }

    /// Removes a video's whole folder (after the video is deleted).
    public func removeVideo(_ video: String) {
        guard video.range(of: #"^[0-9a-f-]{36}$"#, options: .regularExpression) != nil else { return }
        try? FileManager.default.removeItem(at: root.appendingPathComponent("videos/\(video)"))
    }

    /// Removes a project's whole folder (after the project is deleted, or when its upload was refused).
    public func removeProject(_ project: String) {
        guard project.range(of: #"^[0-9a-f-]{36}$"#, options: .regularExpression) != nil else { return }
        try? FileManager.default.removeItem(at: root.appendingPathComponent("projects/\(project)"))
    }

    /// A fresh scratch folder for one job's renders, on the same disk as the media (so `place` is a rename).
    public func scratchFolder() throws -> URL {
        let folder = root.appendingPathComponent("tmp/\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
