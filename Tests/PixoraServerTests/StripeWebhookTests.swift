import Foundation
import Hummingbird
import PixoraAPI
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Stripe's webhook: signed, idempotent, in order")
struct StripeWebhookTests {
    /// A paid credit-pack session's `checkout.session.completed`, made through the API and the emulator.
    static func paidPack(_ t: StripeTestApp, _ api: API, _ session: Session, pack: String = "small") async throws
        -> [String: Any]
    {
        let id = try await t.checkout(api, session, ["kind": "credits", "pack": pack])
        let events = t.stripe.complete(session: id, at: t.now)
        return try #require(events.first { $0["type"] as? String == "checkout.session.completed" })
    }

    @Test("a paid credit pack is granted once, however often it is delivered", arguments: TestEngine.allCases)
    func creditPack(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine) { t, api in
            let session = try await api.register()
            let start = try await t.balance(session.userId)
            let event = try await Self.paidPack(t, api, session)
            let first = try await t.deliver(api, event)
            #expect(first.status == .ok)
            let receipt = try first.decode(Schemas.StripeEventReceipt.self)
            #expect(!receipt.duplicate && receipt.outcome == "granted 500 credits")
            #expect(try await t.balance(session.userId) == start + 500)
            // Replays of the event: acknowledged, nothing granted again.
            for _ in 0..<3 {
                let again = try await t.deliver(api, event)
                #expect(again.status == .ok)
                #expect(try again.decode(Schemas.StripeEventReceipt.self).duplicate)
            }
            // Another event about the same session (Stripe's async success after completed): still one grant.
            var async = event
            async["id"] = t.stripe.nextEventID()
            async["type"] = "checkout.session.async_payment_succeeded"
            let other = try await t.deliver(api, async)
            #expect(try other.decode(Schemas.StripeEventReceipt.self).outcome == "already granted")
            #expect(try await t.balance(session.userId) == start + 500)
            let rows = try await t.database.read { db in
                try await CreditLedger.transactions(db, user: session.userId, limit: 10, after: nil).items
            }
            #expect(rows.filter { $0.reason == .creditPurchase }.map(\.delta) == [500])
            #expect(rows.first?.balanceAfter == start + 500)
            let ledger = try await api.call(.get, "/api/v1/users/me/credits/transactions", session: session)
            #expect(try ledger.decode(Schemas.TransactionPage.self).items.first?.reason == .creditPurchase)
        }
    }

    @Test("50 concurrent deliveries of one event grant once", arguments: TestEngine.allCases)
    func concurrentDeliveries(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine) { t, api in
            let session = try await api.register()
            let start = try await t.balance(session.userId)
            let event = try await Self.paidPack(t, api, session, pack: "large")
            let (body, signature) = t.stripe.signed(event, at: t.now)
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, Bool).self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let reply = try await api.call(
                            .post, "/api/v1/billing/webhook",
                            headers: [.init("Stripe-Signature")!: signature, .contentType: "application/json"],
                            raw: .init(bytes: body))
                        let duplicate = (try? reply.decode(Schemas.StripeEventReceipt.self))?.duplicate ?? true
                        return (reply.status, duplicate)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0.0 == .ok })
            #expect(statuses.filter { !$0.1 }.count == 1)
            #expect(try await t.balance(session.userId) == start + 3000)
            #expect(try await t.eventCount() == 1)
        }
    }

    @Test(
        "a forged, malformed, missing or stale signature is a 400 that changes nothing", arguments: TestEngine.allCases)
    func signatures(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine) { t, api in
            let session = try await api.register()
            let start = try await t.balance(session.userId)
            let event = try await Self.paidPack(t, api, session)
            let (body, good) = t.stripe.signed(event, at: t.now)
            let goodMAC = String(good.split(separator: ",")[1].dropFirst(3))
            let refusals: [(String, Reply)] = [
                ("wrong secret", try await t.deliver(api, event, secret: "whsec_forged")),
                ("no header", try await t.deliver(api, event, unsigned: true)),
                ("no v1", try await t.deliver(api, event, header: "t=\(t.now)")),
                ("no t", try await t.deliver(api, event, header: "v1=\(goodMAC)")),
                ("not hex", try await t.deliver(api, event, header: "t=\(t.now),v1=zz")),
                ("stale", try await t.deliver(api, event, at: t.now - 301)),
                ("from the future", try await t.deliver(api, event, at: t.now + 301)),
                ("other timestamp", try await t.deliver(api, event, header: "t=\(t.now - 1),v1=\(goodMAC)")),
            ]
            for (name, reply) in refusals {
                #expect(reply.status == .badRequest, "\(name)")
                #expect(reply.errorCode == .invalidSignature, "\(name): \(reply.text)")
            }
            // A changed body under a good signature.
            var tampered = body
            tampered.append(contentsOf: Array(" ".utf8))
            let changed = try await api.call(
                .post, "/api/v1/billing/webhook", headers: [.init("Stripe-Signature")!: good],
                raw: .init(bytes: tampered))
            #expect(changed.status == .badRequest && changed.errorCode == .invalidSignature)
            #expect(try await t.eventCount() == 0)
            #expect(try await t.balance(session.userId) == start)
            // Within the tolerance, and with several v1 of which one matches (a secret being rolled): accepted.
            let rolled = try await t.deliver(
                api, event, at: t.now - 299,
                header: t.stripe.signed(event, at: t.now - 299).signature + ",v1=" + String(repeating: "ab", count: 32))
            #expect(rolled.status == .ok)
            #expect(try await t.balance(session.userId) == start + 500)
        }
    }

    @Test("unknown types and unknown accounts are acknowledged and grant nothing", arguments: TestEngine.allCases)
    func unknowns(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine) { t, api in
            let session = try await api.register()
            let start = try await t.balance(session.userId)
            let ping = StripeEmulator.event(
                t.stripe.nextEventID(), "charge.refund.updated", ["id": "re_1"], created: t.now)
            let ignored = try await t.deliver(api, ping)
            #expect(ignored.status == .ok)
            #expect(try ignored.decode(Schemas.StripeEventReceipt.self).outcome == "ignored")
            // A signed event whose metadata names an account that does not exist (forged at checkout, or deleted).
            var event = try await Self.paidPack(t, api, session)
            var object = event["data"] as! [String: Any]
            var checkout = object["object"] as! [String: Any]
            checkout["metadata"] = ["pixora_user": "no-such-user", "pixora_kind": "credits", "pixora_credits": "9999"]
            checkout["client_reference_id"] = "no-such-user"
            object["object"] = checkout
            event["data"] = object
            let forged = try await t.deliver(api, event)
            #expect(forged.status == .ok)
            #expect(try forged.decode(Schemas.StripeEventReceipt.self).outcome == "unknown account")
            #expect(try await t.balance(session.userId) == start)
            let granted = try await t.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM credit_transactions WHERE reason = 'credit_purchase'")
                    .first()!.decode(column: "n", as: Int.self)
            }
            #expect(granted == 0)
            // Not an event at all, though signed.
            let junk = try await api.call(
                .post, "/api/v1/billing/webhook",
                headers: [.init("Stripe-Signature")!: t.stripe.signed(["hello": "world"], at: t.now).signature],
                raw: .init(
                    bytes: Array(try JSONSerialization.data(withJSONObject: ["hello": "world"], options: [.sortedKeys]))
                ))
            #expect(junk.status == .badRequest && junk.errorCode == .invalidJson)
        }
    }

    @Test("a subscription sets the plan and grants its allowance once per invoice", arguments: TestEngine.allCases)
    func subscription(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine) { t, api in
            let session = try await api.register()
            let start = try await t.balance(session.userId)
            let id = try await t.checkout(api, session, ["kind": "subscription", "plan": "pro"])
            let events = t.stripe.complete(session: id, at: t.now)
            #expect(
                events.map { $0["type"] as! String }
                    == ["checkout.session.completed", "customer.subscription.created", "invoice.paid"])
            for event in events { #expect(try await t.deliver(api, event).status == .ok) }
            let invoice = events[2]
            var again = invoice
            again["id"] = t.stripe.nextEventID()
            let second = try await t.deliver(api, again)
            #expect(try second.decode(Schemas.StripeEventReceipt.self).outcome.contains("allowance already granted"))
            let row = try await t.database.read { db in try await Subscriptions.find(db, user: session.userId) }
            #expect(row?.planId == "pro" && row?.status == .active)
            #expect(row?.stripeSubscriptionId?.hasPrefix("sub_") == true)
            #expect(row?.currentPeriodEnd == (t.now + 30 * 86_400) * 1000)
            #expect(try await t.balance(session.userId) == start + 1500)
        }
    }

    @Test("an older subscription event never undoes a newer one; downgrades wait", arguments: TestEngine.allCases)
    func outOfOrder(engine: TestEngine) async throws {
        try await StripeTestApp.with(engine) { t, api in
            let session = try await api.register()
            let start = try await t.balance(session.userId)
            let id = try await t.checkout(api, session, ["kind": "subscription", "plan": "pro"])
            let events = t.stripe.complete(session: id, at: t.now)
            for event in events { _ = try await t.deliver(api, event) }
            let object = (events[1]["data"] as! [String: Any])["object"] as! [String: Any]
            let subscriptionID = object["id"] as! String
            let customer = object["customer"] as! String
            func updated(
                _ plan: String, at: Int64, type: String = "customer.subscription.updated", status: String = "active"
            )
                -> [String: Any]
            {
                let subscription = StripeEmulator.subscription(
                    subscriptionID, customer: customer,
                    metadata: ["pixora_user": session.userId, "pixora_plan": "pro"],
                    lookupKey: plan, status: status, periodEnd: t.now + 30 * 86_400, cancelling: false)
                return StripeEmulator.event(t.stripe.nextEventID(), type, subscription, created: at)
            }
            func plan() async throws -> Subscription? {
                try await t.database.read { db in try await Subscriptions.find(db, user: session.userId) }
            }
            // Upgrade in the portal: at once.
            #expect(try await t.deliver(api, updated("enterprise", at: t.now + 100)).status == .ok)
            #expect(try await plan()?.planId == "enterprise")
            // An older update arrives late: acknowledged, ignored.
            let late = try await t.deliver(api, updated("pro", at: t.now + 50))
            #expect(late.status == .ok)
            #expect(try late.decode(Schemas.StripeEventReceipt.self).outcome == "older than the applied event")
            #expect(try await plan()?.planId == "enterprise")
            // A downgrade waits for the period's end.
            _ = try await t.deliver(api, updated("pro", at: t.now + 200))
            #expect(try await plan()?.planId == "enterprise")
            #expect(try await plan()?.pendingPlanId == "pro")
            // The subscription ends: the default plan; a late update from before changes nothing.
            _ = try await t.deliver(
                api, updated("pro", at: t.now + 300, type: "customer.subscription.deleted", status: "canceled"))
            #expect(try await plan()?.planId == "free")
            #expect(try await plan()?.status == .canceled)
            _ = try await t.deliver(api, updated("enterprise", at: t.now + 250))
            #expect(try await plan()?.planId == "free")
            #expect(try await t.balance(session.userId) == start + 1500)
        }
    }

    @Test("without a webhook secret the endpoint answers 503 and reads nothing", arguments: TestEngine.allCases)
    func notConfigured(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let reply = try await api.call(
                    .post, "/api/v1/billing/webhook", headers: [.init("Stripe-Signature")!: "t=1,v1=00"],
                    raw: .init(string: "{}"))
                #expect(reply.status == .serviceUnavailable && reply.errorCode == .billingUnavailable)
            }
        }
    }
}
