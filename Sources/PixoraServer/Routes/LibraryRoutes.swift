import Foundation
import Hummingbird
import PixoraAPI
import PixoraCore
import PixoraStore

/// Favorites and collections. The lists they filter are `GET /videos` and `GET /projects`.
struct LibraryRoutes {
    let services: AppServices
    var database: any Database { services.database }

    static let maxName = 60

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.put, "videos/:id/favorite") { request, context in
            try await favorite(.videos, true, context)
        }
        routes.add(.delete, "videos/:id/favorite") { request, context in
            try await favorite(.videos, false, context)
        }
        routes.add(.put, "projects/:id/favorite") { request, context in
            try await favorite(.projects, true, context)
        }
        routes.add(.delete, "projects/:id/favorite") { request, context in
            try await favorite(.projects, false, context)
        }
        routes.add(.get, "collections", list)
        routes.add(.post, "collections", create)
        routes.add(.get, "collections/:id", get)
        routes.add(.patch, "collections/:id", rename)
        routes.add(.delete, "collections/:id", delete)
        routes.add(.put, "collections/:id/items/:kind/:itemId") { request, context in
            try await change(context, adding: true)
        }
        routes.add(.delete, "collections/:id/items/:kind/:itemId") { request, context in
            try await change(context, adding: false)
        }
    }

    // MARK: Favorites

    func favorite(_ kind: CollectionItemKind, _ on: Bool, _ context: AuthenticatedContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let now = services.now()
        let found = try await database.transaction { db in
            kind == .videos
                ? try await Videos.setFavorite(db, owner: context.userId, id: id, on, at: now)
                : try await Projects.setFavorite(db, owner: context.userId, id: id, on, at: now)
        }
        guard found else { throw APIError.notFound(kind == .videos ? "video" : "project") }
        return Response(status: .noContent)
    }

    // MARK: Collections

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws
        -> JSONResponse<Schemas.CollectionList>
    {
        let all = try await database.read { db in try await Collections.all(db, owner: context.userId) }
        return JSONResponse(Schemas.CollectionList(items: all.map(Schemas.Collection.init)))
    }

    @Sendable func create(_ request: Request, context: AuthenticatedContext) async throws
        -> JSONResponse<Schemas.Collection>
    {
        let name = try Self.name(try await request.decodeJSON(Schemas.CollectionRequest.self).name)
        let now = services.now()
        let collection = try await database.transaction { db in
            try await Collections.create(db, owner: context.userId, name: name, at: now)
        }
        return JSONResponse(.created, Schemas.Collection(collection))
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws
        -> JSONResponse<Schemas.Collection>
    {
        let id = try context.parameters.require("id")
        guard
            let collection = try await database.read({ db in
                try await Collections.find(db, owner: context.userId, id: id)
            })
        else { throw APIError.notFound("collection") }
        return JSONResponse(Schemas.Collection(collection))
    }

    @Sendable func rename(_ request: Request, context: AuthenticatedContext) async throws
        -> JSONResponse<Schemas.Collection>
    {
        let id = try context.parameters.require("id")
        // Another user's collection is a 404 whatever the body says.
        guard try await database.read({ db in try await Collections.find(db, owner: context.userId, id: id) }) != nil
        else { throw APIError.notFound("collection") }
        let name = try Self.name(try await request.decodeJSON(Schemas.CollectionRequest.self).name)
        let now = services.now()
        guard
            let renamed = try await database.transaction({ db in
                try await Collections.rename(db, owner: context.userId, id: id, name: name, at: now)
            })
        else { throw APIError.notFound("collection") }
        return JSONResponse(Schemas.Collection(renamed))
    }

    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard try await database.transaction({ db in try await Collections.delete(db, owner: context.userId, id: id) })
        else { throw APIError.notFound("collection") }
        return Response(status: .noContent)
    }

    func change(_ context: AuthenticatedContext, adding: Bool) async throws -> Response {
        let id = try context.parameters.require("id")
        let item = try context.parameters.require("itemId")
        guard let kind = CollectionItemKind(rawValue: try context.parameters.require("kind")) else {
            throw APIError(.notFound, .notFound, "no such kind of item: collections hold videos and projects")
        }
        let now = services.now()
        let change = try await database.transaction { db in
            try await Collections.set(
                db, owner: context.userId, collection: id, kind, item: item, member: adding, at: now)
        }
        switch change {
        case .done: return Response(status: .noContent)
        case .noCollection: throw APIError.notFound("collection")
        case .noItem: throw APIError.notFound(kind == .videos ? "video" : "project")
        }
    }

    /// A collection name as stored: trimmed, 1 to 60 characters, no control characters (it is shown in pages).
    static func name(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...maxName).contains(name.codePointCount) else {
            throw APIError.validation("name", "must be 1 to \(maxName) characters")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw APIError.validation("name", "must not contain control characters")
        }
        return name
    }
}
