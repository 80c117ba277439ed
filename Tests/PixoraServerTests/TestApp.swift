import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PixoraAPI
import PixoraJobs
import PixoraPipeline
import PixoraProviders
import PixoraServer
import PixoraStore
import PixoraTestSupport

/// Records mails instead of sending them.
final class RecordingMailer: Mailer, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [Mail] = []
    func send(_ mail: Mail) async throws { lock.withLock { sent.append(mail) } }
    var mails: [Mail] { lock.withLock { sent } }
}

/// One server on a fresh database of one engine, with a temporary data folder, for one test.
struct TestApp: Sendable {
    let services: AppServices
    let routes: RouteTable
    let mailer: RecordingMailer
    let location: DatabaseLocation

    /// Assets are content-addressed, so every test shares one cache: a video made twice is made once.
    static let assetCache = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-test-assets")

    static func with<T: Sendable>(
        _ engine: TestEngine, environment: [String: String] = [:], mailer: (any Mailer)? = nil,
        pipeline: VideoPipeline? = nil, studio: StudioGenerators = .embedded,
        _ body: @Sendable (TestApp) async throws -> T
    ) async throws -> T {
        try await withTestDatabase(engine) { database, location in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "pixora-server-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            var environment = environment
            environment["PIXORA_JWT_SECRET"] =
                environment["PIXORA_JWT_SECRET"] ?? "test-secret-that-is-long-enough-for-hs256-0123456789"
            environment["PIXORA_BCRYPT_COST"] = environment["PIXORA_BCRYPT_COST"] ?? "4"
            environment["PIXORA_LEASE_SECONDS"] = environment["PIXORA_LEASE_SECONDS"] ?? "30"
            environment["PIXORA_RETRY_BASE_SECONDS"] = environment["PIXORA_RETRY_BASE_SECONDS"] ?? "0.2"
            let configuration = try ServerConfiguration.from(environment: environment, dataFolder: folder)
            let recording = RecordingMailer()
            let providers = try ProviderSettings.from(environment: environment)
            var services = await AppServices(
                configuration: configuration, database: database, mailer: mailer ?? recording,
                pipeline: pipeline ?? VideoPipeline(store: AssetStore(root: assetCache)),
                languageAssistant: providers.editorAssistant(logger: testLogger),
                planChat: providers.planChat(logger: testLogger),
                pricing: try providers.pricing(environment: environment), studioGenerators: studio,
                director: providers.videoDirector(
                    pipeline: pipeline ?? VideoPipeline(store: AssetStore(root: assetCache)), logger: testLogger),
                logger: testLogger)
            // As `AppServices.open` does: `PIXORA_PLANS_FILE` or `STRIPE_SECRET_KEY` turn billing on.
            services.plans = try .from(configuration: configuration.settings)
            let routes = buildRouter(services).1
            return try await body(TestApp(services: services, routes: routes, mailer: recording, location: location))
        }
    }

    /// Runs `body` against the router (no sockets).
    func test<T: Sendable>(_ body: @Sendable (API) async throws -> T) async throws -> T {
        try await Application(router: buildRouter(services).0, logger: testLogger).test(.router) { client in
            try await body(API(client: client))
        }
    }

    /// A worker in the background for the duration of `body`.
    func withWorker<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        var settings = WorkerSettings.from(configuration: services.configuration.settings)
        settings.idlePoll = 0.05
        settings.expiryCheck = 0.2
        let worker = Worker(
            database: services.database, handlers: services.workshop.handlers, settings: settings, logger: testLogger)
        let task = Task { await worker.run() }
        defer { task.cancel() }
        let value = try await body()
        task.cancel()
        await task.value
        return value
    }
}

/// A JSON response, parsed.
struct Reply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer
    var text: String { String(buffer: body) }
    /// The body as one of the contract's types (`Components.Schemas`), read as a client would (`APIJSON`).
    func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try APIJSON.decoder().decode(T.self, from: Data(body.readableBytesView))
        } catch {
            throw TestFailure("\(status) body is not a \(T.self): \(error)\n\(text)")
        }
    }
    /// The body as untyped JSON, only for checks of the wire form itself (the served OpenAPI document).
    func rawJSON() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        guard let object = object as? [String: Any] else { throw TestFailure("\(status) body is not an object") }
        return object
    }
    /// The code of an error body (`Schemas._Error`); nil when the body is not one.
    var errorCode: Schemas.ErrorCode? { (try? decode(Schemas._Error.self))?.error.code }
    /// The message of an error body (`Schemas._Error`); nil when the body is not one.
    var errorMessage: String? { (try? decode(Schemas._Error.self))?.error.message }
}

