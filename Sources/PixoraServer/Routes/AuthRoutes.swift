import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix
import PixoraCore
import PixoraStore

/// Sign-up, sign-in, token refresh, sign-out and password reset.
struct AuthRoutes {
    let services: AppServices

    func register(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.post, "auth/register", register)
        routes.add(.post, "auth/login", login)
        routes.add(.post, "auth/refresh", refresh)
        routes.add(.post, "auth/logout", logout)
        routes.add(.post, "auth/request-password-reset", requestReset)
        routes.add(.post, "auth/reset-password", resetPassword)
    }

    static func validEmail(_ email: String) -> Bool {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        return email.codePointCount <= 254
            && email.range(of: #"^[^\s@]+@[^\s@]+\.[^\s@]+$"#, options: .regularExpression) != nil
    }

    static func passwordIssue(_ password: String, field: String = "password") -> APIError? {
        if password.count < 8 { return .validation(field, "must be at least 8 characters") }
        // bcrypt reads at most 72 bytes; a longer password would be silently cut.
        if password.utf8.count > 72 { return .validation(field, "must be at most 72 bytes") }
        return nil
    }

    /// bcrypt is slow on purpose; keep it off the event loops.
    func hash(_ password: String) async throws -> String {
        let cost = services.configuration.bcryptCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        // An account made by a provider sign-in has no hash: no password is its password.
        guard !hash.isEmpty else { return false }
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    func session(for user: User) async throws -> Schemas.Session {
        let refresh = try await RefreshTokens.issue(
            in: services.database, user: user.id, lifetime: services.configuration.refreshTokenLifetime)
        return Schemas.Session(
            accessToken: try await services.tokens.accessToken(user: user.id, role: user.role.rawValue),
            refreshToken: refresh,
            expiresIn: Int(services.tokens.accessLifetime), user: Schemas.User(user, tokens: services.tokens))
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<
        Schemas.Session
    > {
        let body = try await request.decodeJSON(Schemas.RegisterRequest.self)
        guard Self.validEmail(body.email) else { throw APIError.validation("email", "is not a valid email address") }
        if let issue = Self.passwordIssue(body.password) { throw issue }
        let name = (body.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard name.codePointCount <= 100 else { throw APIError.validation("name", "must be at most 100 characters") }
        let user: User
        do {
            user = try await Users.create(
                in: services.database, email: body.email, passwordHash: try await hash(body.password), name: name,
                grant: services.pricing.signupGrant)
        } catch StoreError.conflict(let message) {
            throw APIError(.conflict, .emailTaken, message)
        }
        context.logger.info("account created", metadata: ["user": .string(user.id)])
        return JSONResponse(.created, try await session(for: user))
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Schemas.Session> {
        let body = try await request.decodeJSON(Schemas.LoginRequest.self)
        let email = Users.normalize(body.email)
        let address = context.remoteAddress ?? "unknown"
        for (limiter, key) in [(services.addressLimiter, "ip:\(address)"), (services.emailLimiter, "email:\(email)")] {
            if let retry = limiter.attempt(key) {
                throw APIError(
                    .tooManyRequests, .rateLimited, "too many sign-in attempts; try again in \(retry) seconds",
                    details: ["retryAfterSeconds": .number(Double(retry))], headers: [.retryAfter: String(retry)])
            }
        }
        let user = try await services.database.read { db in try await Users.find(db, email: email) }
        // Checking a dummy hash for unknown emails (and accounts without a password) keeps the answer time the
        // same either way.
        let hash = user.map(\.passwordHash).flatMap { $0.isEmpty ? nil : $0 } ?? services.dummyPasswordHash
        let valid = try await verify(body.password, hash: hash)
        if let user, user.passwordHash.isEmpty {
            throw APIError(
                .unauthorized, .passwordNotSet,
                "this account signs in with Google or another provider and has no password: use that button, "
                    + "or set a password with \"Forgot password\"")
        }
        guard let user, valid else {
            throw APIError(.unauthorized, .invalidCredentials, "the email or the password is wrong")
        }
        services.emailLimiter.reset("email:\(email)")
        return JSONResponse(try await session(for: user))
    }

    @Sendable func refresh(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<Schemas.Session>
    {
        let body = try await request.decodeJSON(Schemas.RefreshRequest.self)
        switch try await RefreshTokens.rotate(
            in: services.database, token: body.refreshToken, lifetime: services.configuration.refreshTokenLifetime)
        {
        case .rotated(let userId, let token):
            guard let user = try await services.database.read({ db in try await Users.find(db, id: userId) }) else {
                throw APIError(.unauthorized, .invalidToken, "the refresh token is not valid")
            }
            return JSONResponse(
                Schemas.Session(
                    accessToken: try await services.tokens.accessToken(user: user.id, role: user.role.rawValue),
                    refreshToken: token,
                    expiresIn: Int(services.tokens.accessLifetime), user: Schemas.User(user, tokens: services.tokens)))
        case .reused:
            context.logger.warning("refresh token reused; its family was revoked")
            throw APIError(
                .unauthorized, .tokenReused,
                "this refresh token was already used, so every session of that sign-in was signed out; sign in again")
        case .invalid:
            throw APIError(.unauthorized, .invalidToken, "the refresh token is not valid, expired or signed out")
        }
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(Schemas.RefreshRequest.self)
        try await RefreshTokens.revoke(in: services.database, token: body.refreshToken)
        return Response(status: .noContent)
    }

    @Sendable func requestReset(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<
        Schemas.Accepted
    > {
        let body = try await request.decodeJSON(Schemas.PasswordResetRequest.self)
        guard Self.validEmail(body.email) else { throw APIError.validation("email", "is not a valid email address") }
        let accepted = Schemas.Accepted(
            status: .accepted, message: "if an account uses this email, a reset link is on its way")
        // The same answer whether or not the account exists; the mail goes out in the background.
        guard let user = try await services.database.read({ db in try await Users.find(db, email: body.email) }) else {
            return JSONResponse(.accepted, accepted)
        }
        let token = try await PasswordResets.issue(
            in: services.database, user: user.id, lifetime: services.configuration.resetTokenLifetime)
        let link = "\(services.configuration.publicURL)/reset-password?token=\(token)"
        // The name stays on the greeting's line: a name with line breaks could otherwise write its own paragraphs.
        let name = TextSanitizer.singleLine(user.name)
        let mail = Mail(
            to: user.email, subject: "Reset your Pixora password",
            body: """
                Hello\(name.isEmpty ? "" : " \(name)"),

                someone (hopefully you) asked to reset the password of your Pixora account.
                Open this link within an hour to choose a new password:

                \(link)

                The link works once. If you did not ask for this, ignore this mail; your password stays as it is.
                """)
        let mailer = services.mailer
        let logger = context.logger
        Task {
            do { try await mailer.send(mail) } catch {
                logger.error("password reset mail failed", metadata: ["error": .string("\(error)")])
            }
        }
        return JSONResponse(.accepted, accepted)
    }

    @Sendable func resetPassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.decodeJSON(Schemas.ResetPasswordRequest.self)
        if let issue = Self.passwordIssue(body.password) { throw issue }
        guard
            try await PasswordResets.redeem(
                in: services.database, token: body.token, newHash: try await hash(body.password)) != nil
        else {
            throw APIError(
                .badRequest, .invalidToken,
                "this reset link is not valid, was already used, or has expired; ask for a new one")
        }
        return Response(status: .noContent)
    }
}
