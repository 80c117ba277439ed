import Foundation
import HTTPTypes
import NIOCore
import PixoraAPI
import PixoraCore
import PixoraMedia
import PixoraPipeline
import PixoraStore
import PixoraTestSupport
import Testing

/// `.cube` texts for the tests.
enum CubeTexts {
    /// A 2-point table that inverts colours, with the header lines real files carry.
    static let inverting = """
        # Made by a test
        TITLE "Invert: it's a test"
        DOMAIN_MIN 0 0 0
        DOMAIN_MAX 1.0 1.0 1.0
        LUT_3D_SIZE 2

        1 1 1
        0 1 1
        1 0 1
        0.0 0.0 1.0
        1 1 0
        0 1 0
        1 0 0
        0 0 0
        """

    static func rows(_ count: Int, _ value: String = "0.5 0.5 0.5") -> String {
        Array(repeating: value, count: count).joined(separator: "\n")
    }
}

@Suite("Colour LUTs through the API")
struct LUTAPITests {
    static func upload(_ api: API, _ session: Session, _ text: String, name: String? = nil) async throws -> Reply {
        var body = MultipartBody()
        body.file("file", Data(text.utf8), filename: "invert.cube", type: "application/octet-stream")
        if let name { body.text("name", name) }
        return try await api.call(.post, "/api/v1/luts", session: session, headers: body.headers, raw: body.finished())
    }