/// A signed-in user as the tests see them.
struct Session: Sendable {
    var token: String
    var refreshToken: String
    var userId: String
    var bearer: HTTPFields { [.authorization: "Bearer \(token)"] }
}

extension Session {
    init(_ body: Schemas.Session) {
        self.init(token: body.accessToken, refreshToken: body.refreshToken, userId: body.user.id)
    }
}

/// The contract's body types.
typealias Schemas = Components.Schemas

/// Thin helpers over the test client.
struct API: Sendable {
    let client: any TestClientProtocol

    func call(
        _ method: HTTPRequest.Method, _ uri: String, session: Session? = nil, headers: HTTPFields = [:],
        json: Any? = nil, raw: ByteBuffer? = nil
    ) async throws -> Reply {
        var headers = headers
        if let session { headers[.authorization] = "Bearer \(session.token)" }
        var body = raw
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
            headers[.contentType] = "application/json"
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            Reply(status: response.status, headers: response.headers, body: response.body)
        }
    }

    /// A typed value as the JSON object `call(json:)` sends.
    func object(_ value: some Encodable) throws -> Any {
        try JSONSerialization.jsonObject(with: APIJSON.encoder().encode(value))
    }

    func register(
        _ email: String = "user-\(UUID().uuidString.prefix(8))@example.com", password: String = "correct horse"
    ) async throws -> Session {
        let reply = try await call(
            .post, "/api/v1/auth/register", json: ["email": email, "password": password, "name": "Test"])
        guard reply.status == .created else { throw TestFailure("register failed: \(reply.status) \(reply.text)") }
        return Session(try reply.decode(Schemas.Session.self))
    }

    /// Creates a short, small video; returns its id.
    func createVideo(
        _ session: Session, prompt: String = "a 5-second video about bees making honey", seconds: Int = 5,
        key: String? = nil
    ) async throws -> Reply {
        var headers: HTTPFields = [:]
        if let key { headers[.init("Idempotency-Key")!] = key }
        return try await call(
            .post, "/api/v1/videos", session: session, headers: headers,
            json: [
                "prompt": prompt, "settings": ["durationSeconds": seconds, "quality": "480p", "aspectRatio": "16:9"],
            ])
    }

    /// Polls the video until it is no longer queued or running. The deadline is a net for a hung job, not a
    /// measure: the whole suite on two cores, with every asset quality-checked, keeps a video busy for minutes.
    func waitForVideo(_ session: Session, _ id: String, timeout: Duration = .seconds(600)) async throws -> Reply {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let reply = try await call(.get, "/api/v1/videos/\(id)", session: session)
            let video = try reply.decode(Schemas.Video.self)
            let settled =
                ![.queued, .running].contains(video.status) && ![.queued, .running].contains(video.job?.state)
            if settled { return reply }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("video \(id) did not finish in time")
    }

    func balance(_ session: Session) async throws -> Int {
        try await call(.get, "/api/v1/users/me/credits", session: session).decode(Schemas.Credits.self).balance
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The balance and the ledger's sum straight from the database.
func ledger(_ app: TestApp, _ user: String) async throws -> (balance: Int, sum: Int) {
    try await app.services.database.read { db in
        (try await CreditLedger.balance(db, user: user) ?? -1, try await CreditLedger.ledgerSum(db, user: user))
    }
}

/// Streams and properties of a media file, read by ffprobe.
func probe(_ data: Data) async throws -> (duration: Double, streams: [String]) {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString).mp4")
    try data.write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let (_, text) = try await runTool(
        "/usr/bin/ffprobe",
        ["-v", "error", "-show_entries", "format=duration:stream=codec_type", "-of", "json", file.path])
    struct Output: Decodable {
        struct Format: Decodable { var duration: String? }
        struct Stream: Decodable { var codecType: String? }
        var format: Format?
        var streams: [Stream]?
    }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let json = try decoder.decode(Output.self, from: Data(text.utf8))
    return (Double(json.format?.duration ?? "") ?? 0, (json.streams ?? []).compactMap(\.codecType))
}
