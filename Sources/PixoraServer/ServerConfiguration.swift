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
    /// Every setting, for the services the server starts (mail, providers, workers, the studio's files).
    public var settings: Configuration
    /// The OpenID Connect providers people may sign in with (`PIXORA_OIDC_…`), checked at start.
    public var signInProviders: [SignInProvider] = []

    /// The bucket media is kept in (`PIXORA_STORAGE`), checked at start; nil keeps it in `mediaFolder`.
    public var storage: S3Client?
    /// Media requests answer 302 to a presigned URL of the bucket (`PIXORA_STORAGE_REDIRECT`).
    public var storageRedirect = false

    public var mediaFolder: URL { dataFolder.appendingPathComponent("media") }
    public var assetFolder: URL { dataFolder.appendingPathComponent("assets") }
    public var outboxFolder: URL { dataFolder.appendingPathComponent("outbox") }

    /// Reads `PIXORA_DATA_DIR`, `DATABASE_URL`, `PIXORA_HOST`, `PIXORA_PORT`, `PIXORA_PUBLIC_URL`,
    /// `PIXORA_JWT_SECRET` (else generated once into the data folder), `PIXORA_BCRYPT_COST`,
    /// `PIXORA_ACCESS_TOKEN_MINUTES`, `PIXORA_LOGIN_LIMIT`.
    public static func from(
        settings: Configuration, dataFolder: URL? = nil, host: String? = nil, port: Int? = nil
    ) throws -> ServerConfiguration {
        let folder = dataFolder ?? URL(fileURLWithPath: settings.text("PIXORA_DATA_DIR") ?? "data", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let host = host ?? settings.text("PIXORA_HOST") ?? "127.0.0.1"
        let port = port ?? settings.integer("PIXORA_PORT") ?? 8080
        var configuration = ServerConfiguration(
            dataFolder: folder, host: host, port: port,
            database: try DatabaseLocation.from(url: settings.text("DATABASE_URL"), dataFolder: folder),
            publicURL: settings.text("PIXORA_PUBLIC_URL") ?? "http://\(host == "0.0.0.0" ? "localhost" : host):\(port)",
            jwtSecret: try secret(settings.text("PIXORA_JWT_SECRET"), folder: folder), settings: settings)
        configuration.bcryptCost = settings.integer("PIXORA_BCRYPT_COST").map(UInt8.init) ?? configuration.bcryptCost
        if let minutes = settings.integer("PIXORA_ACCESS_TOKEN_MINUTES") {
            configuration.accessTokenLifetime = TimeInterval(minutes * 60)
        }
        configuration.signInProviders = try SignInProvider.from(settings: settings)
        configuration.storage = try StorageSettings.s3Client(settings)
        configuration.storageRedirect = configuration.storage != nil && StorageSettings.redirects(settings)
        if let limit = settings.integer("PIXORA_LOGIN_LIMIT") {
            configuration.loginLimitPerEmail = limit
            configuration.loginLimitPerAddress = limit * 5
        }
        return configuration
    }

    /// For tests: the configuration of an environment given as a dictionary.
    public static func from(
        environment: [String: String], dataFolder: URL? = nil, host: String? = nil, port: Int? = nil
    ) throws -> ServerConfiguration {
        try from(settings: Configuration(environment: environment), dataFolder: dataFolder, host: host, port: port)
    }

    /// `PIXORA_JWT_SECRET` (its length checked by the catalogue), or a random secret kept in `<data>/jwt-secret`
    /// (mode 0600).
    static func secret(_ configured: String?, folder: URL) throws -> String {
        if let configured { return configured }
        let file = folder.appendingPathComponent("jwt-secret")
        if let data = try? Data(contentsOf: file),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
            text.utf8.count >= 32
        {
            return text
        }
        let secret = SecretToken.make() + SecretToken.make()
        let temporary = folder.appendingPathComponent(".jwt-secret.\(UUID().uuidString)")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw UsageError("cannot write the JWT secret into \(folder.path)")
        }
        // link() fails if another process created the file first: then theirs is the secret.
        if link(temporary.path, file.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            return try self.secret(nil, folder: folder)
        }
        try? FileManager.default.removeItem(at: temporary)
        return secret
    }
}
