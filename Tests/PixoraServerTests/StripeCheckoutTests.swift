import Foundation
import Hummingbird
import PixoraAPI
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Stripe checkout, portal and invoices")
struct StripeCheckoutTests {
    @Test("a credit pack's session carries the user, the pack and Pixora's URLs", arguments: TestEngine.allCases)
    func creditPack(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine) { t, api in
            let session = try await api.register()
            let start = try await t.balance(session.userId)
            let id = try await t.checkout(api, session, ["kind": "credits", "pack": "medium"])
            let sent = try #require(t.stripe.requests.last { $0.path == "/v1/checkout/sessions" })
            #expect(sent.headers["authorization"] == "Bearer \(t.stripe.key)")
            #expect(sent.headers["idempotency-key"]?.isEmpty == false)
            #expect(sent.headers["content-type"] == "application/x-www-form-urlencoded")
            let form = sent.form
            #expect(form["mode"] == "payment")
            #expect(form["client_reference_id"] == session.userId)
            #expect(form["metadata[pixora_user]"] == session.userId)
            #expect(form["metadata[pixora_kind]"] == "credits")
            #expect(form["metadata[pixora_credits]"] == "1200")
            #expect(form["line_items[0][price_data][unit_amount]"] == "1000")
            #expect(form["line_items[0][price_data][currency]"] == "usd")
            #expect(form["success_url"] == "https://studio.example.com/billing?checkout=success")
            #expect(form["cancel_url"] == "https://studio.example.com/billing?checkout=cancelled")
            // The customer is made once, stored, and reused by the next checkout and the portal.
            let customer = try #require(form["customer"])
            let stored = try await t.database.read { db in try await StripeRecords.customer(db, user: session.userId) }
            #expect(stored == customer)
            _ = try await t.checkout(api, session, ["kind": "credits", "pack": "small"])
            let portal = try await api.call(.post, "/api/v1/billing/portal", session: session)
            #expect(portal.status == .ok)
            #expect(try portal.decode(Schemas.BillingRedirect.self).url.contains("/p/session/bps_"))
            let portalForm = try #require(t.stripe.requests.last { $0.path == "/v1/billing_portal/sessions" }).form
            #expect(portalForm["customer"] == customer)
            #expect(portalForm["return_url"] == "https://studio.example.com/billing")
            #expect(t.stripe.customerIDs == [customer])
            #expect(t.stripe.session(id)?["customer"] as? String == customer)
            // Nothing is granted by starting a checkout.
            #expect(try await t.balance(session.userId) == start)
        }
    }

    @Test("a plan's session subscribes monthly with the metadata on the subscription", arguments: TestEngine.allCases)
    func plan(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine) { t, api in
            let session = try await api.register()
            _ = try await t.checkout(api, session, ["kind": "subscription", "plan": "pro"])
            let form = try #require(t.stripe.requests.last { $0.path == "/v1/checkout/sessions" }).form
            #expect(form["mode"] == "subscription")
            #expect(form["line_items[0][price_data][recurring][interval]"] == "month")
            #expect(form["line_items[0][price_data][unit_amount]"] == "1900")
            #expect(form["metadata[pixora_plan]"] == "pro")
            #expect(form["metadata[pixora_kind]"] == "subscription")
            #expect(form["subscription_data[metadata][pixora_plan]"] == "pro")
            #expect(form["subscription_data[metadata][pixora_user]"] == session.userId)
            #expect(form["subscription_data[metadata][pixora_credits]"] == "1500")
        }
    }

    @Test(
        "a plan while Stripe bills one is refused with 409, before Stripe; packs and a lapsed plan are not",
        arguments: TestEngine.allCases)
    func secondSubscription(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine) { t, api in
            let session = try await api.register()
            let pro = try #require(t.app.services.plans.plan(id: "pro"))
            try await t.app.services.database.transaction { db in
                try await Subscriptions.setPlan(
                    db, userID: session.userId, plan: pro, stripeCustomer: "cus_second",
                    stripeSubscription: "sub_second")
            }
            let sessions = t.stripe.sessionIDs.count
            for plan in ["pro", "enterprise"] {
                let reply = try await api.call(
                    .post, "/api/v1/billing/checkout", session: session,
                    json: ["kind": "subscription", "plan": plan])
                #expect(reply.status == .conflict && reply.errorCode == .conflict, "\(reply.text)")
                #expect(reply.errorMessage?.contains("billing portal") == true)
            }
            #expect(t.stripe.sessionIDs.count == sessions)
            _ = try await t.checkout(api, session, ["kind": "credits", "pack": "small"])
            try await t.app.services.database.transaction { db in
                try await Subscriptions.setPlan(db, userID: session.userId, plan: pro, status: .canceled)
            }
            _ = try await t.checkout(api, session, ["kind": "subscription", "plan": "pro"])
            #expect(t.stripe.sessionIDs.count == sessions + 2)
        }
    }

    @Test("the same Idempotency-Key answers the same session", arguments: TestEngine.allCases)
    func idempotent(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine) { t, api in
            let session = try await api.register()
            var urls: [String] = []
            for _ in 0..<2 {
                let reply = try await api.call(
                    .post, "/api/v1/billing/checkout", session: session, headers: [.init("Idempotency-Key")!: "buy-1"],
                    json: ["kind": "credits", "pack": "small"])
                urls.append(try reply.decode(Schemas.BillingRedirect.self).url)
            }
            #expect(urls[0] == urls[1])
            #expect(t.stripe.sessionIDs.count == 1)
        }
    }

    @Test("bad requests are refused with the field named, before Stripe is called", arguments: TestEngine.allCases)
    func validation(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine) { t, api in
            let session = try await api.register()
            let cases: [([String: Any], String)] = [
                (["kind": "credits", "pack": "huge"], "pack"),
                (["kind": "credits"], "pack"),
                (["kind": "credits", "pack": "small", "plan": "pro"], "plan"),
                (["kind": "subscription", "plan": "free"], "plan"),
                (["kind": "subscription", "plan": "platinum"], "plan"),
                (["kind": "subscription"], "plan"),
                (["kind": "gift"], "kind"),
            ]
            for (body, field) in cases {
                let reply = try await api.call(.post, "/api/v1/billing/checkout", session: session, json: body)
                #expect(reply.status == .unprocessableContent, "\(body)")
                let issues = try reply.decode(Schemas.ValidationError.self).value2.error?.details?.issues ?? []
                #expect(issues.first?.field == field, "\(body): \(reply.text)")
            }
            let missing = try await api.call(
                .post, "/api/v1/billing/checkout", session: session, json: ["pack": "small"])
            #expect(missing.status == .unprocessableContent && missing.errorMessage == "missing field 'kind'")
            #expect(t.stripe.requests.filter { $0.path == "/v1/checkout/sessions" }.isEmpty)
            #expect(
                try await api.call(.post, "/api/v1/billing/checkout", json: ["kind": "credits"]).status == .unauthorized
            )
        }
    }

    @Test("Stripe's refusals are a 502 that never shows the key", arguments: TestEngine.allCases)
    func stripeErrors(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine, key: "sk_test_wrong_key_123456") { t, api in
            let session = try await api.register()
            let reply = try await api.call(
                .post, "/api/v1/billing/checkout", session: session, json: ["kind": "credits", "pack": "small"])
            #expect(reply.status == .badGateway)
            #expect(reply.errorCode == .paymentProviderFailed)
            #expect(reply.errorMessage?.contains("STRIPE_SECRET_KEY") == true)
            #expect(!reply.text.contains("sk_test_wrong"))
            #expect(try await api.call(.get, "/api/v1/billing/invoices", session: session).status == .ok)
        }
    }

    @Test("invoices are the caller's own, from Stripe", arguments: TestEngine.allCases)
    func invoices(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine) { t, api in
            let session = try await api.register()
            let other = try await api.register()
            let empty = try await api.call(.get, "/api/v1/billing/invoices", session: session)
            #expect(try empty.decode(Schemas.InvoiceList.self).invoices.isEmpty)
            let id = try await t.checkout(api, session, ["kind": "credits", "pack": "small"])
            for event in t.stripe.complete(session: id, at: t.now) { _ = try await t.deliver(api, event) }
            _ = try await t.checkout(api, other, ["kind": "credits", "pack": "large"])
            let list = try await api.call(.get, "/api/v1/billing/invoices", session: session)
            let invoices = try list.decode(Schemas.InvoiceList.self).invoices
            #expect(invoices.count == 1)
            #expect(invoices.first?.amountPaidCents == 500 && invoices.first?.status == "paid")
            #expect(invoices.first?.createdAt == Date(timeIntervalSince1970: TimeInterval(t.now)))
            let theirs = try await api.call(.get, "/api/v1/billing/invoices", session: other)
            #expect(try theirs.decode(Schemas.InvoiceList.self).invoices.isEmpty)
            let query = try #require(t.stripe.requests.last { $0.path.hasPrefix("/v1/invoices") }).path
            #expect(query.contains("customer=cus_"))
        }
    }

    @Test("without Stripe, payments answer 503 and the packs say so", arguments: TestEngine.allCases)
    func notConfigured(engine: TestEngine) async throws {
        try await TestApp.with(engine, environment: ["PIXORA_CREDIT_PACKS": "mini:50:0.99"]) { app in
            try await app.test { api in
                let session = try await api.register()
                for (method, path) in [
                    (HTTPRequest.Method.post, "/api/v1/billing/checkout"), (.post, "/api/v1/billing/portal"),
                    (.get, "/api/v1/billing/invoices"),
                ] {
                    let reply = try await api.call(
                        method, path, session: session, json: ["kind": "credits", "pack": "mini"])
                    #expect(reply.status == .serviceUnavailable, "\(path)")
                    #expect(reply.errorCode == .billingUnavailable, "\(path)")
                }
                let packs = try await api.call(.get, "/api/v1/billing/packs").decode(Schemas.CreditPackList.self)
                #expect(!packs.enabled)
                #expect(packs.packs.map(\.id) == ["mini"] && packs.packs.first?.priceCents == 99)
            }
        }
    }
}
