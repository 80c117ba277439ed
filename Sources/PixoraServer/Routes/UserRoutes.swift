import Foundation
import Hummingbird
import NIOCore
import PixoraCore
import PixoraPipeline
import PixoraStore

/// The signed-in user's profile, avatar, balance and ledger.
struct UserRoutes {
    let services: AppServices

    static let maxAvatarBytes = 2 << 20

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.get, "users/me/profile", profile)
        routes.add(.patch, "users/me/profile", updateProfile)
        routes.add(.put, "users/me/avatar", uploadAvatar)
        routes.add(.get, "users/me/credits", credits)
        routes.add(.get, "users/me/credits/transactions", transactions)
        routes.add(.get, "users/me/usage", usage)
    }

    func me(_ context: AuthenticatedContext) async throws -> User {
        guard let user = try await services.database.read({ db in try await Users.find(db, id: context.userId) }) else {
            throw APIError.unauthorized("this account no longer exists")
        }
        return user
    }

    @Sendable func profile(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.User>
    {
        JSONResponse(Schemas.User(try await me(context), tokens: services.tokens))
    }

    @Sendable func updateProfile(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.User
    > {
        let body = try await request.decodeJSON(Schemas.ProfileRequest.self)
        let name = body.name?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let name, name.codePointCount > 100 { throw APIError.validation("name", "must be at most 100 characters") }
        guard
            let user = try await services.database.transaction({ db in
                try await Users.updateProfile(db, id: context.userId, name: name, avatarKey: nil)
            })
        else {
            throw APIError.unauthorized("this account no longer exists")
        }
        return JSONResponse(Schemas.User(user, tokens: services.tokens))
    }

    /// The image type from its first bytes; the declared Content-Type must agree.
    static func imageType(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "jpg" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) {
            return "webp"
        }
        return nil
    }

    @Sendable func uploadAvatar(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.User
    > {
        let declared = request.headers[.contentType]?.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        let expected = ["image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"]
        guard let declared, let declaredType = expected[declared] else {
            throw APIError(
                .unsupportedMediaType, .unsupportedMediaType, "send the avatar as image/png, image/jpeg or image/webp")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.maxAvatarBytes)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, .payloadTooLarge, "the avatar must be at most 2 MiB")
        }
        let bytes = Array(buffer.readableBytesView)
        guard let actual = Self.imageType(bytes) else {
            throw APIError(.unsupportedMediaType, .unsupportedMediaType, "the file is not a PNG, JPEG or WebP image")
        }
        guard actual == declaredType else {
            throw APIError(
                .unsupportedMediaType, .unsupportedMediaType,
                "the file is a \(actual.uppercased()) image but was sent as \(declared)")
        }
        let key = "avatars/\(context.userId)-\(String(format: "%08x", UInt32.random(in: .min ... .max))).\(actual)"
        let scratch = try services.media.scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("avatar")
        try Data(bytes).write(to: file)
        try await services.storage.store(file, as: key, contentType: declared)
        let previous = try await me(context).avatarKey
        guard
            let user = try await services.database.transaction({ db in
                try await Users.updateProfile(db, id: context.userId, name: nil, avatarKey: .some(key))
            })
        else {
            try? await services.storage.remove(key)
            throw APIError.unauthorized("this account no longer exists")
        }
        if let previous { try? await services.storage.remove(previous) }
        return JSONResponse(Schemas.User(user, tokens: services.tokens))
    }

    @Sendable func credits(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.Credits
    > {
        JSONResponse(Schemas.Credits(balance: try await me(context).credits, pricing: services.pricing))
    }

    @Sendable func transactions(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.TransactionPage
    > {
        let query = request.uri.queryParameters
        let limit = try VideoRoutes.limit(query["limit"].map(String.init))
        let cursor = try VideoRoutes.cursor(query["cursor"].map(String.init))
        let page = try await services.database.read { db in
            try await CreditLedger.transactions(db, user: context.userId, limit: limit, after: cursor)
        }
        return JSONResponse(
            Schemas.TransactionPage(items: page.items.map(Schemas.Transaction.init), nextCursor: page.next?.token))
    }
}

extension UserRoutes {
    /// Credits per day over the last `days` days (1–365, default 30) and videos by status.
    @Sendable func usage(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<Schemas.Usage>
    {
        var days = 30
        if let text = request.uri.queryParameters["days"].map(String.init) {
            guard let value = Int(text), (1...365).contains(value) else {
                throw APIError.validation("days", "must be a number from 1 to 365, got '\(text)'")
            }
            days = value
        }
        let summary = try await services.database.read { db in
            try await Usage.summary(db, user: context.userId, days: days)
        }
        let counts = summary.videosByStatus
        return JSONResponse(
            Schemas.Usage(
                days: summary.days.map { Schemas.UsageDay(date: $0.date, spent: $0.spent, granted: $0.granted) },
                videosByStatus: .init(
                    queued: counts["queued"] ?? 0, running: counts["running"] ?? 0, completed: counts["completed"] ?? 0,
                    failed: counts["failed"] ?? 0, cancelled: counts["cancelled"] ?? 0,
                    expired: counts["expired"] ?? 0, paused: counts["paused"] ?? 0),
                totalVideos: summary.totalVideos, totalSeconds: summary.totalSeconds,
                creditsSpent: summary.creditsSpent))
    }
}

/// The price list and the setting choices, public so a visitor sees what a video can be and will cost before
/// signing up.
struct PricingRoutes {
    let services: AppServices

    func register(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.get, "pricing", pricing)
        routes.add(.get, "settings/options", settingsOptions)
    }

    @Sendable func settingsOptions(_ request: Request, context: AppRequestContext) async throws
        -> JSONResponse<SettingsOptions>
    {
        var options = SettingsOptions.current
        // What a request without a voice gets depends on this machine (Piper installed or not) and its providers.
        options.defaults.voice = services.defaultVoice
        options.agent = SettingsOptions.Agent(available: services.director != nil)
        return JSONResponse(options)
    }

    @Sendable func pricing(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Pricing> {
        JSONResponse(services.pricing)
    }
}

/// Administration: credit adjustments, for admins only.
struct AdminRoutes {
    let services: AppServices

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.post, "admin/users/:id/credits", adjustCredits)
    }

    /// Not the generated `AdjustRequest`: the generator drops `delta`, whose schema says "not 0" (`not`).
    struct AdjustRequest: Decodable {
        var delta: Int
        var reason: String?
    }

    @Sendable func adjustCredits(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.CreditAdjustment
    > {
        try await services.requireAdmin(context, to: "change credits")
        let target = try context.parameters.require("id")
        let body = try await request.decodeJSON(AdjustRequest.self)
        guard body.delta != 0, abs(body.delta) <= 1_000_000 else {
            throw APIError.validation("delta", "must be a non-zero number of credits, at most 1000000 either way")
        }
        let key = try IdempotencyKey.from(request).map { "admin:\(target):\($0)" }
        let row = try await services.database.transaction { db -> CreditTransaction? in
            guard try await Users.find(db, id: target) != nil else { throw APIError.notFound("user") }
            return try await CreditLedger.apply(
                db, user: target, delta: body.delta, reason: .adminGrant,
                reference: body.reason.map { String($0.prefix(200)) }, key: key)
        }
        guard let row else {
            throw APIError(.conflict, .alreadyApplied, "an adjustment with this Idempotency-Key was already applied")
        }
        context.logger.info(
            "credits adjusted", metadata: ["target": .string(target), "delta": .stringConvertible(body.delta)])
        return JSONResponse(Schemas.CreditAdjustment(balance: row.balanceAfter, transaction: Schemas.Transaction(row)))
    }
}
