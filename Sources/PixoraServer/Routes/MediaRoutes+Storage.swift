import Foundation
import Hummingbird
import NIOCore
import PixoraCore
import PixoraMedia
import PixoraStore

/// Serving media by key from the configured `MediaStorage`: the file itself when it is on this disk, else the
/// bucket's bytes streamed through with the same range rules (nothing is copied to this node's disk), or with
/// `PIXORA_STORAGE_REDIRECT` a 302 to a presigned URL that expires after `redirectSeconds`.
extension MediaRoutes {
    static let redirectSeconds = 300

    /// A scene's or a studio step's asset: from this node's cache when it holds it (or when there is no bucket),
    /// else from the shared bucket, where the worker that made it published it.
    func serve(asset: AssetRef, request: Request, context: AppRequestContext) async throws -> Response {
        let store = services.pipeline.store
        let type = MediaFolder.assetContentType(asset.fileName)
        guard store.shared != nil, !store.contains(asset) else {
            return try await serve(try store.url(for: asset), type: type, request: request, context: context)
        }
        return try await serve(
            key: MediaFolder.assetKey(SharedAssetName.of(asset)), type: type, request: request, context: context)
    }

    func serve(key: String, type: String, request: Request, context: AppRequestContext, download: String? = nil)
        async throws -> Response
    {
        let storage = services.storage
        if let url = try storage.localFile(key) {
            return try await serve(url, type: type, request: request, context: context, download: download)
        }
        if services.configuration.storageRedirect,
            let link = try storage.presignedURL(for: key, expires: Self.redirectSeconds)
        {
            return Response(
                status: .found, headers: [.location: link.absoluteString, .cacheControl: "private, no-store"])
        }
        guard let size = try await storage.size(of: key) else { throw APIError.notFound("file") }
        var headers: HTTPFields = [.contentType: type, .acceptRanges: "bytes", .cacheControl: "private, max-age=3600"]
        if let download, request.uri.queryParameters["download"] != nil {
            headers[.contentDisposition] = ContentDisposition.attachment(fileName: download)
        }
        var range: ClosedRange<Int>?
        if let header = request.headers[.range] {
            guard let asked = Self.byteRange(header, size: size) else {
                headers[.contentRange] = "bytes */\(size)"
                throw APIError(
                    .rangeNotSatisfiable, .rangeNotSatisfiable,
                    "the requested range is outside the file (\(size) bytes)", headers: headers)
            }
            range = asked
        }
        guard size > 0 || range != nil else {
            headers[.contentLength] = "0"
            return Response(status: .ok, headers: headers, body: ResponseBody())
        }
        guard let object = try await storage.open(key, range: range ?? 0...(size - 1)) else {
            throw APIError.notFound("file")
        }
        headers[.contentLength] = String(object.range.count)
        let body = ResponseBody(asyncSequence: object.body)
        guard range != nil else { return Response(status: .ok, headers: headers, body: body) }
        headers[.contentRange] = "bytes \(object.range.lowerBound)-\(object.range.upperBound)/\(object.totalSize)"
        return Response(status: .partialContent, headers: headers, body: body)
    }
}
