import Foundation
import Hummingbird
import HummingbirdTesting
import PixoraAPI
import PixoraCore
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

/// Sign in with an OpenID Connect provider, against the local emulator: the whole flow through the API, and
/// every refusal leaving no account, identity or session behind.
@Suite("Sign in with OpenID Connect")
struct OIDCSignInTests {
    static func environment(_ emulator: OIDCEmulator, issuer: String, allowPrivate: Bool = true) -> [String: String] {
        [
            "PIXORA_OIDC_ISSUER": issuer, "PIXORA_OIDC_CLIENT_ID": emulator.clientID,
            "PIXORA_OIDC_CLIENT_SECRET": emulator.clientSecret, "PIXORA_OIDC_NAME": "Emulated ID",
            "PIXORA_OIDC_ALLOW_PRIVATE": allowPrivate ? "1" : "0", "PIXORA_PUBLIC_URL": "http://pixora.test",
        ]
    }

    /// The emulator and a server configured for it.
    static func with(
        _ engine: TestEngine, person: OIDCEmulator.Person = .init(subject: "sub-1", email: "ann@example.com"),
        allowPrivate: Bool = true, _ body: @Sendable @escaping (TestApp, OIDCEmulator) async throws -> Void
    ) async throws {
        let emulator = try OIDCEmulator(person: person)
        try await emulator.run { issuer in
            // Without private addresses allowed the issuer must be https: the guard refuses it before any call.
            let issuer = allowPrivate ? issuer : issuer.replacingOccurrences(of: "http://", with: "https://")
            try await TestApp.with(
                engine, environment: environment(emulator, issuer: issuer, allowPrivate: allowPrivate)
            ) { app in try await body(app, emulator) }
        }
    }

