import Foundation
import PixoraCore
import PixoraStore

/// Everything the server reads from its environment, with defaults that run on a fresh machine.
public struct ServerConfiguration: Sendable {
    /// `./data` by default: the SQLite file, media, the asset cache, the mail outbox and the JWT secret.
    public var dataFolder: URL
    public var host = "127.0.0.1"
    public var port = 8080
    public var database: DatabaseLocation
    /// Where links in mails point (`PIXORA_PUBLIC_URL`), e.g. https://pixora.example.com.
    public var publicURL: String
    public var accessTokenLifetime: TimeInterval = 15 * 60
    public var refreshTokenLifetime: TimeInterval = 30 * 24 * 3600
    public var resetTokenLifetime: TimeInterval = 3600
    /// bcrypt work factor (`PIXORA_BCRYPT_COST`, 10–14; tests may go down to 4).
    public var bcryptCost: UInt8 = 11
    /// Sign-in attempts allowed per email and per address in `loginWindow` seconds.
    public var loginLimitPerEmail = 10
    public var loginLimitPerAddress = 50
    public var loginWindow: TimeInterval = 15 * 60
    public var jwtSecret: String
    public var environment: [String: String]

    public var mediaFolder: URL { dataFolder.appendingPathComponent("media") }
    public var assetFolder: URL { dataFolder.appendingPathComponent("assets") }
    public var outboxFolder: URL { dataFolder.appendingPathComponent("outbox") }

    /// Reads `PIXORA_DATA_DIR`, `DATABASE_URL`, `PIXORA_HOST`, `PIXORA_PORT`, `PIXORA_PUBLIC_URL`,
    /// `PIXORA_JWT_SECRET` (else generated once into the data folder), `PIXORA_BCRYPT_COST`,
    /// `PIXORA_LOGIN_LIMIT`.
    public static func from(environment: [String: String], dataFolder: URL? = nil, host: String? = nil, port: Int? = nil) throws -> ServerConfiguration {
        let folder = dataFolder ?? URL(fileURLWithPath: environment["PIXORA_DATA_DIR"] ?? "data", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let host = host ?? environment["PIXORA_HOST"] ?? "127.0.0.1"
        let port = port ?? environment["PIXORA_PORT"].flatMap(Int.init) ?? 8080
        var configuration = ServerConfiguration(
            dataFolder: folder, host: host, port: port,
            database: try DatabaseLocation.from(url: environment["DATABASE_URL"], dataFolder: folder),
            publicURL: environment["PIXORA_PUBLIC_URL"] ?? "http://\(host == "0.0.0.0" ? "localhost" : host):\(port)",
            jwtSecret: try secret(environment: environment, folder: folder), environment: environment)
        if let text = environment["PIXORA_BCRYPT_COST"] {
            guard let cost = UInt8(text), (4...16).contains(cost) else { throw UsageError("PIXORA_BCRYPT_COST must be a number from 4 to 16, got '\(text)'") }
            configuration.bcryptCost = cost
        }
        if let text = environment["PIXORA_LOGIN_LIMIT"] {
            guard let limit = Int(text), limit > 0 else { throw UsageError("PIXORA_LOGIN_LIMIT must be a positive number, got '\(text)'") }
            configuration.loginLimitPerEmail = limit
            configuration.loginLimitPerAddress = limit * 5
        }
        return configuration
    }

    /// `PIXORA_JWT_SECRET` (at least 32 characters), or a random secret kept in `<data>/jwt-secret` (mode 0600).
    static func secret(environment: [String: String], folder: URL) throws -> String {
        if let secret = environment["PIXORA_JWT_SECRET"] {
            guard secret.utf8.count >= 32 else { throw UsageError("PIXORA_JWT_SECRET must be at least 32 characters long") }
            return secret
        }
        let file = folder.appendingPathComponent("jwt-secret")
        if let data = try? Data(contentsOf: file), let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), text.utf8.count >= 32 {
            return text
        }
        let secret = SecretToken.make() + SecretToken.make()
        let temporary = folder.appendingPathComponent(".jwt-secret.\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw UsageError("cannot write the JWT secret into \(folder.path)")
        }
        // link() fails if another process created the file first: then theirs is the secret.
        if link(temporary.path, file.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            return try self.secret(environment: environment, folder: folder)
        }
        try? FileManager.default.removeItem(at: temporary)
        return secret
    }
}
