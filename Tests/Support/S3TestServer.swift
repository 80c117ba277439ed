import Foundation

/// A real S3-compatible server for tests: `rclone serve s3` (installed by scripts/install-deps.sh --test) over a
/// fresh folder, checking SigV4 signatures with one key pair. Each top-level folder of `root` is a bucket.
public final class S3TestServer: @unchecked Sendable {
    /// A plain GET with no credentials (curl), as a browser following a presigned link makes it: status and body.
    public static func fetch(_ url: URL) async throws -> (Int, Data) {
        let body = FileManager.default.temporaryDirectory.appendingPathComponent("presigned-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: body) }
        let (_, status) = try await runTool(
            "/usr/bin/curl", ["-s", "-o", body.path, "-w", "%{http_code}", url.absoluteString])
        return (Int(status) ?? 0, (try? Data(contentsOf: body)) ?? Data())
    }

    public let root: URL
    public let port: Int
    public let accessKey = "pixora-test-key"
    public let secretKey = "pixora-test-secret-0123456789"
    public let bucket = "media"
    let process: Process

    public var endpoint: String { "http://127.0.0.1:\(port)" }
    /// The `PIXORA_STORAGE` value for the test bucket.
    public var storage: String { "s3://\(bucket)?endpoint=\(endpoint)&region=us-east-1" }
    public var environment: [String: String] {
        ["PIXORA_STORAGE": storage, "AWS_ACCESS_KEY_ID": accessKey, "AWS_SECRET_ACCESS_KEY": secretKey]
    }

    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    public init() async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-s3-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(bucket), withIntermediateDirectories: true)
        guard let rclone = Self.find("rclone") else {
            throw Missing(description: "rclone is not installed; run scripts/install-deps.sh --test")
        }
        let (folder, auth) = (root, "\(accessKey),\(secretKey)")
        let started = try await offPool { try Self.start(rclone, root: folder, auth: auth) }
        process = started.process
        port = started.port
    }

    /// Starts `rclone serve s3` over `root` on a free port, trying another port when it does not listen. Blocks
    /// while it waits.
    static func start(_ rclone: URL, root: URL, auth: String) throws -> (process: Process, port: Int) {
        let log = root.appendingPathComponent("rclone.log")
        var lastError = ""
        for _ in 0..<5 {
            let port = freePort()
            let process = Process()
            process.executableURL = rclone
            process.arguments = [
                "serve", "s3", root.path, "--addr", "127.0.0.1:\(port)", "--auth-key", auth, "--log-file", log.path,
                "--config", "/dev/null",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if waitForListening(port: port, process: process) { return (process, port) }
            process.terminate()
            process.waitUntilExit()
            lastError = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        }
        throw Missing(description: "rclone serve s3 did not start: \(lastError)")
    }

    deinit {
        process.terminate()
        // Waiting for rclone to end blocks: it is waited for on a thread of its own, not on the pool's thread that
        // let go of the server, and its folder removed after.
        let (process, root) = (process, root)
        Thread {
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: root)
        }.start()
    }

    /// The path of an object as rclone stores it (a plain file), so tests can check what reached the bucket.
    public func file(_ key: String, bucket: String? = nil) -> URL {
        root.appendingPathComponent(bucket ?? self.bucket).appendingPathComponent(key)
    }

    static func find(_ name: String) -> URL? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for folder in paths + ["/usr/local/bin", "/usr/bin"] {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// A port the kernel had free a moment ago.
    static func freePort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                _ = bind(socket, raw, length)
                _ = getsockname(socket, raw, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func waitForListening(port: Int, process: Process) -> Bool {
        for _ in 0..<200 {
            guard process.isRunning else { return false }
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(socket)
            if connected { return true }
            usleep(50_000)
        }
        return false
    }
}
