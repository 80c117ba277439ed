import Foundation
import PixoraCore
import PixoraStore
import ZIPFoundation

/// Writes a user's data as a zip (layout in `ArchiveDocuments.readme`). The JSON is read first, in short reads;
/// media files are then streamed into the archive from disk, chunk by chunk, so memory stays flat however large
/// the videos are; an object in the bucket is copied to scratch just before its entry and removed after it.
struct AccountArchive {
    let database: any Database
    /// Where the media live: the folder, or the bucket of `PIXORA_STORAGE`.
    let storage: any MediaStorage
    /// Where an object from the bucket is copied while its entry is written (one at a time, removed after).
    let scratch: URL

    /// One entry of the zip: a document in memory, a file on disk, or an object in the bucket.
    enum Content {
        case data(Data)
        case file(URL, size: Int64)
        case stored(key: String, size: Int64)

        var size: Int64 {
            switch self {
            case .data(let data): Int64(data.count)
            case .file(_, let size), .stored(_, let size): size
            }
        }
    }

    /// Writes the archive of `user` to `destination` (which must not exist); `progress` gets 0…1 by bytes.
    func write(user: String, to destination: URL, progress: @Sendable (Double) async -> Void) async throws {
        let entries = try await collect(user: user)
        let total = max(entries.reduce(Int64(0)) { $0 + $1.content.size }, 1)
        let archive = try Archive(url: destination, accessMode: .create)
        var written: Int64 = 0
        for (path, content) in entries {
            try Task.checkCancellation()
            switch content {
            case .data(let data):
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
                ) { position, size in
                    data.subdata(in: Data.Index(position)..<Data.Index(position) + size)
                }
            case .file(let url, _):
                // Media is compressed already; storing it saves the CPU and loses nothing.
                try archive.addEntry(with: path, fileURL: url, compressionMethod: .none)
            case .stored(let key, _):
                let copy = scratch.appendingPathComponent(UUID().uuidString)
                defer { try? FileManager.default.removeItem(at: copy) }
                try await storage.download(key, to: copy)
                try archive.addEntry(with: path, fileURL: copy, compressionMethod: .none)
            }
            written += content.size
            await progress(Double(written) / Double(total))
        }
    }

    /// Every entry of the archive, in order: the README, the account, each video, each project.
    func collect(user: String) async throws -> [(path: String, content: Content)] {
        let encoder = ArchiveDocuments.encoder()
        var entries: [(path: String, content: Content)] = [("README.md", .data(Data(ArchiveDocuments.readme.utf8)))]
        let account = try await database.read { db -> ArchiveDocuments.Account in
            guard let user = try await Users.find(db, id: user) else { throw UsageError("the account is gone") }
            let ledger = try await AccountData.ledger(db, user: user.id)
            let settings = try await Users.settings(db, user: user.id)
            return ArchiveDocuments.Account(
                exportedAt: Date(),
                profile: .init(
                    id: user.id, email: user.email, name: user.name, role: user.role.rawValue, credits: user.credits,
                    createdAt: ArchiveDocuments.date(user.createdAt), hasAvatar: user.avatarKey != nil),
                settings: settings,
                ledger: ledger.map {
                    .init(
                        id: $0.id, delta: $0.delta, balanceAfter: $0.balanceAfter, reason: $0.reason.rawValue,
                        reference: $0.reference, createdAt: ArchiveDocuments.date($0.createdAt))
                })
        }
        entries.append(("account.json", .data(try encoder.encode(account))))
        for id in try await database.read({ db in try await AccountData.videoIDs(db, user: user) }) {
            entries += try await video(id, user: user, encoder: encoder)
        }
        for id in try await database.read({ db in try await AccountData.projects(db, user: user) }) {
            entries += try await project(id, user: user, encoder: encoder)
        }
        return entries
    }

    /// A media file that still exists, as an entry; nil when its key is unset or the file is gone. An object in
    /// the bucket is sized now and copied when its entry is written.
    func mediaFile(_ key: String?) async throws -> Content? {
        guard let key, MediaFolder.isValidKey(key) else { return nil }
        guard let url = try storage.localFile(key) else {
            return try await storage.size(of: key).map { .stored(key: key, size: Int64($0)) }
        }
        guard
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber
        else { return nil }
        return .file(url, size: size.int64Value)
    }

    func video(_ id: String, user: String, encoder: JSONEncoder) async throws -> [(path: String, content: Content)] {
        let found = try await database.read { db -> (Video, [Scene], [SceneRevision], [SceneAsset], [VideoVersion])? in
            guard let video = try await Videos.find(db, owner: user, id: id) else { return nil }
            return (
                video, try await Scenes.list(db, video: id), try await Scenes.revisions(db, video: id),
                try await Scenes.assets(db, video: id), try await Versions.list(db, video: id)
            )
        }
        guard let (video, scenes, revisions, assets, versions) = found else { return [] }
        let folder = "videos/\(video.id)/"
        var files: [(path: String, content: Content)] = []
        if let file = try await mediaFile(video.videoKey) { files.append(("video.mp4", file)) }
        if let file = try await mediaFile(video.thumbnailKey) { files.append(("thumbnail.jpg", file)) }
        for version in versions where version.videoKey != video.videoKey {
            let name = "versions/v\(version.number)"
            if let file = try await mediaFile(version.videoKey) { files.append((name + ".mp4", file)) }
            if let file = try await mediaFile(version.thumbnailKey) { files.append((name + ".jpg", file)) }
        }
        let document = ArchiveDocuments.VideoFile(
            id: video.id, title: video.title, prompt: video.prompt, status: video.status.rawValue,
            settings: video.settings, plan: video.plan, duration: video.duration, creditsUsed: video.creditsUsed,
            error: video.error, currentVersion: video.currentVersion,
            expiresAt: video.expiresAt.map(ArchiveDocuments.date), createdAt: ArchiveDocuments.date(video.createdAt),
            updatedAt: ArchiveDocuments.date(video.updatedAt),
            scenes: scenes.sorted { $0.position < $1.position }.map { scene in
                .init(
                    id: scene.id, position: scene.position, currentRevision: scene.currentRevision,
                    revisions: revisions.filter { $0.sceneId == scene.id }.sorted { $0.number < $1.number }.map {
                        revision in
                        .init(
                            number: revision.number, reason: revision.reason.rawValue,
                            status: revision.status.rawValue, scene: revision.planScene,
                            assets: assets.filter { $0.revisionId == revision.id }.map {
                                .init(kind: $0.kind.rawValue, asset: $0.assetKey, generator: $0.generator)
                            }, createdAt: ArchiveDocuments.date(revision.createdAt))
                    })
            },
            versions: versions.map {
                .init(
                    id: $0.id, number: $0.number, status: $0.status.rawValue, duration: $0.duration, error: $0.error,
                    createdAt: ArchiveDocuments.date($0.createdAt), editorState: $0.editorState)
            },
            files: files.map(\.path))
        return [(folder + "video.json", .data(try encoder.encode(document)))]
            + files.map { (folder + $0.path, $0.content) }
    }

    func project(_ id: String, user: String, encoder: JSONEncoder) async throws -> [(path: String, content: Content)] {
        let found = try await database.read {
            db -> (Project, [ProjectFile], [ProjectPlan], [ProjectMessage])? in
            guard let project = try await Projects.find(db, owner: user, id: id) else { return nil }
            return (
                project, try await ProjectFiles.all(db, project: id), try await ProjectPlans.all(db, project: id),
                try await ProjectMessages.all(db, project: id)
            )
        }
        guard let (project, uploads, plans, messages) = found else { return [] }
        let folder = "projects/\(project.id)/"
        let now = Clock.nowMillis()
        var files: [(path: String, content: Content)] = []
        var entries: [ArchiveDocuments.ProjectFileEntry] = []
        for upload in uploads {
            var path: String?
            if !upload.isExpired(at: now), let file = try await mediaFile(upload.mediaKey) {
                path = "uploads/\(upload.role.rawValue)\(Self.fileExtension(upload.contentType))"
                files.append((path!, file))
            }
            entries.append(
                .init(
                    role: upload.role.rawValue, contentType: upload.contentType, sizeBytes: upload.sizeBytes,
                    duration: upload.duration, name: upload.name,
                    expiresAt: upload.expiresAt.map(ArchiveDocuments.date), file: path))
        }
        if let export = project.workflow?.outputs.export, let file = try await mediaFile(export.file) {
            files.append(("export.\(export.format.fileExtension)", file))
        }
        let document = ArchiveDocuments.ProjectFileDocument(
            id: project.id, kind: project.kind.rawValue, title: project.title, topic: project.topic,
            status: project.status.rawValue, error: project.error, createdAt: ArchiveDocuments.date(project.createdAt),
            updatedAt: ArchiveDocuments.date(project.updatedAt), analysis: project.analysis,
            workflow: project.workflow, uploads: entries,
            plans: plans.map {
                .init(
                    number: $0.number, source: $0.source.rawValue, note: $0.note, plan: $0.plan,
                    createdAt: ArchiveDocuments.date($0.createdAt))
            },
            chat: messages.map {
                .init(
                    number: $0.number, role: $0.role.rawValue, text: $0.text, planNumber: $0.planNumber,
                    createdAt: ArchiveDocuments.date($0.createdAt))
            },
            files: files.map(\.path))
        return [(folder + "project.json", .data(try encoder.encode(document)))]
            + files.map { (folder + $0.path, $0.content) }
    }

    /// The extension an upload's file gets in the zip, from the media type ffprobe found.
    static func fileExtension(_ contentType: String) -> String {
        let known = [
            "video/mp4": ".mp4", "video/webm": ".webm", "video/x-msvideo": ".avi", "video/quicktime": ".mov",
            "image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp", "audio/mpeg": ".mp3",
            "audio/wav": ".wav", "audio/x-wav": ".wav", "audio/ogg": ".ogg", "audio/mp4": ".m4a", "audio/flac": ".flac",
        ]
        return known[contentType] ?? ""
    }
}
