import Foundation
import HummingbirdBcrypt
import Logging
import PixoraCore
import PixoraJobs
import PixoraMedia
import PixoraPipeline
import PixoraProviders
import PixoraStore

/// The long-lived parts the routes share, built once per process (or per test).
public struct AppServices: Sendable {
    public let configuration: ServerConfiguration
    public let database: any Database
    public let media: MediaFolder
    /// Where rendered videos are kept and served from: the bucket of `PIXORA_STORAGE`, else the media folder.
    public let storage: any MediaStorage
    public let pipeline: VideoPipeline
    public let tokens: TokenService
    public let mailer: any Mailer
    public let emailLimiter: RateLimiter
    public let addressLimiter: RateLimiter
    public let metrics: ServerMetrics
    public let logger: Logger
    /// Attempts a new job gets (`PIXORA_JOB_ATTEMPTS`), read once rather than on every request.
    public let jobAttempts: Int
    /// Largest sample video a project accepts (`PIXORA_UPLOAD_MAX_MB`).
    public let uploadMaxBytes: Int64
    /// The browser studio's files.
    public let studio: WebStudio
    /// The editor assistant on a language model, when one is configured; the built-in rules otherwise.
    public let languageAssistant: LanguageModelAssistant?
    /// Describes remix samples with a vision model when one is configured (the rules otherwise).
    public let describer: (any SampleDescriber)?
    /// Plans a remix from a sample's analysis.
    public let remixPlanner: RemixPlanner
    /// Turns a remix chat message into plan operations: a language model when configured, the rules otherwise.
    public let planChat: any PlanChatting
    /// Prices in credits: the standard ones, or those configured for the providers in use.
    public let pricing: Pricing
    /// The guided studio's concepts, sound effects and video models.
    public let studioGenerators: StudioGenerators
    /// The voice of a request that names none (`ProviderSettings.defaultVoice`).
    public let defaultVoice: Voice
    /// Runs `"mode": "agent"` videos on the language model; nil when none is configured (the mode is refused).
    public let director: (any VideoDirecting)?
    /// Video lists as sent, reused while the owner's videos are unchanged; `nil` when the engine keeps no list
    /// stamps (PostgreSQL) or `PIXORA_LIST_CACHE=off`.
    let videoLists: ListCache?
    /// Checked against when an email is unknown, so sign-in takes as long either way.
    let dummyPasswordHash: String
    /// Sign-in with OpenID Connect providers, with their discovery documents and keys cached.
    public let signIn: ProviderSignIn
    /// Now, in milliseconds since 1970: tests move it to see links expire without waiting.
    public var now: @Sendable () -> Int64 = { Clock.nowMillis() }
    /// The plans sold and whether billing is on (`PlanCatalog.from`); billing off limits nothing.
    public var plans: PlanCatalog = .selfHosted
    /// The providers this server's generators use (`embedded`, `fal`…), checked against a plan's allowed ones.
    public var providersInUse: [String] = ["embedded"]

