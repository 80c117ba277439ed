import Foundation
import HummingbirdTesting
import PixoraAPI
import PixoraStore
import PixoraTestSupport
import Testing

@testable import PixoraServer

@Suite("Accounts and tokens through the API")
struct AuthTests {
    @Test(
        "sign-up validates email and password, refuses a taken email, and stores a bcrypt hash",
        arguments: TestEngine.allCases)
    func signUp(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let short = try await api.call(
                    .post, "/api/v1/auth/register", json: ["email": "a@example.com", "password": "short"])
                #expect(short.status == .unprocessableContent && short.errorMessage?.contains("password") == true)
                let bad = try await api.call(
                    .post, "/api/v1/auth/register", json: ["email": "not-an-email", "password": "long enough"])
                #expect(bad.status == .unprocessableContent && bad.errorMessage?.contains("email") == true)
                let session = try await api.register("taken@example.com")
                let again = try await api.call(
                    .post, "/api/v1/auth/register", json: ["email": "Taken@Example.com", "password": "long enough"])
                #expect(again.status == .conflict && again.errorCode == .emailTaken)
                let hash = try await app.services.database.read { db in try await Users.find(db, id: session.userId) }?
                    .passwordHash
                #expect(hash?.hasPrefix("$2") == true)
                #expect(hash?.contains("correct horse") == false)
                let profile = try await api.call(.get, "/api/v1/users/me/profile", session: session).decode(
                    Schemas.User.self)
                #expect(profile.email == "taken@example.com" && profile.credits == 100)
                #expect(profile.role == .admin)  // the first account
            }
        }
    }

    @Test("tampered, expired, missing and malformed access tokens answer 401", arguments: TestEngine.allCases)
    func badTokens(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                #expect(try await api.call(.get, "/api/v1/videos", session: session).status == .ok)
                var tampered = session
                let parts = session.token.split(separator: ".").map(String.init)
                let payload = Data(
                    base64Encoded: parts[1].padding(toLength: (parts[1].count + 3) / 4 * 4, withPad: "=", startingAt: 0)
                        .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/"))!
                let forged = String(decoding: payload, as: UTF8.self).replacingOccurrences(
                    of: "\"role\":\"admin\"", with: "\"role\":\"root\"")
                tampered.token =
                    parts[0] + "." + Data(forged.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                    + "." + parts[2]
                let forgedReply = try await api.call(.get, "/api/v1/videos", session: tampered)
                #expect(forgedReply.status == .unauthorized && forgedReply.errorCode == .invalidToken)
                var flipped = session
                // A character inside the signature (the last one may only carry padding bits).
                var characters = Array(session.token)
                let index = characters.count - 10
                characters[index] = characters[index] == "A" ? "B" : "A"
                flipped.token = String(characters)
                #expect(try await api.call(.get, "/api/v1/videos", session: flipped).status == .unauthorized)

                let old = try await app.services.tokens.accessToken(
                    user: session.userId, role: "user", now: Date().addingTimeInterval(-3600))
                let expired = try await api.call(.get, "/api/v1/videos", headers: [.authorization: "Bearer \(old)"])
                #expect(expired.status == .unauthorized && expired.errorCode == .tokenExpired)
                let missing = try await api.call(.get, "/api/v1/videos")
                #expect(missing.status == .unauthorized && missing.headers[.wwwAuthenticate] == "Bearer")
                #expect(
                    try await api.call(.get, "/api/v1/videos", headers: [.authorization: "Basic abc"]).status
                        == .unauthorized)
            }
        }
    }

    @Test("a token verified once is still refused once it expires, and an altered copy is never taken for it")
    func verifiedTokensExpire() async throws {
        let tokens = await TokenService(
            secret: "test-secret-that-is-long-enough-for-hs256-0123456789", accessLifetime: 2)
        let token = try await tokens.accessToken(user: "u1", role: "user")
        let identity = try await tokens.verify(token)
        #expect(identity.userId == "u1" && identity.role == "user")
        #expect(try await tokens.verify(token).userId == "u1")
        let altered = String(token.dropLast(3)) + (token.hasSuffix("AAA") ? "BBB" : "AAA")
        await #expect(throws: APIError.self) { try await tokens.verify(altered) }
        try await Task.sleep(for: .milliseconds(2100))
        do {
            _ = try await tokens.verify(token)
            Issue.record("an expired token was accepted")
        } catch let error as APIError {
            #expect(error.code == .tokenExpired)
        }
    }

    @Test(
        "a refresh token rotates; reusing an old one revokes the family; sign-out revokes it",
        arguments: TestEngine.allCases)
    func refreshTokens(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let rotated = try await api.call(
                    .post, "/api/v1/auth/refresh", json: ["refreshToken": session.refreshToken])
                #expect(rotated.status == .ok)
                let tokens = try rotated.decode(Schemas.Session.self)
                let next = tokens.refreshToken
                #expect(next != session.refreshToken)
                let access = tokens.accessToken
                #expect(
                    try await api.call(.get, "/api/v1/videos", headers: [.authorization: "Bearer \(access)"]).status
                        == .ok)

                let reused = try await api.call(
                    .post, "/api/v1/auth/refresh", json: ["refreshToken": session.refreshToken])
                #expect(reused.status == .unauthorized && reused.errorCode == .tokenReused)
                #expect(
                    try await api.call(.post, "/api/v1/auth/refresh", json: ["refreshToken": next]).status
                        == .unauthorized)

                let login = try await api.call(
                    .post, "/api/v1/auth/login", json: ["email": "x@example.com", "password": "nope nope"])
                #expect(login.status == .unauthorized && login.errorCode == .invalidCredentials)
                let fresh = try await api.register("signout@example.com")
                #expect(
                    try await api.call(.post, "/api/v1/auth/logout", json: ["refreshToken": fresh.refreshToken]).status
                        == .noContent)
                #expect(
                    try await api.call(.post, "/api/v1/auth/refresh", json: ["refreshToken": fresh.refreshToken]).status
                        == .unauthorized)
            }
        }
    }

    @Test("sign-in is rate limited per email with 429 and Retry-After", arguments: TestEngine.allCases)
    func rateLimit(engine: TestEngine) async throws {
        try await TestApp.with(engine, environment: ["PIXORA_LOGIN_LIMIT": "3"]) { app in
            try await app.test { api in
                _ = try await api.register("limited@example.com", password: "right password")
                for _ in 0..<3 {
                    #expect(
                        try await api.call(
                            .post, "/api/v1/auth/login",
                            json: ["email": "limited@example.com", "password": "wrong password"]
                        ).status == .unauthorized)
                }
                let limited = try await api.call(
                    .post, "/api/v1/auth/login", json: ["email": "limited@example.com", "password": "right password"])
                #expect(limited.status == .tooManyRequests && limited.errorCode == .rateLimited)
                #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
                // Another account is not affected.
                _ = try await api.register("other@example.com", password: "right password")
                #expect(
                    try await api.call(
                        .post, "/api/v1/auth/login", json: ["email": "other@example.com", "password": "right password"]
                    ).status == .ok)
            }
        }
    }

    @Test(
        "password reset: always 202, a single-use link by mail, the new password works and sessions end",
        arguments: TestEngine.allCases)
    func passwordReset(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register("forgetful@example.com", password: "old password")
                let unknown = try await api.call(
                    .post, "/api/v1/auth/request-password-reset", json: ["email": "nobody@example.com"])
                #expect(unknown.status == .accepted)
                let known = try await api.call(
                    .post, "/api/v1/auth/request-password-reset", json: ["email": "forgetful@example.com"])
                #expect(known.status == .accepted && known.text == unknown.text)
                var mails: [Mail] = []
                let deadline = ContinuousClock.now + .seconds(300)
                while mails.isEmpty && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                    mails = app.mailer.mails
                }
                #expect(mails.count == 1 && mails.first?.to == "forgetful@example.com")
                let token = try #require(
                    mails.first?.body.components(separatedBy: "token=").last?.split(whereSeparator: \.isWhitespace)
                        .first.map(String.init))
                let weak = try await api.call(
                    .post, "/api/v1/auth/reset-password", json: ["token": token, "password": "short"])
                #expect(weak.status == .unprocessableContent)
                #expect(
                    try await api.call(
                        .post, "/api/v1/auth/reset-password", json: ["token": token, "password": "new password"]
                    ).status == .noContent)
                #expect(
                    try await api.call(
                        .post, "/api/v1/auth/reset-password", json: ["token": token, "password": "newer password"]
                    ).status == .badRequest)
                #expect(
                    try await api.call(
                        .post, "/api/v1/auth/login",
                        json: ["email": "forgetful@example.com", "password": "old password"]
                    ).status == .unauthorized)
                #expect(
                    try await api.call(
                        .post, "/api/v1/auth/login",
                        json: ["email": "forgetful@example.com", "password": "new password"]
                    ).status == .ok)
                #expect(
                    try await api.call(.post, "/api/v1/auth/refresh", json: ["refreshToken": session.refreshToken])
                        .status == .unauthorized)
            }
        }
    }
}

