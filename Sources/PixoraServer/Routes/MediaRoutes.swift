import Foundation
import Hummingbird
import PixoraCore
import PixoraStore

/// Rendered videos, thumbnails, scene assets and avatars, to their owner only: with a bearer token, or with a
/// signed link (`?access=…`) that a `<video>` or `<img>` tag can use. Byte ranges are honoured.
struct MediaRoutes {
    let services: AppServices
    let files = FileIO()

    func register(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.get, "videos/:id/video", videoFile)
        routes.add(.get, "videos/:id/thumbnail", thumbnailFile)
        routes.add(.get, "videos/:id/versions/:vid/video", versionVideoFile)
        routes.add(.get, "videos/:id/versions/:vid/thumbnail", versionThumbnailFile)
        routes.add(.get, "assets/:key", assetFile)
        routes.add(.get, "users/me/avatar", avatarFile)
        routes.add(.get, "projects/:id/files/:role", projectFile)
        routes.add(.get, "projects/:id/keyframes/:shot", keyframeFile)
        routes.add(.get, "projects/:id/assets/:asset", studioAsset)
        routes.add(.get, "projects/:id/export", exportFile)
        routes.add(.get, "projects/:id/export/thumbnail", exportThumbnail)
    }

    /// The caller: from the bearer token, or from a link signed for exactly this path.
    static func caller(_ request: Request, _ context: AppRequestContext, tokens: TokenService) throws -> String {
        if let identity = context.identity { return identity.userId }
        if let access = request.uri.queryParameters["access"].map(String.init) {
            guard let user = tokens.verifySignedPath(request.uri.path, access: access) else {
                throw APIError(
                    .unauthorized, .invalidLink,
                    "this media link is not valid or has expired; ask the API for a new one")
            }
            return user
        }
        throw APIError.unauthorized("sign in first, or use the signed link the API returned")
    }

    func ownedVideo(_ request: Request, _ context: AppRequestContext) async throws -> Video {
        let user = try Self.caller(request, context, tokens: services.tokens)
        let id = try context.parameters.require("id")
        guard let video = try await services.database.read({ db in try await Videos.find(db, owner: user, id: id) })
        else { throw APIError.notFound("video") }
        try APIError.refuseExpired(video)
        return video
    }

    func ownedVersion(_ request: Request, _ context: AppRequestContext) async throws -> VideoVersion {
        let video = try await ownedVideo(request, context)
        let id = try context.parameters.require("vid")
        let found = try await services.database.read { db in try await Versions.find(db, video: video.id, id: id) }
        guard let version = found else { throw APIError.notFound("version") }
        return version
    }

    @Sendable func videoFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let video = try await ownedVideo(request, context)
        guard let key = video.videoKey else {
            throw APIError(.notFound, .notRendered, "this video has not been rendered yet")
        }
        return try await serve(
            key: key, type: "video/mp4", request: request, context: context, download: "\(video.title).mp4")
    }

    @Sendable func thumbnailFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let video = try await ownedVideo(request, context)
        guard let key = video.thumbnailKey else {
            throw APIError(.notFound, .notRendered, "this video has no thumbnail yet")
        }
        return try await serve(key: key, type: "image/jpeg", request: request, context: context)
    }

    @Sendable func versionVideoFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let version = try await ownedVersion(request, context)
        guard let key = version.videoKey else {
            throw APIError(.notFound, .notRendered, "this version has not been rendered yet")
        }
        return try await serve(key: key, type: "video/mp4", request: request, context: context)
    }

    @Sendable func versionThumbnailFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let version = try await ownedVersion(request, context)
        guard let key = version.thumbnailKey else {
            throw APIError(.notFound, .notRendered, "this version has no thumbnail yet")
        }
        return try await serve(key: key, type: "image/jpeg", request: request, context: context)
    }

    @Sendable func assetFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try Self.caller(request, context, tokens: services.tokens)
        let text = try context.parameters.require("key")
        guard let asset = AssetRef(text) else { throw APIError.notFound("asset") }
        let owned = try await services.database.read { db in try await Scenes.canRead(db, asset: asset, user: user) }
        guard owned else { throw APIError.notFound("asset") }
        let expired = try await services.database.read { db in
            try await Scenes.expiredOnly(db, asset: asset.description, user: user)
        }
        if let expired { throw APIError.expired(at: expired > 0 ? expired : nil) }
        return try await serve(asset: asset, request: request, context: context)
    }

    func ownedProject(_ request: Request, _ context: AppRequestContext) async throws -> Project {
        let user = try Self.caller(request, context, tokens: services.tokens)
        let id = try context.parameters.require("id")
        guard let project = try await services.database.read({ db in try await Projects.find(db, owner: user, id: id) })
        else { throw APIError.notFound("project") }
        return project
    }

    @Sendable func projectFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let project = try await ownedProject(request, context)
        guard let role = ProjectFileRole(rawValue: try context.parameters.require("role")) else {
            throw APIError.notFound("upload")
        }
        let files = try await services.database.read { db in try await ProjectFiles.all(db, project: project.id) }
        guard let file = files.first(where: { $0.role == role }) else {
            throw APIError(.notFound, .notFound, "this project has no \(role.rawValue) upload")
        }
        if file.isExpired(at: Clock.nowMillis()) {
            throw APIError(
                .gone, .expired,
                "This upload expired\(file.expiresAt.map { " on " + APIError.utcMinute($0) } ?? ""); its file was"
                    + " deleted. The project keeps its analysis and plans.")
        }
        return try await serve(key: file.mediaKey, type: file.contentType, request: request, context: context)
    }

    @Sendable func keyframeFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let project = try await ownedProject(request, context)
        guard let shot = Int(try context.parameters.require("shot")),
            let analysis = project.analysis, analysis.shots.contains(where: { $0.index == shot && $0.keyframe != nil })
        else { throw APIError.notFound("keyframe") }
        let key = MediaFolder.keyframeKey(project: project.id, shot: shot)
        return try await serve(key: key, type: "image/jpeg", request: request, context: context)
    }

    /// A file a studio step made, only when the project's outputs point at it: the asset store is shared by every
    /// user, so a key alone must not open another user's picture.
    @Sendable func studioAsset(_ request: Request, context: AppRequestContext) async throws -> Response {
        let project = try await ownedProject(request, context)
        guard let asset = AssetRef(try context.parameters.require("asset")),
            project.workflow?.outputs.assets.contains(asset) == true
        else { throw APIError.notFound("asset") }
        return try await serve(asset: asset, request: request, context: context)
    }

    @Sendable func exportFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let project = try await ownedProject(request, context)
        guard let export = project.workflow?.outputs.export else {
            throw APIError(.notFound, .notFound, "this project has not been exported yet")
        }
        return try await serve(
            key: export.file, type: export.format.mimeType, request: request, context: context,
            download: "\(project.title).\(export.format.fileExtension)")
    }

    @Sendable func exportThumbnail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let project = try await ownedProject(request, context)
        guard let export = project.workflow?.outputs.export, !export.thumbnail.isEmpty else {
            throw APIError(.notFound, .notFound, "this project has not been exported yet")
        }
        return try await serve(key: export.thumbnail, type: "image/jpeg", request: request, context: context)
    }

    @Sendable func avatarFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let userId = try Self.caller(request, context, tokens: services.tokens)
        guard let key = try await services.database.read({ db in try await Users.find(db, id: userId) })?.avatarKey
        else { throw APIError.notFound("avatar") }
        let type = key.hasSuffix(".png") ? "image/png" : key.hasSuffix(".webp") ? "image/webp" : "image/jpeg"
        return try await serve(key: key, type: type, request: request, context: context)
    }

    /// Sends a file, or the one byte range asked for (206), or 416 when the range is outside the file.
    func serve(_ url: URL, type: String, request: Request, context: AppRequestContext, download: String? = nil)
        async throws -> Response
    {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let size = (attributes[.size] as? NSNumber)?.intValue
        else {
            throw APIError.notFound("file")
        }
        var headers: HTTPFields = [.contentType: type, .acceptRanges: "bytes", .cacheControl: "private, max-age=3600"]
        if let modified = attributes[.modificationDate] as? Date {
            headers[.eTag] = "\"\(size)-\(Int(modified.timeIntervalSince1970))\""
        }
        if let download, request.uri.queryParameters["download"] != nil {
            headers[.contentDisposition] = ContentDisposition.attachment(fileName: download)
        }
        if let header = request.headers[.range] {
            guard let range = Self.byteRange(header, size: size) else {
                headers[.contentRange] = "bytes */\(size)"
                throw APIError(
                    .rangeNotSatisfiable, .rangeNotSatisfiable,
                    "the requested range is outside the file (\(size) bytes)", headers: headers)
            }
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            headers[.contentLength] = String(range.count)
            let body = try await files.loadFile(path: url.path, range: range, context: context)
            return Response(status: .partialContent, headers: headers, body: body)
        }
        headers[.contentLength] = String(size)
        return Response(status: .ok, headers: headers, body: try await files.loadFile(path: url.path, context: context))
    }

    /// One range of `bytes=a-b`, `bytes=a-` or `bytes=-n`; nil when unsatisfiable or malformed.
    static func byteRange(_ header: String, size: Int) -> ClosedRange<Int>? {
        guard header.hasPrefix("bytes="), size > 0 else { return nil }
        let spec = header.dropFirst(6).split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { return nil }
        if parts[0].isEmpty {
            guard let suffix = Int(parts[1]), suffix > 0 else { return nil }
            return max(size - suffix, 0)...(size - 1)
        }
        guard let start = Int(parts[0]), start < size else { return nil }
        if parts[1].isEmpty { return start...(size - 1) }
        guard let end = Int(parts[1]), end >= start else { return nil }
        return start...min(end, size - 1)
    }
}
