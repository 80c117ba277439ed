import Foundation
import Hummingbird
import PixoraAPI
import PixoraCore
import PixoraMedia
import PixoraStore

/// Users' colour LUTs for editor looks: upload a `.cube` (validated, stored content-addressed in its canonical
/// form), list, read, delete. Every query takes the caller: another user's LUT is a 404.
struct LUTRoutes {
    let services: AppServices
    var database: any Database { services.database }

    static let maxName = 100

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.get, "luts", list)
        routes.add(.post, "luts", upload)
        routes.add(.get, "luts/:id", get)
        routes.add(.delete, "luts/:id", delete)
    }

    @Sendable func list(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.LUTList
    > {
        let rows = try await database.read { db in try await LUTs.list(db, owner: context.userId) }
        return JSONResponse(Schemas.LUTList(luts: rows.map(Schemas.Lut.init)))
    }

    @Sendable func upload(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Lut> {
        let rules = MultipartUpload.Rules(files: ["file": Int64(CubeLUT.maximumBytes)], texts: ["name": Self.maxName])
        let scratch = try services.media.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let upload = try await MultipartUpload.receive(request, rules: rules, into: scratch)
        guard let file = upload.files["file"] else { throw APIError.validation("file", "is required: the .cube LUT") }
        let table: CubeLUT
        do {
            table = try CubeLUT.parse(Data(contentsOf: file.url))
        } catch let problem as CubeLUT.Problem {
            throw APIError.validation("file", problem.description)
        }
        let typed = upload.texts["name"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let name = typed.isEmpty ? (file.name ?? "LUT \(table.size)³") : typed
        let canonical = scratch.appendingPathComponent("table.cube")
        try table.canonical.write(to: canonical)
        let asset = AssetRef(key: try ContentKey(contentsOf: canonical), ext: "cube")
        let store = services.pipeline.store
        try await store.obtain(asset) { location in
            try await AtomicFile.write(to: location) { try FileManager.default.copyItem(at: canonical, to: $0) }
        }
        let bytes = Int64(table.canonical.count)
        let (lut, created) = try await database.transaction { db in
            try await LUTs.add(
                db, owner: context.userId, name: String(name.prefix(Self.maxName)), assetKey: asset.fileName,
                size: table.size, bytes: bytes)
        }
        return JSONResponse(created ? .created : .ok, Schemas.Lut(lut))
    }

    @Sendable func get(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Lut> {
        let id = try context.parameters.require("id")
        guard let lut = try await database.read({ db in try await LUTs.find(db, owner: context.userId, id: id) })
        else { throw APIError.notFound("LUT") }
        return JSONResponse(Schemas.Lut(lut))
    }

    @Sendable func delete(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let id = try context.parameters.require("id")
        guard
            let (lut, shared) = try await database.transaction({ db in
                try await LUTs.delete(db, owner: context.userId, id: id)
            })
        else { throw APIError.notFound("LUT") }
        if !shared, let asset = AssetRef(lut.assetKey) {
            do {
                try await services.pipeline.store.remove(asset)
            } catch {
                // The row is gone; an object left in the bucket costs storage, never access.
                context.logger.warning("could not remove a deleted LUT's file", metadata: ["error": "\(error)"])
            }
        }
        return Response(status: .noContent)
    }
}

extension LUTRoutes {
    /// An issue for each look in `state` naming a LUT the owner has not uploaded (or has deleted).
    static func unowned(in state: EditorState, owner: String, database: any Database) async throws -> [DocumentIssue] {
        let used = state.lookLUTs.map(\.fileName)
        guard !used.isEmpty else { return [] }
        let owned = try await database.read { db in try await LUTs.owned(db, owner: owner, assetKeys: used) }
        let looks =
            [("editorState.look", state.look)]
            + state.clips.indices.map {
                ("editorState.clips[\($0)].look", state.clips[$0].look)
            }
        return looks.compactMap { path, look in
            guard let lut = look?.lut, !owned.contains(lut.fileName) else { return nil }
            return DocumentIssue("\(path).lut", "is not one of your LUTs (upload it with POST /api/v1/luts)")
        }
    }
}

extension Schemas.Lut {
    init(_ row: LUT) {
        self.init(
            id: row.id, name: row.name, lut: row.assetKey, size: row.size, bytes: Int(row.bytes),
            createdAt: Date(milliseconds: row.createdAt))
    }
}
