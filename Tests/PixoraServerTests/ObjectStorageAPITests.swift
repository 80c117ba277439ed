import Foundation
import HTTPTypes
import PixoraPipeline
import PixoraStore
import PixoraTestSupport
import Testing
import ZIPFoundation

/// Media in an S3-compatible bucket (`rclone serve s3`): the worker renders into scratch and uploads, the API node
/// serves the bucket's bytes with ranges while its own data folder holds no copy, and deleting removes the objects.
@Suite("object storage through the API", .serialized)
struct ObjectStorageAPITests {
    func bucketKeys(_ server: S3TestServer, video: String) -> [String] {
        let folder = server.file("videos/\(video)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test(
        "a video rendered with S3 storage is streamed from the bucket with byte ranges and deleted from it",
        arguments: TestEngine.allCases)
    func streamsFromTheBucket(engine: TestEngine) async throws {
        let server = try await S3TestServer()
        try await TestApp.with(engine, environment: server.environment) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                try await app.withWorker { _ = try await api.waitForVideo(session, id) }
                let video = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                #expect(try video.decode(Schemas.Video.self).status == .completed, "\(video.text)")

                #expect(bucketKeys(server, video: id) == ["v1.jpg", "v1.mp4"])
                // Nothing of the video on this node's disk: no media file, and the scratch folder was emptied.
                let media = app.services.configuration.mediaFolder
                #expect(!FileManager.default.fileExists(atPath: media.appendingPathComponent("videos/\(id)").path))
                let scratch =
                    (try? FileManager.default.contentsOfDirectory(atPath: media.appendingPathComponent("tmp").path))
                #expect(scratch?.isEmpty ?? true)

                let stored = try Data(contentsOf: server.file("videos/\(id)/v1.mp4"))
                let whole = try await api.call(.get, "/api/v1/videos/\(id)/video", session: session)
                #expect(whole.status == .ok)
                #expect(whole.headers[.contentType] == "video/mp4")
                #expect(whole.headers[.contentLength] == String(stored.count))
                #expect(Data(whole.body.readableBytesView) == stored)

                let part = try await api.call(
                    .get, "/api/v1/videos/\(id)/video", session: session, headers: [.range: "bytes=100-1099"])
                #expect(part.status == .partialContent)
                #expect(part.headers[.contentRange] == "bytes 100-1099/\(stored.count)")
                #expect(Data(part.body.readableBytesView) == stored.subdata(in: 100..<1100))

                let tail = try await api.call(
                    .get, "/api/v1/videos/\(id)/video", session: session, headers: [.range: "bytes=-16"])
                #expect(tail.status == .partialContent)
                #expect(Data(tail.body.readableBytesView) == stored.suffix(16))

                let outside = try await api.call(
                    .get, "/api/v1/videos/\(id)/video", session: session,
                    headers: [.range: "bytes=\(stored.count + 10)-"])
                #expect(outside.status == .rangeNotSatisfiable)
                #expect(outside.headers[.contentRange] == "bytes */\(stored.count)")

                let thumbnail = try await api.call(.get, "/api/v1/videos/\(id)/thumbnail", session: session)
                #expect(thumbnail.status == .ok && thumbnail.headers[.contentType] == "image/jpeg")
                #expect(
                    Data(thumbnail.body.readableBytesView) == (try Data(contentsOf: server.file("videos/\(id)/v1.jpg")))
                )

                let stranger = try await api.register()
                #expect(try await api.call(.get, "/api/v1/videos/\(id)/video", session: stranger).status == .notFound)

                #expect(try await api.call(.delete, "/api/v1/videos/\(id)", session: session).status == .noContent)
                #expect(bucketKeys(server, video: id).isEmpty)
            }
        }
    }

    @Test(
        "scene assets are shared through the bucket: a node without them serves them, a worker without them renders",
        arguments: TestEngine.allCases)
    func sharedAssets(engine: TestEngine) async throws {
        let server = try await S3TestServer()
        let client = S3Client(
            location: try S3Location(parsing: server.storage),
            credentials: S3Credentials(accessKeyID: server.accessKey, secretAccessKey: server.secretKey))
        // Its own cache (the tests' shared one must not be emptied), in front of the bucket as a server's is.
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-shared-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let pipeline = VideoPipeline(store: AssetStore(root: cache, shared: BucketAssets(client: client)))
        try await TestApp.with(engine, environment: server.environment, pipeline: pipeline) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                try await app.withWorker { _ = try await api.waitForVideo(session, id) }
                let editor = try await api.call(.get, "/api/v1/videos/\(id)/editor", session: session)
                    .decode(Schemas.EditorDocument.self)
                let state = editor.editorState
                let clip = state.clips[0].asset.description
                let voice = try #require(state.audio.voice.segments.first).asset.description
                // Every asset the render read was published, with the same bytes as the worker's own copy.
                for name in [clip, voice] {
                    let object = server.file("assets/\(name.prefix(2))/\(name)")
                    let local = cache.appendingPathComponent("\(name.prefix(2))/\(name)")
                    #expect(try Data(contentsOf: object) == Data(contentsOf: local), "\(name)")
                }
                let clipBytes = try Data(contentsOf: server.file("assets/\(clip.prefix(2))/\(clip)"))

                // As on another machine: this node's cache holds nothing.
                try FileManager.default.removeItem(at: cache)
                let link = try #require(editor.assets.additionalProperties[clip])
                let whole = try await api.call(.get, link)
                #expect(whole.status == .ok && whole.headers[.contentType] == "video/mp4")
                #expect(Data(whole.body.readableBytesView) == clipBytes)
                let part = try await api.call(.get, link, headers: [.range: "bytes=10-109"])
                #expect(part.status == .partialContent)
                #expect(Data(part.body.readableBytesView) == clipBytes.subdata(in: 10..<110))
                let stranger = try await api.register()
                #expect(try await api.call(.get, "/api/v1/assets/\(clip)", session: stranger).status == .notFound)

                // An edit rendered by a worker whose cache is empty: it fetches every asset from the bucket.
                let applied = try await api.call(
                    .post, "/api/v1/editor/apply", session: session,
                    json: [
                        "editorState": try api.object(state), "operations": [["op": "setCaptions", "mode": "words"]],
                    ])
                let edited = try api.object(try applied.decode(Schemas.EditResult.self).editorState)
                let saved = try await api.call(
                    .post, "/api/v1/videos/\(id)/versions", session: session, json: ["editorState": edited])
                #expect(saved.status == .accepted, "\(saved.text)")
                try await app.withWorker { _ = try await api.waitForVideo(session, id) }
                let finished = try await api.call(.get, "/api/v1/videos/\(id)", session: session)
                    .decode(Schemas.Video.self)
                #expect(finished.status == .completed && finished.currentVersion == 2)
                #expect(bucketKeys(server, video: id) == ["v1.jpg", "v1.mp4", "v2.jpg", "v2.mp4"])
                let fetched = cache.appendingPathComponent("\(clip.prefix(2))/\(clip)")
                #expect(FileManager.default.fileExists(atPath: fetched.path))
            }
        }
    }

    @Test("the data export carries the rendered video and thumbnail from the bucket, byte for byte")
    func exportFromTheBucket() async throws {
        let server = try await S3TestServer()
        try await TestApp.with(.sqlite, environment: server.environment) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                try await app.withWorker { _ = try await api.waitForVideo(session, id) }
                #expect(try await api.call(.post, "/api/v1/users/me/export", session: session).status == .accepted)
                let done = try await app.withWorker { try await api.waitForExport(session) }
                #expect(done.status == .ready, "\(done)")
                let download = try await api.call(.get, try #require(done.url))
                let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID()).zip")
                try Data(download.body.readableBytesView).write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let archive = try Archive(url: file, accessMode: .read)
                for (entry, key) in [("video.mp4", "v1.mp4"), ("thumbnail.jpg", "v1.jpg")] {
                    let found = try #require(archive["videos/\(id)/\(entry)"], "\(entry) is in the zip")
                    var data = Data()
                    _ = try archive.extract(found) { data.append($0) }
                    #expect(data == (try Data(contentsOf: server.file("videos/\(id)/\(key)"))), "\(entry)")
                }
            }
        }
    }

    @Test("with PIXORA_STORAGE_REDIRECT a media request answers 302 to a presigned URL that reads the object")
    func redirects() async throws {
        let server = try await S3TestServer()
        var environment = server.environment
        environment["PIXORA_STORAGE_REDIRECT"] = "1"
        try await TestApp.with(.sqlite, environment: environment) { app in
            try await app.test { api in
                let session = try await api.register()
                let id = try await api.createVideo(session).decode(Schemas.Video.self).id
                try await app.withWorker { _ = try await api.waitForVideo(session, id) }
                let reply = try await api.call(.get, "/api/v1/videos/\(id)/video", session: session)
                #expect(reply.status == .found)
                let location = try #require(reply.headers[.location].flatMap(URL.init(string:)))
                #expect(location.absoluteString.hasPrefix("\(server.endpoint)/media/videos/\(id)/v1.mp4?"))
                #expect(location.query?.contains("X-Amz-Expires=300") == true)
                #expect(location.query?.contains(server.secretKey) == false)
                let (status, body) = try await Self.fetch(location)
                #expect(status == 200)
                #expect(body == (try Data(contentsOf: server.file("videos/\(id)/v1.mp4"))))
                // Another user still gets no link at all.
                let stranger = try await api.register()
                #expect(try await api.call(.get, "/api/v1/videos/\(id)/video", session: stranger).status == .notFound)
            }
        }
    }

    /// A GET with no credentials, as the browser following the redirect makes it.
    static func fetch(_ url: URL) async throws -> (Int, Data) {
        try await S3TestServer.fetch(url)
    }
}
