import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import PixoraPipeline
import PixoraStore
import PixoraTestSupport
import Testing

/// Two workers on different machines: each its own cache folder, one bucket between them (`rclone serve s3`).
@Suite("the asset cache shared through the bucket")
struct SharedAssetCacheTests {
    /// The decoded frames' and samples' MD5, so two files with the same media compare equal.
    static func mediaHash(_ url: URL) async throws -> String {
        let ffmpeg = try #require(SystemTool.ffmpeg.locate())
        let (status, text) = try await runTool(
            ffmpeg, ["-v", "error", "-i", url.path, "-map", "0:v", "-map", "0:a", "-f", "md5", "-"])
        #expect(status == 0)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a worker with an empty cache makes nothing another made: it fetches every asset and renders the same video")
    func secondWorkerMakesNothing() async throws {
        let server = try await S3TestServer()
        let client = S3Client(
            location: try S3Location(parsing: server.storage),
            credentials: S3Credentials(accessKeyID: server.accessKey, secretAccessKey: server.secretKey))
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func worker(_ name: String) -> VideoPipeline {
            VideoPipeline(
                store: AssetStore(root: root.appendingPathComponent(name), shared: BucketAssets(client: client)))
        }

        let first = worker("first")
        let settings = Settings(durationSeconds: 8, quality: .p480, seed: 7)
        let plan = try await first.plan(prompt: "how bees make honey", settings: settings)
        let (made, _) = try await first.makeVideo(plan, to: root.appendingPathComponent("first.mp4"))
        #expect(made.assets.generated > 0)
        // Every asset the video is made of is in the bucket, byte for byte.
        let names = made.state.referencedAssets.map(SharedAssetName.of)
        for name in names {
            let local = first.store.folder.root.appendingPathComponent(name)
            #expect(try Data(contentsOf: server.file("assets/\(name)")) == Data(contentsOf: local))
        }

        let second = worker("second")
        let (again, _) = try await second.makeVideo(plan, to: root.appendingPathComponent("second.mp4"))
        #expect(again.assets.generated == 0, "made \(again.assets.generated) again")
        #expect(again.state == made.state)
        #expect(
            try await Self.mediaHash(root.appendingPathComponent("second.mp4"))
                == Self.mediaHash(root.appendingPathComponent("first.mp4")))

        // A third renders the same document without planning anything: the render fetches what it reads.
        let third = worker("third")
        _ = try await third.render(made.state, to: root.appendingPathComponent("third.mp4"))
        #expect(
            try await Self.mediaHash(root.appendingPathComponent("third.mp4"))
                == Self.mediaHash(root.appendingPathComponent("first.mp4")))
    }
}
