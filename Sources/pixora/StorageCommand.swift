import ArgumentParser
import Foundation
import PixoraCore
import PixoraStore

/// `pixora storage check`: proves the configured bucket works end to end before a node relies on it.
struct StorageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage", abstract: "Object storage (PIXORA_STORAGE).", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write, read back by range, list and delete a probe object in PIXORA_STORAGE's bucket.",
            discussion: "Prints each step; exits 1 with the storage's error (wrong key, missing bucket, unreachable).")

        func run() async throws {
            guard let client = try StorageSettings.s3Client(Configuration.current) else {
                print("PIXORA_STORAGE is not set: media stays in the local data folder; nothing to check")
                return
            }
            print("storage: \(client.location) with \(client.credentials)")
            try await StorageProbe(client: client).run { print($0) }
            print("storage check passed")
        }
    }
}

/// The steps of the check, each printed as it passes; the first failure is thrown with S3's reason.
struct StorageProbe {
    let client: S3Client

    func run(report: (String) -> Void) async throws {
        let key = "pixora-check/\(UUID().uuidString.lowercased()).bin"
        let bytes = Data((0..<65_536).map { _ in UInt8.random(in: 0...255) })
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-probe-\(UUID().uuidString)")
        try bytes.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        var started = Date()
        func took() -> String { String(format: "%.0f ms", Date().timeIntervalSince(started) * 1000) }
        try await client.put(file: file, key: key)
        report("  write \(key) (65536 bytes) … ok, \(took())")

        started = Date()
        let part = try await client.get(key: key, range: 1000...4999)
        var read = Data()
        for try await buffer in part.body { read.append(contentsOf: buffer.readableBytesView) }
        guard read == bytes.subdata(in: 1000..<5000), part.totalSize == bytes.count else {
            throw S3Error.malformedAnswer(
                "bytes 1000-4999 of the probe came back as \(read.count) different bytes of \(part.totalSize)")
        }
        report("  read bytes 1000-4999 back … ok, identical, \(took())")

        started = Date()
        let listed = try await client.list(prefix: "pixora-check/")
        guard listed.contains(where: { $0.key == key && $0.size == bytes.count }) else {
            throw S3Error.malformedAnswer("the listing of pixora-check/ does not show the probe")
        }
        report("  list pixora-check/ … ok, \(listed.count) object(s), \(took())")

        started = Date()
        try await client.delete(key: key)
        guard try await client.head(key: key) == nil else {
            throw S3Error.malformedAnswer("the probe is still there after it was deleted")
        }
        report("  delete the probe … ok, \(took())")
    }
}
