import Foundation
import PixoraCore
import PixoraPipeline
import PixoraStore
import PixoraJobs

/// A user as the API shows it.
struct UserBody: Codable, Sendable {
    var id: String
    var email: String
    var name: String
    var role: String
    var credits: Int
    var avatarUrl: String?
    var createdAt: String

    init(_ user: User, tokens: TokenService) {
        id = user.id
        email = user.email
        name = user.name
        role = user.role.rawValue
        credits = user.credits
        avatarUrl = user.avatarKey == nil ? nil : tokens.signedPath("/api/v1/users/me/avatar", user: user.id)
        createdAt = user.createdAt.iso8601
    }
}

struct AuthBody: Codable, Sendable {
    var accessToken: String
    var refreshToken: String
    var tokenType = "Bearer"
    var expiresIn: Int
    var user: UserBody
}

/// A job's state and progress.
struct JobBody: Codable, Sendable {
    var id: String
    var kind: String
    var state: String
    var attempts: Int
    var maxAttempts: Int
    var error: String?
    var progress: JobProgress?
    var updatedAt: String

    init(_ job: Job) throws {
        id = job.id
        kind = job.kind.rawValue
        state = job.state.rawValue
        attempts = job.attempts
        maxAttempts = job.maxAttempts
        error = job.error
        progress = try job.progressReport()
        updatedAt = job.updatedAt.iso8601
    }
}

/// A video as the API shows it; media URLs are signed links valid for an hour.
struct VideoBody: Codable, Sendable {
    var id: String
    var title: String
    var prompt: String
    var status: String
    var settings: Settings?
    var durationSeconds: Double?
    var creditsUsed: Int
    var error: String?
    var currentVersion: Int?
    var videoUrl: String?
    var thumbnailUrl: String?
    var eventsUrl: String?
    var createdAt: String
    var updatedAt: String
    var job: JobBody?
    var plan: Plan?

    /// `detail` adds the settings, the plan and the video and event links; list items carry the thumbnail link only,
    /// because lists are read often and each link and settings document costs time.
    /// Links are signed at `linksIssued` (now when nil) for `linkLifetime` seconds.
    init(_ video: Video, job: Job? = nil, detail: Bool = true, tokens: TokenService, linksIssued: Date? = nil, linkLifetime: TimeInterval = 3600) throws {
        let issued = linksIssued ?? Date()
        id = video.id
        title = video.title
        prompt = video.prompt
        status = video.status.rawValue
        settings = detail ? video.settings : nil
        durationSeconds = video.duration
        creditsUsed = video.creditsUsed
        error = video.error
        currentVersion = video.currentVersion
        videoUrl = video.videoKey == nil || !detail ? nil : tokens.signedPath("/api/v1/videos/\(video.id)/video", user: video.userId, lifetime: linkLifetime, now: issued)
        thumbnailUrl = video.thumbnailKey == nil ? nil : tokens.signedPath("/api/v1/videos/\(video.id)/thumbnail", user: video.userId, lifetime: linkLifetime, now: issued)
        eventsUrl = detail ? tokens.signedPath("/api/v1/videos/\(video.id)/events", user: video.userId, lifetime: linkLifetime, now: issued) : nil
        createdAt = video.createdAt.iso8601
        updatedAt = video.updatedAt.iso8601
        self.job = try job.map(JobBody.init)
        plan = detail ? video.plan : nil
    }
}

struct PageBody<Item: Codable & Sendable>: Codable, Sendable {
    var items: [Item]
    var nextCursor: String?
}

struct VersionBody: Codable, Sendable {
    var id: String
    var number: Int
    var status: String
    var durationSeconds: Double?
    var error: String?
    var current: Bool
    var videoUrl: String?
    var thumbnailUrl: String?
    var createdAt: String
    var editorState: EditorState?

    init(_ version: VideoVersion, video: Video, includeState: Bool, tokens: TokenService) {
        id = version.id
        number = version.number
        status = version.status.rawValue
        durationSeconds = version.duration
        error = version.error
        current = video.currentVersion == version.number
        let base = "/api/v1/videos/\(video.id)/versions/\(version.id)"
        videoUrl = version.videoKey == nil ? nil : tokens.signedPath("\(base)/video", user: video.userId)
        thumbnailUrl = version.thumbnailKey == nil ? nil : tokens.signedPath("\(base)/thumbnail", user: video.userId)
        createdAt = version.createdAt.iso8601
        editorState = includeState ? version.editorState : nil
    }
}

struct TransactionBody: Codable, Sendable {
    var id: String
    var delta: Int
    var balanceAfter: Int
    var reason: String
    var reference: String?
    var createdAt: String

    init(_ row: CreditTransaction) {
        id = row.id
        delta = row.delta
        balanceAfter = row.balanceAfter
        reason = row.reason.rawValue
        reference = row.reference
        createdAt = row.createdAt.iso8601
    }
}

/// Settings a client may send; anything left out comes from the prompt's words, then defaults.
struct SettingsRequest: Codable, Sendable {
    var aspectRatio: AspectRatio?
    var durationSeconds: Double?
    var style: VisualStyle?
    var tone: Tone?
    var voice: Voice?
    var speechRate: Double?
    var music: Bool?
    var captions: Bool?
    var quality: Quality?
    var fps: Int?
    var language: String?
    var seed: UInt64?

    func resolve(prompt: String) throws -> Settings {
        let hints = PromptHints(prompt: prompt)
        let settings = Settings(
            aspectRatio: aspectRatio ?? hints.aspectRatio ?? .landscape,
            durationSeconds: durationSeconds ?? hints.durationSeconds ?? 30,
            style: style ?? .cinematic, tone: tone ?? hints.tone ?? .informative, voice: voice ?? .slt,
            speechRate: speechRate ?? 1, music: music ?? true, captions: captions ?? true, quality: quality ?? .p720,
            fps: fps ?? 30, language: language ?? "en", seed: seed ?? 1)
        let issues = settings.validate()
        guard issues.isEmpty else {
            throw APIError.validation(issues.map { DocumentIssue("settings.\($0.path)", $0.message) })
        }
        return settings
    }
}