@Suite("Password reset through a real SMTP server")
struct PasswordResetMailTests {
    @Test("the reset mail goes through SMTP; its link sets a new password once", arguments: TestEngine.allCases)
    func throughSMTP(engine: TestEngine) async throws {
        let server = try await SMTPTestServer()
        defer { server.stop() }
        let mailer = try SMTPMailer(
            url: "smtp://127.0.0.1:\(server.port)", from: "Pixora <no-reply@pixora.test>", logger: testLogger,
            timeout: generousSMTPTimeout)
        try await TestApp.with(engine, environment: ["PIXORA_PUBLIC_URL": "https://studio.pixora.test"], mailer: mailer)
        { app in
            try await app.test { api in
                _ = try await api.register("mailme@example.com", password: "first password")
                #expect(
                    try await api.call(
                        .post, "/api/v1/auth/request-password-reset", json: ["email": "mailme@example.com"]
                    ).status == .accepted)
                // Generous, like the mailer's timeout: the default 15 s once dropped this mail (the send gave up and
                // the route only logs), with every suite running on two cores.
                var received: [SMTPTestServer.Received] = []
                let deadline = ContinuousClock.now + .seconds(300)
                while received.isEmpty && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                    received = try server.received()
                }
                try #require(received.count == 1)
                #expect(received[0].rcptTos == ["mailme@example.com"])
                #expect(received[0].headers["subject"] == "Reset your Pixora password")
                let link = try #require(
                    received[0].body.split(whereSeparator: \.isWhitespace).first {
                        $0.hasPrefix("https://studio.pixora.test/reset-password?token=")
                    })
                let token = String(link.split(separator: "=", maxSplits: 1)[1])
                #expect(
                    try await api.call(
                        .post, "/api/v1/auth/reset-password", json: ["token": token, "password": "second password"]
                    ).status == .noContent)
                #expect(
                    try await api.call(
                        .post, "/api/v1/auth/reset-password", json: ["token": token, "password": "third password"]
                    ).status == .badRequest)
                #expect(
                    try await api.call(
                        .post, "/api/v1/auth/login",
                        json: ["email": "mailme@example.com", "password": "second password"]
                    ).status == .ok)
            }
        }
    }
}
