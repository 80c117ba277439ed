import Foundation
import NIOCore
import PixoraStore
import PixoraTestSupport
import Testing

/// The S3 client against a real S3-compatible server (`rclone serve s3` with SigV4 keys), so every request is
/// signed, sent and answered as it would be by a bucket in production.
@Suite("S3 client", .serialized)
struct S3ClientTests {
    let server: S3TestServer
    let client: S3Client
    let scratch: URL

    init() async throws {
        server = try await S3TestServer()
        var client = S3Client(
            location: try S3Location(parsing: server.storage),
            credentials: S3Credentials(accessKeyID: server.accessKey, secretAccessKey: server.secretKey))
        client.retry = .init(attempts: 2, baseDelay: 0.05, maximumDelay: 0.1)
        self.client = client
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("s3-client-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    /// A file of `size` bytes whose every byte depends on its offset, so a misplaced range shows.
    func pattern(_ size: Int, name: String = "source.bin") throws -> (URL, Data) {
        let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
        let url = scratch.appendingPathComponent(name)
        try data.write(to: url)
        return (url, data)
    }

    func collect(_ download: S3Client.Download) async throws -> Data {
        var data = Data()
        for try await buffer in download.body { data.append(contentsOf: buffer.readableBytesView) }
        return data
    }

    @Test func putGetHeadAndDeleteAFileStreamedFromDisk() async throws {
        let (file, data) = try pattern(300_000)
        try await client.put(file: file, key: "videos/a/v1.mp4", contentType: "video/mp4")
        #expect(try Data(contentsOf: server.file("videos/a/v1.mp4")) == data)

        let head = try #require(try await client.head(key: "videos/a/v1.mp4"))
        #expect(head.size == 300_000)
        #expect(head.contentType == "video/mp4")

        let whole = try await client.get(key: "videos/a/v1.mp4")
        #expect(whole.totalSize == 300_000 && whole.range == nil)
        #expect(try await collect(whole) == data)

        let copy = scratch.appendingPathComponent("copy.bin")
        #expect(try await client.download(key: "videos/a/v1.mp4", to: copy) == 300_000)
        #expect(try Data(contentsOf: copy) == data)

        try await client.delete(key: "videos/a/v1.mp4")
        #expect(try await client.head(key: "videos/a/v1.mp4") == nil)
        #expect(!FileManager.default.fileExists(atPath: server.file("videos/a/v1.mp4").path))
        // Deleting what is gone is not an error.
        try await client.delete(key: "videos/a/v1.mp4")
    }

    @Test func aRangeIsStreamedWithItsPlaceInTheObject() async throws {
        let (file, data) = try pattern(100_000)
        try await client.put(file: file, key: "videos/b/v1.mp4")
        let part = try await client.get(key: "videos/b/v1.mp4", range: 1000...1999)
        #expect(part.range == 1000...1999)
        #expect(part.totalSize == 100_000)
        #expect(part.length == 1000)
        #expect(try await collect(part) == data.subdata(in: 1000..<2000))

        let tail = scratch.appendingPathComponent("tail.bin")
        try await client.download(key: "videos/b/v1.mp4", range: 99_990...99_999, to: tail)
        #expect(try Data(contentsOf: tail) == data.suffix(10))

        await #expect(throws: S3Error.self) {
            _ = try await client.get(key: "videos/b/v1.mp4", range: 200_000...200_010)
        }
    }

    @Test func aMissingObjectIsNoSuchKey() async throws {
        await #expect(throws: S3Error.noSuchKey("videos/none/v1.mp4")) {
            _ = try await client.get(key: "videos/none/v1.mp4")
        }
        #expect(try await client.head(key: "videos/none/v1.mp4") == nil)
    }

    @Test func listingByPrefixFindsOnlyThatFolderAndDeleteAllEmptiesIt() async throws {
        for key in ["videos/c/v1.mp4", "videos/c/v1.jpg", "videos/c/v2.mp4", "videos/cc/v1.mp4"] {
            try await client.put(data: Data(key.utf8), key: key, contentType: "text/plain")
        }
        let listed = try await client.list(prefix: "videos/c/")
        #expect(listed.map(\.key) == ["videos/c/v1.jpg", "videos/c/v1.mp4", "videos/c/v2.mp4"])
        #expect(listed.map(\.size) == [15, 15, 15])
        #expect(try await client.deleteAll(prefix: "videos/c/") == 3)
        #expect(try await client.list(prefix: "videos/c/").isEmpty)
        #expect(try await client.list(prefix: "videos/cc/").map(\.key) == ["videos/cc/v1.mp4"])
    }

    @Test func aFileAboveTheThresholdGoesUpInParts() async throws {
        var client = client
        client.multipartThreshold = 6 << 20
        client.partSize = 5 << 20
        let (file, data) = try pattern(12 << 20 + 12345, name: "large.bin")
        try await client.put(file: file, key: "videos/d/v1.mp4", contentType: "video/mp4")
        let stored = server.file("videos/d/v1.mp4")
        #expect(try Data(contentsOf: stored) == data)
        // Three parts: S3 marks a multipart object's ETag with the part count.
        let head = try #require(try await client.head(key: "videos/d/v1.mp4"))
        #expect(head.size == data.count)
        let middle = try await client.get(key: "videos/d/v1.mp4", range: (5 << 20) - 10...(5 << 20) + 9)
        #expect(try await collect(middle) == data.subdata(in: (5 << 20) - 10..<(5 << 20) + 10))
    }

