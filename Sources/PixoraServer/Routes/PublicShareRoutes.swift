import Foundation
import Hummingbird
import NIOCore
import PixoraStore

/// What anyone holding a share link may open, without signing in: the page (`/s/{token}`), the video with byte
/// ranges and the thumbnail. An unknown and a revoked token get the same 404; an expired link or video 410.
struct PublicShareRoutes {
    let services: AppServices
    /// Per client address, for every public share request together, so tokens cannot be tried in bulk.
    let limiter: RateLimiter

    static let requestsPerMinute = 300

    init(services: AppServices) {
        self.services = services
        limiter = RateLimiter(limit: Self.requestsPerMinute, window: 60)
    }

    func register(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.get, "s/:token", page)
        routes.add(.get, "s/:token/video.mp4", videoFile)
        routes.add(.get, "s/:token/thumbnail.jpg", thumbnailFile)
    }

    /// The link and its video, when the link opens now; else the 429, 404 or 410 to answer.
    func open(_ context: AppRequestContext) async throws -> (share: VideoShare, video: Video, token: String) {
        let now = services.now()
        let address = context.remoteAddress ?? "unknown"
        if let retry = limiter.attempt(address, now: Date(timeIntervalSince1970: Double(now) / 1000)) {
            throw APIError(
                .tooManyRequests, .rateLimited, "too many requests for shared videos; try again in \(retry) seconds",
                details: ["retryAfterSeconds": .number(Double(retry))], headers: [.retryAfter: String(retry)])
        }
        let token = try context.parameters.require("token")
        let found =
            ShareTokens.isWellFormed(token)
            ? try await services.database.read { db in try await Shares.find(db, tokenHash: SecretToken.hash(token)) }
            : nil
        guard let (share, video) = found else { throw APIError.notFound("shared video") }
        if video.status == .expired || video.videoKey == nil { throw APIError.expired(at: video.expiresAt) }
        guard share.expiresAt > now else {
            throw APIError(.gone, .expired, "This link has expired; ask the person who shared it for a new one.")
        }
        return (share, video, token)
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let opened: (share: VideoShare, video: Video, token: String)
        do {
            opened = try await open(context)
        } catch let error as APIError {
            let headers: HTTPFields = error.headers[.retryAfter].map { [.retryAfter: $0] } ?? [:]
            return Self.html(SharePage.error(status: error.status.code), status: error.status, headers: headers)
        }
        let counted = try await services.database.transaction { db in
            try await Shares.countView(db, id: opened.share.id, now: services.now())
        }
        // Revoked or expired between the two statements: answered as if it had happened just before.
        guard counted else { return Self.html(SharePage.error(status: 404), status: .notFound) }
        let urls = ShareURLs(base: services.configuration.publicURL, token: opened.token)
        let video = opened.video
        let content = SharePage.Content(
            title: video.title, pageURL: urls.page, videoURL: urls.video,
            thumbnailURL: video.thumbnailKey == nil ? nil : urls.thumbnail, durationSeconds: video.duration,
            canvas: video.settings?.canvas)
        return Self.html(SharePage.html(content), status: .ok)
    }

    @Sendable func videoFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let video = try await open(context).video
        guard let key = video.videoKey else { throw APIError.expired(at: video.expiresAt) }
        return try await serve(key, type: "video/mp4", request: request, context: context)
    }

    @Sendable func thumbnailFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let video = try await open(context).video
        guard let key = video.thumbnailKey else {
            throw APIError(.notFound, .notRendered, "this video has no thumbnail")
        }
        return try await serve(key, type: "image/jpeg", request: request, context: context)
    }

    /// The media routes' file and range serving, kept out of caches so a revoked link stops at once everywhere.
    func serve(_ key: String, type: String, request: Request, context: AppRequestContext) async throws -> Response {
        var response = try await MediaRoutes(services: services).serve(
            key: key, type: type, request: request, context: context)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func html(_ text: String, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[.init("Content-Security-Policy")!] = SharePage.policy
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        headers[.init("Referrer-Policy")!] = "no-referrer"
        headers[.init("X-Robots-Tag")!] = "noindex"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
