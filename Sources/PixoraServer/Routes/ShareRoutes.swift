import Foundation
import Hummingbird
import PixoraAPI
import PixoraStore

/// A video's share links, for its owner: make one, list them, revoke one. The public side is `PublicShareRoutes`.
struct ShareRoutes {
    let services: AppServices
    var database: any Database { services.database }

    /// How long a link works when the request does not say: a week, the default retention of the video itself.
    static let defaultLifetime = 7 * 86_400
    /// From a minute to 30 days.
    static let lifetimes = 60...2_592_000

    /// Not the generated `CreateShareRequest`: a fraction such as 1.5 must be refused naming the field, and an
    /// `Int` property fails to decode it before any field is known.
    struct CreateRequest: Decodable {
        var expiresInSeconds: Double?
    }

    /// The lifetime asked for, in whole seconds, or the default.
    static func lifetime(_ seconds: Double?) throws -> Int {
        guard let seconds else { return defaultLifetime }
        guard seconds == seconds.rounded(), Double(lifetimes.lowerBound)...Double(lifetimes.upperBound) ~= seconds
        else {
            throw APIError.validation(
                "expiresInSeconds", "must be a whole number of seconds from 60 (a minute) to 2592000 (30 days)")
        }
        return Int(seconds)
    }

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.post, "videos/:id/shares", create)
        routes.add(.get, "videos/:id/shares", list)
        routes.add(.delete, "videos/:id/shares/:sid", revoke)
    }

    func ownedVideo(_ context: AuthenticatedContext) async throws -> Video {
        let id = try context.parameters.require("id")
        guard let video = try await database.read({ db in try await Videos.find(db, owner: context.userId, id: id) })
        else { throw APIError.notFound("video") }
        return video
    }

    var tokens: ShareTokens { ShareTokens(secret: services.configuration.jwtSecret) }

    func body(_ share: VideoShare, token: String?, video: Video) -> Schemas.Share {
        Schemas.Share(
            share, urls: token.map { ShareURLs(base: services.configuration.publicURL, token: $0) },
            thumbnail: video.thumbnailKey != nil && video.status != .expired)
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws
        -> JSONResponse<Schemas.Share>
    {
        let video = try await ownedVideo(context)
        let seconds = try await Self.lifetime(request.decodeOptionalJSON(CreateRequest.self)?.expiresInSeconds)
        try APIError.refuseExpired(video)
        guard video.status == .completed, video.videoKey != nil else {
            throw APIError(
                .conflict, .videoNotReady,
                "only a finished video can be shared; this one is \(video.status) and has no video to show yet")
        }
        let now = services.now()
        // Never past the video's own retention: its files are deleted then.
        let expiresAt = min(now + Int64(seconds) * 1000, video.expiresAt ?? .max)
        guard expiresAt > now else { throw APIError.expired(at: video.expiresAt) }
        let issued = tokens.issue()
        let new = NewShare(tokenHash: issued.share.hash, seed: issued.share.seed, expiresAt: expiresAt)
        guard
            let share = try await Shares.create(in: database, owner: context.userId, video: video.id, new, now: now)
        else {
            throw APIError(
                .conflict, .conflict,
                "this video already has \(Shares.maximumPerVideo) share links; revoke one before making another")
        }
        context.logger.info("share link made", metadata: ["video": .string(video.id), "share": .string(share.id)])
        return JSONResponse(.created, body(share, token: issued.token, video: video))
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.ShareList
    > {
        let video = try await ownedVideo(context)
        let shares = try await database.read { db in
            try await Shares.list(db, owner: context.userId, video: video.id)
        }
        let tokens = tokens
        return JSONResponse(
            Schemas.ShareList(shares: shares.map { body($0, token: tokens.token(of: $0), video: video) }))
    }

    @Sendable func revoke(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let video = try await ownedVideo(context)
        let id = try context.parameters.require("sid")
        let revoked = try await database.transaction { db in
            try await Shares.revoke(db, owner: context.userId, video: video.id, id: id)
        }
        guard revoked else { throw APIError.notFound("share link") }
        context.logger.info("share link revoked", metadata: ["video": .string(video.id), "share": .string(id)])
        return Response(status: .noContent)
    }
}