    @Test func aFailedMultipartUploadIsAbortedAndLeavesNoObject() async throws {
        var client = client
        client.multipartThreshold = 6 << 20
        client.partSize = 5 << 20
        let wrongBucket = S3Client(
            location: try S3Location(bucket: "absent", endpoint: URL(string: server.endpoint)),
            credentials: client.credentials)
        var failing = wrongBucket
        failing.multipartThreshold = 6 << 20
        failing.partSize = 5 << 20
        let (file, _) = try pattern(7 << 20, name: "large.bin")
        await #expect(throws: S3Error.noSuchBucket(bucket: "absent", server: server.endpoint)) {
            try await failing.put(file: file, key: "videos/e/v1.mp4")
        }
        #expect(try await client.list(prefix: "videos/e/").isEmpty)
    }

    @Test func aPresignedURLReadsTheObjectWithoutKeysAndExpires() async throws {
        try await client.put(data: Data("presigned body".utf8), key: "videos/f/v1.jpg", contentType: "image/jpeg")
        let url = try client.presignedGET(key: "videos/f/v1.jpg", expires: 60)
        #expect(url.query?.contains("X-Amz-Signature=") == true)
        #expect(url.query?.contains(server.secretKey) == false)
        let (status, body) = try await Self.fetch(url)
        #expect(status == 200)
        #expect(body == Data("presigned body".utf8))

        // Signed two hours ago for one minute: refused.
        let past = S3Client(
            location: client.location, credentials: client.credentials, now: { Date().addingTimeInterval(-7200) })
        let (expired, _) = try await Self.fetch(try past.presignedGET(key: "videos/f/v1.jpg", expires: 60))
        // AWS answers 403; rclone 400 (AccessDenied: Request has expired). Either way, no body.
        #expect([400, 403].contains(expired))
        #expect(throws: SigV4Error.expiresOutOfRange(0)) { _ = try client.presignedGET(key: "x", expires: 0) }
    }

    @Test func aWrongAccessKeyIsNamed() async throws {
        let stranger = S3Client(
            location: client.location,
            credentials: S3Credentials(accessKeyID: "UNKNOWNKEY", secretAccessKey: server.secretKey))
        let error = await #expect(throws: S3Error.self) { _ = try await stranger.list(prefix: "") }
        #expect(error == .accessKeyRejected(accessKeyID: "UNKNOWNKEY", server: server.endpoint))
        #expect(error?.description.contains("the storage rejected the access key UNKNOWNKEY") == true)
    }

    @Test func aWrongSecretIsASignatureMismatchAndTheSecretIsNeverShown() async throws {
        let wrong = S3Client(
            location: client.location,
            credentials: S3Credentials(accessKeyID: server.accessKey, secretAccessKey: "not-the-secret"))
        let error = await #expect(throws: S3Error.self) {
            try await wrong.put(data: Data("x".utf8), key: "videos/g/v1.jpg")
        }
        #expect(error == .signatureRejected(accessKeyID: server.accessKey))
        #expect(error?.description.contains("not-the-secret") == false)
        #expect(!FileManager.default.fileExists(atPath: server.file("videos/g/v1.jpg").path))
    }

    @Test func aMissingBucketIsNamed() async throws {
        let elsewhere = S3Client(
            location: try S3Location(bucket: "no-such-bucket", endpoint: URL(string: server.endpoint)),
            credentials: client.credentials)
        await #expect(throws: S3Error.noSuchBucket(bucket: "no-such-bucket", server: server.endpoint)) {
            _ = try await elsewhere.list(prefix: "")
        }
    }

    @Test func anUnreachableEndpointIsRetriedThenNamed() async throws {
        var nowhere = S3Client(
            location: try S3Location(bucket: "media", endpoint: URL(string: "http://127.0.0.1:1")),
            credentials: client.credentials)
        nowhere.retry = .init(attempts: 3, baseDelay: 0.01, maximumDelay: 0.02)
        let error = await #expect(throws: S3Error.self) { _ = try await nowhere.head(key: "videos/h/v1.mp4") }
        guard case .unreachable(let server, let reason)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(server == "http://127.0.0.1:1")
        #expect(reason == "connection refused")
    }

    @Test func locationsAreParsedAndCheckedStrictly() throws {
        let parsed = try S3Location(parsing: "s3://my-bucket?endpoint=http://10.0.0.5:9000&region=eu-west-3")
        #expect(parsed.bucket == "my-bucket" && parsed.region == "eu-west-3")
        #expect(parsed.url(key: "videos/x/v1.mp4").absoluteString == "http://10.0.0.5:9000/my-bucket/videos/x/v1.mp4")
        let aws = try S3Location(parsing: "s3://my-bucket")
        #expect(aws.region == "us-east-1")
        #expect(aws.url(key: "a b/c").absoluteString == "https://my-bucket.s3.us-east-1.amazonaws.com/a%20b/c")
        for bad in [
            "s3://UPPER", "s3://ab", "http://bucket", "s3://bucket/path", "s3://bucket?endpoint=ftp://x",
            "s3://bucket?regoin=x", "s3://bucket?region=EU WEST",
        ] {
            #expect(throws: S3Error.self, "\(bad)") { _ = try S3Location(parsing: bad) }
        }
        #expect(throws: S3Error.missingCredentials) { _ = try S3Credentials(environment: ["AWS_ACCESS_KEY_ID": "k"]) }
        let credentials = try S3Credentials(
            environment: [
                "AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "s3cr3t", "AWS_SESSION_TOKEN": "t0k3n-value",
            ])
        #expect(credentials.sessionToken == "t0k3n-value")
        #expect(!credentials.description.contains("s3cr3t") && !credentials.description.contains("t0k3n-value"))
    }

    /// A plain GET with no credentials, as a browser following a redirect would make.
    static func fetch(_ url: URL) async throws -> (Int, Data) {
        try await S3TestServer.fetch(url)
    }
}