    @Test(
        "a LUT is stored canonical and content-addressed, listed, deduplicated, kept from others and deleted",
        arguments: TestEngine.allCases)
    func crud(engine: TestEngine) async throws {
        // An asset store of its own: the test deletes the table's file, which the other tests (sharing one
        // content-addressed cache) may be rendering with at that moment.
        let assets = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-lut-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: assets) }
        try await TestApp.with(engine, pipeline: VideoPipeline(store: AssetStore(root: assets))) { app in
            try await app.test { api in
                let session = try await api.register()
                let other = try await api.register()
                let created = try await Self.upload(api, session, CubeTexts.inverting)
                #expect(created.status == .created, "\(created.text)")
                let lut = try created.decode(Schemas.Lut.self)
                #expect(lut.name == "invert.cube" && lut.size == 2)
                let ref = try #require(AssetRef(lut.lut))
                #expect(ref.ext == "cube")
                // What is stored is the canonical table, and its key is its SHA-256.
                let file = try app.services.pipeline.store.url(for: ref)
                let stored = try Data(contentsOf: file)
                #expect(try CubeLUT.parse(stored).values == CubeLUT.identity(size: 2).values.map { 1 - $0 })
                #expect(
                    String(decoding: stored, as: UTF8.self).hasPrefix("LUT_3D_SIZE 2\n1.000000 1.000000 1.000000\n"))
                #expect(!String(decoding: stored, as: UTF8.self).contains("TITLE"))
                #expect(try ContentKey(contentsOf: file) == ref.key)
                #expect(lut.bytes == stored.count)

                // The same table again (another name, other spacing) is the same LUT.
                let again = try await Self.upload(
                    api, session, CubeTexts.inverting.replacingOccurrences(of: "0 1 0", with: "0.0   1.0 0"),
                    name: "Negative")
                #expect(try again.status == .ok && again.decode(Schemas.Lut.self).id == lut.id)
                let list = try await api.call(.get, "/api/v1/luts", session: session).decode(Schemas.LUTList.self)
                #expect(list.luts.map(\.id) == [lut.id])

                // Another user sees none of it.
                for method in [HTTPRequest.Method.get, .delete] {
                    #expect(try await api.call(method, "/api/v1/luts/\(lut.id)", session: other).status == .notFound)
                }
                let theirs = try await api.call(.get, "/api/v1/luts", session: other).decode(Schemas.LUTList.self)
                #expect(theirs.luts.isEmpty)
                // Their own upload of the same table is their own row; the file is shared until both are gone.
                let shared = try await Self.upload(api, other, CubeTexts.inverting, name: "Mine")
                #expect(shared.status == .created)
                let theirLUT = try shared.decode(Schemas.Lut.self)
                #expect(theirLUT.id != lut.id && theirLUT.lut == lut.lut && theirLUT.name == "Mine")

                #expect(try await api.call(.delete, "/api/v1/luts/\(lut.id)", session: session).status == .noContent)
                #expect(try await api.call(.get, "/api/v1/luts/\(lut.id)", session: session).status == .notFound)
                #expect(FileManager.default.fileExists(atPath: file.path))
                #expect(try await api.call(.delete, "/api/v1/luts/\(theirLUT.id)", session: other).status == .noContent)
                #expect(!FileManager.default.fileExists(atPath: file.path))
                let rows = try await app.services.database.read { db in
                    try await LUTs.list(db, owner: session.userId) + LUTs.list(db, owner: other.userId)
                }
                #expect(rows.isEmpty)
            }
        }
    }

    @Test("malformed tables are refused with the line and the rule", arguments: TestEngine.allCases)
    func validation(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let cases: [(String, String)] = [
                    ("LUT_3D_SIZE 1\n0 0 0", "line 1: LUT_3D_SIZE must be a whole number from 2 to 65, got '1'"),
                    ("LUT_3D_SIZE 66\n", "line 1: LUT_3D_SIZE must be a whole number from 2 to 65, got '66'"),
                    ("0 0 0\nLUT_3D_SIZE 2", "line 1: a table row comes before LUT_3D_SIZE"),
                    ("LUT_3D_SIZE 2\n" + CubeTexts.rows(7), "has 7 table rows; LUT_3D_SIZE 2 needs 8 (2³)"),
                    ("LUT_3D_SIZE 2\n" + CubeTexts.rows(9), "line 10: more than 8 rows (2³) for LUT_3D_SIZE 2"),
                    ("LUT_3D_SIZE 2\n" + CubeTexts.rows(3) + "\n0.5 1.2 0.5", "line 5: 1.2 is out of range"),
                    ("LUT_3D_SIZE 2\n0.5 0.5\n", "line 2: a table row has three numbers (red green blue), got 2"),
                    ("LUT_3D_SIZE 2\n0.5 x 0.5\n", "line 2: 'x' is not a number"),
                    ("LUT_3D_SIZE 2\nDOMAIN_MAX 2 2 2\n", "line 2: only the 0–1 domain is supported"),
                    ("LUT_1D_SIZE 1024\n", "line 1: LUT_1D_SIZE is not supported"),
                    ("LUT_3D_SIZE 2\nLUT_3D_SIZE 2\n", "line 2: LUT_3D_SIZE is given twice"),
                    ("<html>not a lut</html>", "line 1: a table row comes before LUT_3D_SIZE"),
                    ("# only a comment\n", "has no LUT_3D_SIZE line"),
                    ("GAMMA 2.2\n", "line 1: unknown keyword 'GAMMA'"),
                ]
                for (text, words) in cases {
                    let reply = try await Self.upload(api, session, text)
                    #expect(reply.status == .unprocessableContent, "\(text)")
                    #expect(reply.errorCode == .validationFailed)
                    #expect(reply.errorMessage?.contains(words) == true, "\(words): \(reply.errorMessage ?? "")")
                }
                var empty = MultipartBody()
                empty.text("name", "nothing")
                let missing = try await api.call(
                    .post, "/api/v1/luts", session: session, headers: empty.headers, raw: empty.finished())
                #expect(missing.status == .unprocessableContent && missing.errorMessage?.contains("file") == true)
                let json = try await api.call(.post, "/api/v1/luts", session: session, json: ["file": "x"])
                #expect(json.status == .unsupportedMediaType)
                var huge = MultipartBody()
                huge.file("file", Data(count: CubeLUT.maximumBytes + 1), filename: "huge.cube")
                let tooBig = try await api.call(
                    .post, "/api/v1/luts", session: session, headers: huge.headers, raw: huge.finished())
                #expect(tooBig.status == .contentTooLarge)
                let rows = try await app.services.database.read { db in try await LUTs.list(db, owner: session.userId) }
                #expect(rows.isEmpty)
            }
        }
    }

    @Test(
        "a version may use the caller's own LUT; another user's LUT is refused",
        arguments: TestEngine.allCases)
    func versionLook(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let other = try await api.register()
                let mine = try await Self.upload(api, session, CubeTexts.inverting).decode(Schemas.Lut.self)
                let theirs = try await Self.upload(
                    api, other, "LUT_3D_SIZE 2\n" + CubeTexts.rows(8, "0.2 0.4 0.6")
                ).decode(Schemas.Lut.self)
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                try await app.withWorker {
                    _ = try await api.waitForVideo(session, id)
                    let versions = try await api.call(.get, "/api/v1/videos/\(id)/versions", session: session)
                    let first = try #require(try versions.decode(Schemas.VersionList.self).versions.first)
                    let detail = try await api.call(.get, "/api/v1/videos/\(id)/versions/\(first.id)", session: session)
                    var state = try #require(try detail.decode(Schemas.Version.self).editorState)

                    state.clips[0].look = Look(lut: try #require(AssetRef(theirs.lut)))
                    let refused = try await api.call(
                        .post, "/api/v1/videos/\(id)/versions", session: session,
                        json: ["editorState": try api.object(state)])
                    #expect(refused.status == .unprocessableContent)
                    #expect(refused.errorMessage?.contains("editorState.clips[0].look.lut") == true, "\(refused.text)")

                    state.clips[0].look = nil
                    state.look = Look(lut: try #require(AssetRef(mine.lut)), intensity: 0.75)
                    let saved = try await api.call(
                        .post, "/api/v1/videos/\(id)/versions", session: session,
                        json: ["editorState": try api.object(state)])
                    #expect(saved.status == .accepted, "\(saved.text)")
                    let stored = try await app.services.database.read { db in
                        try await Versions.list(db, video: id)
                    }
                    #expect(stored.last?.editorState.look == state.look)
                    _ = try await api.waitForVideo(session, id)
                    let rendered = try await app.services.database.read { db in
                        try await Versions.list(db, video: id)
                    }
                    #expect(rendered.map(\.status) == [.ready, .ready], "\(rendered.map(\.error))")
                }
            }
        }
    }
}