    public init(
        configuration: ServerConfiguration, database: any Database, mailer: any Mailer, pipeline: VideoPipeline? = nil,
        languageAssistant: LanguageModelAssistant? = nil, planChat: (any PlanChatting)? = nil,
        remixPlanner: RemixPlanner = RemixPlanner(), describer: (any SampleDescriber)? = nil,
        pricing: Pricing = .standard, studioGenerators: StudioGenerators = .embedded,
        defaultVoice: Voice = GeneratorSet.defaultVoice, director: (any VideoDirecting)? = nil, logger: Logger
    ) async {
        self.director = director
        self.configuration = configuration
        self.database = database
        media = MediaFolder(root: configuration.mediaFolder)
        storage = configuration.storage.map { BucketMediaStorage(client: $0) } ?? FolderMediaStorage(folder: media)
        self.pipeline =
            pipeline
            ?? VideoPipeline(
                store: AssetStore(
                    root: configuration.assetFolder, shared: configuration.storage.map { BucketAssets(client: $0) }))
        tokens = await TokenService(secret: configuration.jwtSecret, accessLifetime: configuration.accessTokenLifetime)
        self.mailer = mailer
        emailLimiter = RateLimiter(limit: configuration.loginLimitPerEmail, window: configuration.loginWindow)
        addressLimiter = RateLimiter(limit: configuration.loginLimitPerAddress, window: configuration.loginWindow)
        metrics = ServerMetrics()
        self.logger = logger
        jobAttempts = WorkerSettings.from(configuration: configuration.settings).maxAttempts
        studio = WebStudio.from(configuration: configuration.settings)
        uploadMaxBytes = Int64(configuration.settings.integer("PIXORA_UPLOAD_MAX_MB") ?? 200) * 1_000_000
        self.languageAssistant = languageAssistant
        self.pricing = pricing
        self.studioGenerators = studioGenerators
        self.defaultVoice = defaultVoice
        self.remixPlanner = remixPlanner
        self.describer = describer
        self.planChat = planChat ?? RuleBasedPlanChat()
        let listCache = configuration.settings.flag("PIXORA_LIST_CACHE") ?? true
        videoLists = database.engine == .sqlite && listCache ? ListCache(registry: metrics.registry) : nil
        dummyPasswordHash = Bcrypt.hash(SecretToken.make(), cost: configuration.bcryptCost)
        signIn = ProviderSignIn(providers: configuration.signInProviders, publicURL: configuration.publicURL)
    }

    /// Opens the database, applies migrations and makes the mailer, from the configuration.
    public static func open(_ configuration: ServerConfiguration, logger: Logger) async throws -> AppServices {
        let database = try await openDatabase(configuration.database, logger: logger)
        do {
            try await Migrations.run(on: database)
            let mailer = try Mail.makeMailer(
                configuration: configuration.settings, outbox: configuration.outboxFolder, logger: logger)
            let providers = try ProviderSettings.from(configuration: configuration.settings)
            let pipeline = VideoPipeline(
                generators: providers.generators(logger: logger),
                store: AssetStore(
                    root: configuration.assetFolder, shared: configuration.storage.map { BucketAssets(client: $0) }))
            let plans = try PlanCatalog.from(configuration: configuration.settings)
            _ = try StripeSettings.from(configuration)  // a bad PIXORA_CREDIT_PACKS stops the start
            var services = await AppServices(
                configuration: configuration, database: database, mailer: mailer, pipeline: pipeline,
                languageAssistant: providers.editorAssistant(logger: logger),
                planChat: providers.planChat(logger: logger),
                remixPlanner: RemixPlanner(videoModel: providers.videoModel),
                describer: providers.sampleDescriber(logger: logger),
                pricing: providers.pricing(configuration: configuration.settings),
                studioGenerators: providers.studioGenerators(logger: logger), defaultVoice: providers.defaultVoice,
                director: providers.videoDirector(pipeline: pipeline, logger: logger), logger: logger)
            services.plans = plans
            services.providersInUse = providers.inUse
            try await database.transaction { db in try await Subscriptions.syncPriorities(db, catalog: plans) }
            return services
        } catch {
            await database.shutdown()
            throw error
        }
    }

    /// The video workshop a worker runs jobs with.
    public var workshop: VideoWorkshop {
        var workshop = VideoWorkshop(
            database: database, pipeline: pipeline, media: media, describer: describer, studio: studioGenerators,
            retention: configuration.settings.retention("PIXORA_RETENTION") ?? .seconds(7 * 86_400),
            delivery: notificationMail, director: director)
        workshop.plans = plans
        workshop.mediaStorage = storage
        return workshop
    }

    /// Mails notifications through `mailer`, with unsubscribe links under `PIXORA_PUBLIC_URL`.
    var notificationMail: MailedNotifications {
        MailedNotifications(
            mailer: mailer, links: UnsubscribeLinks(secret: configuration.jwtSecret),
            publicURL: configuration.publicURL)
    }
}
