import Foundation
import Hummingbird
import PixoraCore
import PixoraJobs
import PixoraStore
import SQLKit

/// "Your data": export everything as a zip, clear the videos and projects, delete the account.
struct AccountDataRoutes {
    let services: AppServices

    /// A download link lives long enough to start the download, not to be passed around.
    static let linkLifetime: TimeInterval = 15 * 60
    static let downloadPath = "/api/v1/users/me/export/download"

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.post, "users/me/export", startExport)
        routes.add(.get, "users/me/export", export)
        routes.add(.post, "users/me/clear-data", clearData)
        routes.add(.delete, "users/me", deleteAccount)
    }

    /// The download is a media route: a browser follows the signed link without a header.
    func registerDownload(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.get, "users/me/export/download", download)
    }

    @Sendable func startExport(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.AccountExport
    > {
        let (export, _) = try await AccountExports.start(
            in: services.database, owner: context.userId, maxAttempts: services.jobAttempts)
        return JSONResponse(.accepted, try await body(export, owner: context.userId))
    }

    @Sendable func export(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.AccountExport
    > {
        let export = try await services.database.read { db in
            try await AccountExports.latest(db, owner: context.userId)
        }
        return JSONResponse(try await body(export, owner: context.userId))
    }

    func body(_ export: AccountExport?, owner: String) async throws -> Schemas.AccountExport {
        guard let export else {
            return Schemas.AccountExport(
                id: nil, status: .none, progress: 0, message: nil, sizeBytes: nil, url: nil, createdAt: nil,
                expiresAt: nil)
        }
        let job = try await services.database.read { db in try await AccountExports.job(db, export) }
        let report = try job?.progressReport()
        let status = export.status(at: Clock.nowMillis())
        let ready = status == .ready
        return Schemas.AccountExport(
            id: export.id, status: Schemas.ExportStatus(rawValue: status.rawValue) ?? .failed,
            progress: ready ? 1 : (report?.fraction ?? 0), message: export.error ?? report?.message,
            sizeBytes: ready ? export.sizeBytes.map(Int.init) : nil,
            url: ready
                ? services.tokens.signedPath(Self.downloadPath, user: owner, lifetime: Self.linkLifetime)
                    + "&download=1" : nil,
            createdAt: Date(milliseconds: export.createdAt),
            expiresAt: export.expiresAt.map(Date.init(milliseconds:)))
    }

    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try MediaRoutes.caller(request, context, tokens: services.tokens)
        let export = try await services.database.read { db in try await AccountExports.latest(db, owner: user) }
        let now = Clock.nowMillis()
        guard let export, [.ready, .expired].contains(export.status(at: now)) else {
            throw APIError(.notFound, .notFound, "no export is ready; start one with POST /api/v1/users/me/export")
        }
        guard export.status(at: now) == .ready, let key = export.fileKey else {
            let when = export.expiresAt.map { " on " + APIError.utcMinute($0) } ?? ""
            throw APIError(.gone, .expired, "This export expired\(when); its file was deleted. Start a new one.")
        }
        return try await MediaRoutes(services: services).serve(
            key: key, type: "application/zip", request: request, context: context,
            download: "pixora-export-\(Self.day(export.createdAt)).zip")
    }

    // MARK: Clear and delete

    @Sendable func clearData(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.ClearedData
    > {
        let body = try await request.decodeJSON(Schemas.ClearDataRequest.self)
        let user = try await UserRoutes(services: services).me(context)
        guard Users.normalize(body.confirm) == user.email else {
            throw APIError.validation("confirm", "must be your account's email, to confirm that everything goes")
        }
        let cleared = try await services.database.transaction { db in try await clear(db, user: user.id) }
        await remove(cleared)
        let balance = try await services.database.read { db in
            try await CreditLedger.balance(db, user: user.id)
        }
        context.logger.info(
            "data cleared",
            metadata: ["videos": "\(cleared.videos.count)", "projects": "\(cleared.projects.count)"])
        return JSONResponse(
            Schemas.ClearedData(
                videos: cleared.videos.count, projects: cleared.projects.count, balance: balance ?? 0))
    }

    @Sendable func deleteAccount(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let body = try await request.decodeJSON(Schemas.DeleteAccountRequest.self)
        let user = try await UserRoutes(services: services).me(context)
        // Password guesses here share the sign-in's budget for the email: a stolen access token cannot try more.
        if let retry = services.emailLimiter.attempt("email:\(user.email)") {
            throw APIError(
                .tooManyRequests, .rateLimited, "too many password attempts; try again in \(retry) seconds",
                details: ["retryAfterSeconds": .number(Double(retry))], headers: [.retryAfter: String(retry)])
        }
        guard try await AuthRoutes(services: services).verify(body.password, hash: user.passwordHash) else {
            throw APIError(.forbidden, .wrongPassword, "the password is wrong; the account was not deleted")
        }
        let cleared = try await services.database.transaction { db in
            var cleared = try await clear(db, user: user.id)
            _ = try await AccountData.erase(db, user: user.id)
            if let avatar = user.avatarKey { cleared.keys.append(avatar) }
            return cleared
        }
        services.tokens.revokeUser(user.id)
        await remove(cleared)
        context.logger.info("account deleted")
        return Response(status: .noContent)
    }

    /// Cancels the user's running work the way a cancel does (each video's charge refunded once, a running
    /// studio step's too), then deletes the rows. Inside one transaction: all of it, or nothing.
    func clear(_ db: any SQLDatabase, user: String) async throws -> ClearedFiles {
        try await AccountData.lockJobs(db, user: user)
        let videos = VideoRoutes(services: services)
        for video in try await AccountData.busyVideos(db, user: user) {
            _ = try await videos.cancelJobs(db, video: video)
        }
        for project in try await AccountData.projects(db, user: user) {
            try await StudioProjects.refundRunning(db, owner: user, id: project)
        }
        return try await AccountData.clear(db, user: user)
    }

    /// Deletes the files of what was cleared, after the rows are gone (a crash in between leaves stray files, never
    /// rows pointing at missing ones).
    func remove(_ cleared: ClearedFiles) async {
        for video in cleared.videos {
            services.media.removeVideo(video)
            await services.removeStoredVideo(video)
        }
        for project in cleared.projects { await services.removeStoredProject(project) }
        for key in cleared.keys { await services.removeStoredObject(key) }
    }

    static func day(_ millis: Int64) -> String { String(APIError.utcMinute(millis).prefix(10)) }
}
