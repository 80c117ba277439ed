import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

/// A server whose Stripe is the emulator, with a clock the tests hold (`now`, seconds since 1970).
struct StripeTestApp: Sendable {
    let app: TestApp
    let stripe: StripeEmulator
    let now: Int64

    static let now: Int64 = 1_800_000_000

    static func with<T: Sendable>(
        _ engine: TestEngine, key: String? = nil, environment: [String: String] = [:],
        _ body: @Sendable (StripeTestApp, API) async throws -> T
    ) async throws -> T {
        let stripe = StripeEmulator()
        return try await stripe.run { base in
            var settings = environment
            settings["STRIPE_SECRET_KEY"] = key ?? stripe.key
            settings["STRIPE_WEBHOOK_SECRET"] = stripe.webhookSecret
            settings["STRIPE_API_BASE"] = base
            settings["PIXORA_PUBLIC_URL"] = "https://studio.example.com"
            settings["PIXORA_PROVIDER_ATTEMPTS"] = "1"
            return try await TestApp.with(engine, environment: settings) { app in
                var services = app.services
                services.now = { now * 1000 }
                let fixed = TestApp(services: services, routes: app.routes, mailer: app.mailer, location: app.location)
                let testing = StripeTestApp(app: fixed, stripe: stripe, now: now)
                return try await fixed.test { api in try await body(testing, api) }
            }
        }
    }

    var database: any Database { app.services.database }

    /// Delivers `event` to the webhook signed at `at` (default: now) with the emulator's secret or `secret`;
    /// `header` replaces the signature header as sent; `unsigned` sends none.
    func deliver(
        _ api: API, _ event: [String: Any], at: Int64? = nil, secret: String? = nil, header: String? = nil,
        unsigned: Bool = false
    ) async throws -> Reply {
        let (body, signature) = stripe.signed(event, at: at ?? now, secret: secret)
        var headers: HTTPFields = [.contentType: "application/json"]
        if !unsigned { headers[.init("Stripe-Signature")!] = header ?? signature }
        return try await api.call(.post, "/api/v1/billing/webhook", headers: headers, raw: ByteBuffer(bytes: body))
    }

    /// Balance and ledger sum of `user`; they must agree.
    func balance(_ user: String) async throws -> Int {
        try await database.read { db in
            let balance = try await CreditLedger.balance(db, user: user) ?? -1
            let sum = try await CreditLedger.ledgerSum(db, user: user)
            #expect(balance == sum, "balance \(balance) differs from the ledger's sum \(sum)")
            return balance
        }
    }

    func eventCount() async throws -> Int {
        try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM stripe_events").first()!.decode(column: "n", as: Int.self)
        }
    }

    /// Starts a checkout through the API and returns the emulator's session id.
    func checkout(_ api: API, _ session: Session, _ body: [String: Any]) async throws -> String {
        let reply = try await api.call(.post, "/api/v1/billing/checkout", session: session, json: body)
        guard reply.status == .ok else { throw TestFailure("checkout: \(reply.status) \(reply.text)") }
        let url = try reply.decode(Schemas.BillingRedirect.self).url
        guard let id = url.split(separator: "/").last.map(String.init) else { throw TestFailure("url \(url)") }
        return id
    }
}