    /// Start → the provider → the callback; answers the callback's redirect and the callback path used.
    static func signIn(_ api: API, _ emulator: OIDCEmulator) async throws -> (location: String, callback: String) {
        let start = try await api.call(.get, "/api/v1/auth/oidc/oidc/start")
        #expect(start.status == .found)
        let authorization = try #require(start.headers[.location])
        #expect(authorization.hasPrefix(emulator.issuer + "/authorize?"))
        let back = try await emulator.visit(authorization)
        #expect(back.hasPrefix("http://pixora.test/api/v1/auth/oidc/oidc/callback?"))
        let callback = String(back.dropFirst("http://pixora.test".count))
        let reply = try await api.call(.get, callback)
        #expect(reply.status == .found)
        return (try #require(reply.headers[.location]), callback)
    }

    /// The session a successful callback's one-time code is worth.
    static func session(_ api: API, _ location: String) async throws -> Schemas.Session {
        #expect(location.hasPrefix("/signin#signin="))
        let code = String(location.dropFirst("/signin#signin=".count))
        let reply = try await api.call(.post, "/api/v1/auth/oidc/exchange", json: ["code": code])
        #expect(reply.status == .ok)
        return try reply.decode(Schemas.Session.self)
    }

    static func counts(_ app: TestApp) async throws -> [String: Int] {
        try await app.services.database.read { db in
            var counts: [String: Int] = [:]
            for table in ["users", "user_identities", "oidc_handoffs", "refresh_tokens", "credit_transactions"] {
                counts[table] = try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?
                    .decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    @Test("the providers are listed; an unknown one is a 404", arguments: TestEngine.allCases)
    func providers(engine: TestEngine) async throws {
        try await Self.with(engine) { app, _ in
            try await app.test { api in
                let list = try await api.call(.get, "/api/v1/auth/oidc/providers")
                let providers = try list.decode(Schemas.SignInProviders.self).providers
                #expect(providers.map(\.id) == ["oidc"] && providers.map(\.name) == ["Emulated ID"])
                #expect(try await api.call(.get, "/api/v1/auth/oidc/google/start").status == .notFound)
                #expect(
                    try await api.call(.get, "/api/v1/auth/oidc/google/callback?state=x&code=y").status == .notFound)
            }
        }
    }

    @Test("a first sign-in makes an account without a password, a second finds it", arguments: TestEngine.allCases)
    func createsAccount(engine: TestEngine) async throws {
        let person = OIDCEmulator.Person(subject: "sub-ann", email: "Ann@Example.com", name: "Ann\nLee")
        try await Self.with(engine, person: person) { app, emulator in
            try await app.test { api in
                let first = try await Self.signIn(api, emulator)
                let session = try await Self.session(api, first.location)
                #expect(session.user.email == "ann@example.com" && session.user.name == "Ann Lee")
                #expect(session.user.credits == app.services.pricing.signupGrant)
                let me = try await api.call(
                    .get, "/api/v1/users/me/credits", headers: [.authorization: "Bearer \(session.accessToken)"])
                #expect(me.status == .ok)
                let user = try #require(
                    try await app.services.database.read { db in
                        try await Users.find(db, email: "ann@example.com")
                    })
                #expect(user.passwordHash.isEmpty)
                let linked = try await app.services.database.read { db in
                    try await ProviderIdentities.providers(db, user: user.id)
                }
                #expect(linked == ["oidc"])
                let balance = try await ledger(app, user.id)
                #expect(balance.balance == balance.sum)

                // The one-time code works once.
                let code = String(first.location.dropFirst("/signin#signin=".count))
                let again = try await api.call(.post, "/api/v1/auth/oidc/exchange", json: ["code": code])
                #expect(again.status == .badRequest && again.errorCode == .invalidToken)

                // No password: password sign-in says so instead of "wrong password".
                let login = try await api.call(
                    .post, "/api/v1/auth/login", json: ["email": "ann@example.com", "password": "anything at all"])
                #expect(login.status == .unauthorized && login.errorCode == .passwordNotSet)

                // The same person again: the same account, nothing new.
                let second = try await Self.session(api, try await Self.signIn(api, emulator).location)
                #expect(second.user.id == user.id)
                let counts = try await Self.counts(app)
                #expect(counts["users"] == 1 && counts["user_identities"] == 1 && counts["credit_transactions"] == 1)
            }
        }
    }

    @Test(
        "a sign-in links the account with the same verified email; its password still works",
        arguments: TestEngine.allCases)
    func linksByEmail(engine: TestEngine) async throws {
        try await Self.with(engine, person: .init(subject: "sub-bob", email: "bob@example.com")) { app, emulator in
            try await app.test { api in
                let registered = try await api.register("BOB@example.com", password: "bob's long password")
                let session = try await Self.session(api, try await Self.signIn(api, emulator).location)
                #expect(session.user.id == registered.userId)
                let login = try await api.call(
                    .post, "/api/v1/auth/login", json: ["email": "bob@example.com", "password": "bob's long password"])
                #expect(login.status == .ok)
                let counts = try await Self.counts(app)
                // One account, one identity, one sign-up grant.
                #expect(counts["users"] == 1 && counts["user_identities"] == 1 && counts["credit_transactions"] == 1)
                // Later the provider's email changes: the subject still finds the account.
                emulator.person = .init(subject: "sub-bob", email: "robert@example.com")
                let later = try await Self.session(api, try await Self.signIn(api, emulator).location)
                #expect(later.user.id == registered.userId)
            }
        }
    }

    @Test("bad ID tokens are refused and nothing is created", arguments: TestEngine.allCases)
    func badTokens(engine: TestEngine) async throws {
        let faults: [(OIDCEmulator.Fault, String)] = [
            (.badSignature, "rejected"), (.wrongAudience, "rejected"), (.expired, "rejected"),
            (.wrongNonce, "rejected"), (.wrongIssuer, "rejected"), (.unverifiedEmail, "unverified_email"),
        ]
        try await Self.with(engine) { app, emulator in
            try await app.test { api in
                let before = try await Self.counts(app)
                for (fault, reason) in faults {
                    emulator.fault = fault
                    let answer = try await Self.signIn(api, emulator)
                    #expect(answer.location == "/signin?signin_error=\(reason)&provider=oidc", "\(fault)")
                }
                #expect(try await Self.counts(app) == before)
                #expect(emulator.tokenRequests == faults.count)
            }
        }
    }

    @Test("a replayed callback, a wrong PKCE verifier and a stale state are refused", arguments: TestEngine.allCases)
    func replays(engine: TestEngine) async throws {
        try await Self.with(engine) { app, emulator in
            try await app.test { api in
                let first = try await Self.signIn(api, emulator)
                _ = try await Self.session(api, first.location)
                let counts = try await Self.counts(app)
                // The same callback again (state and nonce used): refused before the token endpoint.
                let replay = try await api.call(.get, first.callback)
                #expect(replay.headers[.location] == "/signin?signin_error=expired&provider=oidc")
                #expect(emulator.tokenRequests == 1)

                // A verifier that does not match the challenge sent: the provider refuses the code.
                let start = try await api.call(.get, "/api/v1/auth/oidc/oidc/start")
                let back = try await emulator.visit(try #require(start.headers[.location]))
                try await app.services.database.read { db in
                    try await db.raw("UPDATE oidc_logins SET code_verifier = 'not-the-verifier' WHERE used_at IS NULL")
                        .run()
                }
                let wrong = try await api.call(.get, String(back.dropFirst("http://pixora.test".count)))
                #expect(wrong.headers[.location] == "/signin?signin_error=rejected&provider=oidc")
                #expect(try await Self.counts(app) == counts)
            }
            // A state past its ten minutes (the routes read the clock they were built with, so the row is aged).
            try await app.test { api in
                let start = try await api.call(.get, "/api/v1/auth/oidc/oidc/start")
                let back = try await emulator.visit(try #require(start.headers[.location]))
                let past = Clock.nowMillis() - 1_000
                try await app.services.database.read { db in
                    try await db.raw("UPDATE oidc_logins SET expires_at = \(bind: past) WHERE used_at IS NULL").run()
                }
                let tokenRequests = emulator.tokenRequests
                let reply = try await api.call(.get, String(back.dropFirst("http://pixora.test".count)))
                #expect(reply.headers[.location] == "/signin?signin_error=expired&provider=oidc")
                #expect(emulator.tokenRequests == tokenRequests)
            }
        }
    }

    @Test("a provider on a loopback address is refused unless allowed", arguments: TestEngine.allCases)
    func privateAddress(engine: TestEngine) async throws {
        try await Self.with(engine, allowPrivate: false) { app, _ in
            try await app.test { api in
                let start = try await api.call(.get, "/api/v1/auth/oidc/oidc/start")
                #expect(start.status == .found)
                #expect(start.headers[.location] == "/signin?signin_error=unavailable&provider=oidc")
            }
        }
    }

    @Test("a provider configured by halves is refused at start, naming what is missing")
    func configuration() throws {
        let half = try Configuration(environment: ["PIXORA_OIDC_GOOGLE_CLIENT_ID": "id.apps.googleusercontent.com"])
        #expect(throws: UsageError.self) { try SignInProvider.from(settings: half) }
        do {
            _ = try SignInProvider.from(settings: half)
        } catch let error as UsageError {
            #expect(error.message.contains("without PIXORA_OIDC_GOOGLE_CLIENT_SECRET"))
        }
        let plain = try Configuration(environment: [
            "PIXORA_OIDC_ISSUER": "http://id.example.com", "PIXORA_OIDC_CLIENT_ID": "a",
            "PIXORA_OIDC_CLIENT_SECRET": "b",
        ])
        #expect(throws: UsageError.self) { try SignInProvider.from(settings: plain) }
        let google = try SignInProvider.from(
            settings: try Configuration(environment: [
                "PIXORA_OIDC_GOOGLE_CLIENT_ID": "id", "PIXORA_OIDC_GOOGLE_CLIENT_SECRET": "secret",
            ]))
        #expect(google.map(\.id) == ["google"] && google.first?.issuer == "https://accounts.google.com")
    }
}
