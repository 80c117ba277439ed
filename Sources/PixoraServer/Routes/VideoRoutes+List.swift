import Foundation
import Hummingbird
import PixoraAPI
import PixoraStore

extension VideoRoutes {
    /// The library's video list: search, filters and sort (`LibraryQuery`), answered from the list cache while the
    /// owner's videos, favorites and collection memberships are unchanged.
    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        let query = try LibraryQuery.parse(.videos, now: services.now()) { parameters[Substring($0)].map(String.init) }
        try await LibraryQuery.checkCollection(query.filter.collection, owner: context.userId, in: database)
        // Links are signed for a ten-minute window and the hour after it, so an answer kept in the list cache
        // carries links valid for at least an hour whenever it is sent.
        let window = Int64(Date().timeIntervalSince1970) / Self.linkWindow * Self.linkWindow
        let key = query.cacheKey.map { [context.userId, $0, String(window)].joined(separator: "\u{1F}") }
        let cache = key == nil ? nil : services.videoLists
        // The stamp is read before the page, so a page is never older than the stamp it is kept under.
        let stamp = cache == nil ? nil : try await database.videoListStamp(owner: context.userId)
        let headers: HTTPFields = [.contentType: JSONResponse<Schemas.VideoPage>.contentType]
        if let cache, let key, let stamp, let body = cache.body(for: key, stamp: stamp) {
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
        }
        let page = try await database.read { db in
            try await Videos.list(
                db, owner: context.userId, filter: query.filter, limit: query.limit, after: query.cursor)
        }
        let issued = Date(timeIntervalSince1970: TimeInterval(window))
        let items = try page.items.map {
            try Schemas.Video(
                $0, detail: false, tokens: tokens, linksIssued: issued,
                linkLifetime: TimeInterval(Self.linkWindow) + 3600)
        }
        let body = try JSONResponse<Schemas.VideoPage>.encode(
            Schemas.VideoPage(items: items, nextCursor: page.next?.token))
        if let cache, let key, let stamp { cache.store(body, for: key, stamp: stamp) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

extension LibraryQuery {
    /// A `collection` filter must name one of the owner's collections: anything else is a 422, the same for an
    /// unknown id and another user's.
    static func checkCollection(_ id: String?, owner: String, in database: any Database) async throws {
        guard let id else { return }
        guard try await database.read({ db in try await Collections.find(db, owner: owner, id: id) }) != nil else {
            throw APIError.validation("collection", "you have no collection with this id")
        }
    }
}
