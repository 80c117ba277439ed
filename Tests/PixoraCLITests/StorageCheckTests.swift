import Foundation
import PixoraTestSupport
import Testing

/// `pixora storage check` against a real S3-compatible server (`rclone serve s3`), as an operator runs it.
@Suite("pixora storage check", .serialized)
struct StorageCheckTests {
    @Test("every step passes on a working bucket and the probe is gone afterwards")
    func passes() async throws {
        let server = try await S3TestServer()
        let cli = try CLI()
        defer { cli.remove() }
        let result = try await cli.run(["storage", "check"], environment: server.environment)
        #expect(result.status == 0, "\(result.stderr)")
        for step in [
            "write pixora-check/", "read bytes 1000-4999 back … ok, identical", "list pixora-check/ … ok",
            "delete the probe … ok", "storage check passed",
        ] {
            #expect(result.stdout.contains(step), "\(result.stdout)")
        }
        #expect(result.stdout.contains("access key \(server.accessKey), secret ****"))
        #expect(!result.stdout.contains(server.secretKey) && !result.stderr.contains(server.secretKey))
        // rclone drops a folder once its last object is deleted.
        let left = try? FileManager.default.contentsOfDirectory(
            atPath: server.root.appendingPathComponent("media/pixora-check").path)
        #expect(left?.isEmpty ?? true)
    }

    @Test("a wrong access key, a wrong secret, a missing bucket and a dead endpoint each exit 1 naming the cause")
    func failures() async throws {
        let server = try await S3TestServer()
        let cli = try CLI()
        defer { cli.remove() }
        var wrongKey = server.environment
        wrongKey["AWS_ACCESS_KEY_ID"] = "NOTAKEY"
        var wrongSecret = server.environment
        wrongSecret["AWS_SECRET_ACCESS_KEY"] = "wrong-secret-value"
        var noBucket = server.environment
        noBucket["PIXORA_STORAGE"] = "s3://absent-bucket?endpoint=\(server.endpoint)"
        var deadEndpoint = server.environment
        deadEndpoint["PIXORA_STORAGE"] = "s3://media?endpoint=http://127.0.0.1:1"
        let cases: [([String: String], String)] = [
            (wrongKey, "the storage rejected the access key NOTAKEY (InvalidAccessKeyId)"),
            (wrongSecret, "(SignatureDoesNotMatch); check AWS_SECRET_ACCESS_KEY"),
            (noBucket, "the bucket absent-bucket does not exist at \(server.endpoint)"),
            (deadEndpoint, "cannot reach the storage at http://127.0.0.1:1: connection refused"),
        ]
        for (environment, message) in cases {
            let result = try await cli.run(["storage", "check"], environment: environment)
            #expect(result.status == 1, "\(result.stdout) \(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(!result.stderr.contains("wrong-secret-value") && !result.stdout.contains("wrong-secret-value"))
        }
    }

    @Test("a malformed PIXORA_STORAGE or missing keys exit 2 before anything is sent")
    func usage() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let malformed = try await cli.run(["storage", "check"], environment: ["PIXORA_STORAGE": "s3://Bad_Bucket"])
        #expect(malformed.status == 2, "\(malformed.stderr)")
        let noKeys = try await cli.run(
            ["storage", "check"],
            environment: ["PIXORA_STORAGE": "s3://media?endpoint=http://127.0.0.1:1", "AWS_ACCESS_KEY_ID": ""])
        #expect(noKeys.status == 2, "\(noKeys.stderr)")
        #expect(noKeys.stderr.contains("object storage needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"))
        let unset = try await cli.run(["storage", "check"], environment: ["PIXORA_STORAGE": ""])
        #expect(unset.status == 0)
        #expect(unset.stdout.contains("PIXORA_STORAGE is not set"))
    }
}
