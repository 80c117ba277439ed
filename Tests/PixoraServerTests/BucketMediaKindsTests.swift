import Foundation
import NIOCore
import PixoraAPI
import PixoraCore
import PixoraStore
import PixoraTestSupport
import Testing
import ZIPFoundation

/// Every kind of media, not only rendered videos, lives in the bucket of `PIXORA_STORAGE`: avatars, a remix's
/// uploads and keyframes, studio exports and account exports. The node's data folder holds none of them, so another
/// node (or a worker on another machine) reads them all, and deleting removes the objects.
@Suite("every kind of media in the bucket", .serialized)
struct BucketMediaKindsTests {
    /// The objects under a folder of the bucket (paths below it); empty when the folder is gone.
    func objects(_ server: S3TestServer, _ folder: String) -> [String] {
        let root = server.file(folder)
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? []
        return names.filter { name in
            var directory: ObjCBool = false
            FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &directory)
            return !directory.boolValue && !(name as NSString).lastPathComponent.hasPrefix(".")
        }.sorted()
    }

    /// Files of a kind in the node's own data folder (there must be none: they all went to the bucket).
    func local(_ app: TestApp, _ folder: String) -> [String] {
        let root = app.services.configuration.mediaFolder.appendingPathComponent(folder)
        return ((try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") }
    }

    func bytes(_ reply: Reply) -> Data { Data(reply.body.readableBytesView) }

    @Test("avatars, remix uploads, keyframes and the data export zip are kept in and served from the bucket")
    func uploadsAvatarsAndExports() async throws {
        let server = try await S3TestServer()
        try await TestApp.with(.sqlite, environment: server.environment) { app in
            try await app.test { api in
                let session = try await api.register()

                // Avatar: stored in the bucket, served whole and by range, replaced without leaving the old one.
                let png = try await ProjectFixtures.character
                for _ in 0..<2 {
                    let put = try await api.call(
                        .put, "/api/v1/users/me/avatar", session: session, headers: [.contentType: "image/png"],
                        raw: ByteBuffer(bytes: Array(png)))
                    #expect(put.status == .ok, "\(put.text)")
                }
                let avatars = objects(server, "avatars")
                #expect(avatars.count == 1 && avatars[0].hasPrefix(session.userId), "\(avatars)")
                #expect(try Data(contentsOf: server.file("avatars/\(avatars[0])")) == png)
                #expect(local(app, "avatars").isEmpty)
                let avatar = try await api.call(.get, "/api/v1/users/me/avatar", session: session)
                #expect(avatar.status == .ok && avatar.headers[.contentType] == "image/png" && bytes(avatar) == png)
                let head = try await api.call(
                    .get, "/api/v1/users/me/avatar", session: session, headers: [.range: "bytes=0-7"])
                #expect(head.status == .partialContent && bytes(head) == png.prefix(8))

                // A remix: the sample, character and music go to the bucket; the worker analyses the sample from
                // there and stores the keyframes beside them.
                let created = try await api.createProject(session, extras: true)
                let prefix = "projects/\(created.id)"
                #expect(objects(server, prefix) == ["audio", "character", "sample"])
                let project = try await app.withWorker { try await api.waitForAnalysis(session, created.id) }
                #expect(project.status == .analyzed, "\(project.error ?? "")")
                let keyframes = (1...3).map { "keyframes/shot-00\($0).jpg" }
                #expect(objects(server, prefix) == ["audio", "character"] + keyframes + ["sample"])
                #expect(local(app, "projects").isEmpty, "\(local(app, "projects"))")
                let sample = try Data(contentsOf: server.file("\(prefix)/sample"))
                #expect(sample == (try await ProjectFixtures.sample))
                let sampleURL = try #require(project.files.first { $0.role == .sample }?.url)
                let part = try await api.call(.get, sampleURL, headers: [.range: "bytes=100-1099"])
                #expect(part.status == .partialContent && bytes(part) == sample.subdata(in: 100..<1100))
                let keyframe = try await api.call(.get, try #require(project.keyframeUrls?.first))
                #expect(keyframe.status == .ok && keyframe.headers[.contentType] == "image/jpeg")
                #expect(bytes(keyframe) == (try Data(contentsOf: server.file("\(prefix)/keyframes/shot-001.jpg"))))
                let stranger = try await api.register()
                let path = String(sampleURL.prefix { $0 != "?" })
                #expect(try await api.call(.get, path, session: stranger).status == .notFound)

                // The data export: the zip is an object, downloaded through the node, holding the sample's bytes.
                #expect(try await api.call(.post, "/api/v1/users/me/export", session: session).status == .accepted)
                let done = try await app.withWorker { try await api.waitForExport(session) }
                #expect(done.status == .ready, "\(done)")
                let zips = objects(server, "exports")
                #expect(zips.count == 1 && zips[0].hasSuffix(".zip"), "\(zips)")
                #expect(local(app, "exports").isEmpty)
                let download = try await api.call(.get, try #require(done.url))
                #expect(download.status == .ok)
                #expect(bytes(download) == (try Data(contentsOf: server.file("exports/\(zips[0])"))))
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID()).zip")
                try bytes(download).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let archive = try Archive(url: file, accessMode: .read)
                let entry = try #require(archive.first { $0.path.hasSuffix("\(created.id)/uploads/sample.mp4") })
                var copied = Data()
                _ = try archive.extract(entry) { copied.append($0) }
                #expect(copied == sample)

                // Deleting the project removes its objects; deleting the account removes the avatar and the zip.
                let deleted = try await api.call(.delete, "/api/v1/projects/\(created.id)", session: session)
                #expect(deleted.status == .noContent)
                #expect(objects(server, prefix).isEmpty)
                let gone = try await api.call(
                    .delete, "/api/v1/users/me", session: session, json: ["password": "correct horse"])
                #expect(gone.status == .noContent, "\(gone.text)")
                #expect(objects(server, "avatars").isEmpty && objects(server, "exports").isEmpty)
            }
        }
    }

    @Test("a studio export is stored in the bucket, replaced by the next export and removed with its project")
    func studioExport() async throws {
        let server = try await S3TestServer()
        try await TestApp.with(.sqlite, environment: server.environment) { app in
            try await app.withWorker {
                try await app.test { api in
                    let session = try await api.register()
                    let id = try await api.createStudio(session, topic: "bees \(UUID().uuidString.prefix(6))").id
                    var project = try await api.runStep(session, id, .idea)
                    let concept = try #require(project.workflow?.outputs.idea?.concepts.first)
                    try await api.approve(session, id, .idea, ["concept": try api.object(concept)])
                    for step in [StudioStep.storyboard, .hero, .frames, .clips, .audio, .edit] {
                        try await api.runStep(session, id, step)
                        try await api.approve(session, id, step)
                    }
                    project = try await api.runStep(session, id, .export, ["format": "mp4", "quality": "480p"])
                    let first = try #require(project.workflow?.outputs.export)
                    let prefix = "projects/\(id)"
                    #expect(objects(server, prefix).filter { $0.hasPrefix("export-") }.count == 2)
                    #expect(local(app, "projects").isEmpty)
                    let file = try await api.call(.get, first.url)
                    #expect(file.status == .ok && file.headers[.contentType] == "video/mp4")
                    let exported = try #require(objects(server, prefix).first { $0.hasSuffix(".mp4") })
                    #expect(bytes(file) == (try Data(contentsOf: server.file("\(prefix)/\(exported)"))))
                    let probed = try await probe(bytes(file))
                    #expect(probed.duration > 1 && probed.streams.contains("video"), "\(probed)")

                    // A second export replaces the first: its objects go, the new ones stay.
                    try await api.runStep(session, id, .export, ["format": "webm", "quality": "480p"])
                    let names = objects(server, prefix).filter { $0.hasPrefix("export-") }
                    #expect(names.count == 2 && names.contains { $0.hasSuffix(".webm") }, "\(names)")
                    #expect(!names.contains(exported))

                    #expect(
                        try await api.call(.delete, "/api/v1/projects/\(id)", session: session).status == .noContent)
                    #expect(objects(server, prefix).isEmpty)
                }
            }
        }
    }
}
