import Foundation
import Logging
import PixoraCore
import PixoraStore
import SQLKit

/// Applies Stripe's events to accounts: credit packs to the ledger, paid invoices to the plan and its monthly
/// credits, subscription changes to the plan. Each event is claimed by id in the same transaction as its effect,
/// so a replayed or concurrent delivery does nothing, and a failure leaves the event unclaimed for Stripe's retry.
struct StripeEventHandler: Sendable {
    let database: any Database
    let catalog: PlanCatalog
    let logger: Logger

    struct Receipt: Sendable, Equatable {
        var duplicate: Bool
        var outcome: String
    }

    func handle(_ event: StripeEvent) async throws -> Receipt {
        let engine = database.engine
        return try await database.transaction { db in
            guard
                try await StripeRecords.claim(
                    db, event: event.id, type: event.type, user: nil, outcome: "handling", created: event.created)
            else {
                return Receipt(duplicate: true, outcome: try await StripeRecords.outcome(db, event: event.id) ?? "")
            }
            let (user, outcome) = try await apply(event, db, engine: engine)
            try await StripeRecords.settle(db, event: event.id, user: user, outcome: outcome)
            return Receipt(duplicate: false, outcome: outcome)
        }
    }

    /// What the event did, and to whom.
    func apply(_ event: StripeEvent, _ db: any SQLDatabase, engine: SQLEngine) async throws -> (String?, String) {
        switch event.type {
        case "checkout.session.completed", "checkout.session.async_payment_succeeded":
            return try await checkoutCompleted(event, db)
        case "invoice.paid":
            return try await invoicePaid(event, db, engine: engine)
        case "customer.subscription.updated", "customer.subscription.created":
            return try await subscriptionChanged(event, db, engine: engine, ended: false)
        case "customer.subscription.deleted":
            return try await subscriptionChanged(event, db, engine: engine, ended: true)
        default:
            return (nil, "ignored")
        }
    }

    /// The account an object names: its metadata's `pixora_user` (which Pixora set), else the account whose
    /// Stripe customer it is. Nil, logged, when that account does not exist: a forged or stale id grants nothing.
    func account(_ object: [String: Any], metadata: [String: String], _ db: any SQLDatabase, event: StripeEvent)
        async throws -> String?
    {
        var user = metadata["pixora_user"] ?? object.text("client_reference_id")
        if user == nil, let customer = object.reference("customer") {
            user = try await StripeRecords.user(db, customer: customer)
        }
        guard let user, try await Users.find(db, id: user) != nil else {
            logger.warning(
                "Stripe event names no account here; nothing granted",
                metadata: [
                    "event": .string(event.id), "type": .string(event.type),
                    "pixora_user": .string(String((user ?? "none").prefix(64))),
                ])
            return nil
        }
        return user
    }

    func checkoutCompleted(_ event: StripeEvent, _ db: any SQLDatabase) async throws -> (String?, String) {
        let session = event.object
        let metadata = session.metadata
        guard let user = try await account(session, metadata: metadata, db, event: event) else {
            return (nil, "unknown account")
        }
        if let customer = session.reference("customer") {
            try await StripeRecords.link(db, user: user, customer: customer)
        }
        // A subscription's checkout: the plan and its credits come with the invoice.paid that follows.
        guard session.text("mode") == "payment", metadata["pixora_kind"] == "credits" else {
            return (user, "customer linked")
        }
        guard session.text("payment_status") == "paid" || session.text("payment_status") == "no_payment_required"
        else { return (user, "payment not yet received") }
        guard let sessionID = session.text("id"), let credits = metadata["pixora_credits"].flatMap({ Int($0) }),
            credits > 0, credits <= 10_000_000
        else { return (user, "no credits in the metadata") }
        let granted = try await CreditLedger.apply(
            db, user: user, delta: credits, reason: .creditPurchase, reference: sessionID,
            key: "stripe_checkout:\(sessionID)")
        return (user, granted == nil ? "already granted" : "granted \(credits) credits")
    }

    /// The subscription an invoice is for and its metadata, wherever the API version puts them.
    static func subscriptionOf(invoice: [String: Any]) -> (id: String?, metadata: [String: String]) {
        let details =
            invoice.object("subscription_details")
            ?? invoice.object("parent")?.object(
                "subscription_details")
        var metadata = details?.metadata ?? [:]
        if metadata["pixora_plan"] == nil, let line = invoice.first("lines") {
            metadata.merge(line.metadata) { a, _ in a }
        }
        let id = invoice.reference("subscription") ?? details?.reference("subscription")
        return (id, metadata)
    }

    func invoicePaid(_ event: StripeEvent, _ db: any SQLDatabase, engine: SQLEngine) async throws -> (String?, String) {
        let invoice = event.object
        let (subscriptionID, metadata) = Self.subscriptionOf(invoice: invoice)
        guard let subscriptionID, let invoiceID = invoice.text("id") else { return (nil, "not a subscription invoice") }
        guard let user = try await account(invoice, metadata: metadata, db, event: event) else {
            return (nil, "unknown account")
        }
        let customer = invoice.reference("customer")
        if let customer { try await StripeRecords.link(db, user: user, customer: customer) }
        let line = invoice.first("lines")
        // The line's price first (a plan changed in the portal keeps the checkout's metadata), then the plan the
        // subscription's last update named, then the checkout's metadata.
        let known = try await StripeRecords.subscription(db, id: subscriptionID)?.plan
        guard
            let plan = plan(price: line?.object("price"), metadata: [:]) ?? known.flatMap(catalog.plan(id:))
                ?? plan(price: nil, metadata: metadata)
        else { return (user, "no known plan") }
        let periodEnd = (line?.object("period")?.integer("end") ?? invoice.integer("period_end")).map(Int64.init)
        let periodStart = (line?.object("period")?.integer("start") ?? invoice.integer("period_start")).map(Int64.init)
        // The plan only moves forward: a paid invoice older than what was applied still grants its credits.
        let applied = try await StripeRecords.apply(
            db,
            StripeSubscription(
                id: subscriptionID, userId: user, plan: plan.id, status: "active", currentPeriodEnd: periodEnd,
                cancelAtPeriodEnd: false, eventCreated: event.created), engine: engine)
        if applied {
            try await Subscriptions.setPlan(
                db, userID: user, plan: plan, status: .active, periodStart: periodStart.map { $0 * 1000 },
                periodEnd: periodEnd.map { $0 * 1000 }, pendingPlan: nil, stripeCustomer: customer,
                stripeSubscription: subscriptionID)
        }
        let grant = try await Subscriptions.grantAllowance(
            db, userID: user, period: "stripe_invoice:\(invoiceID)", credits: plan.monthlyCredits, plan: plan.id)
        let credits = grant == nil ? "allowance already granted" : "granted \(plan.monthlyCredits) credits"
        return (user, applied ? "plan \(plan.id), \(credits)" : "older than the applied event, \(credits)")
    }

    /// The plan a subscription is on: its price's lookup key when that names a plan (the portal switches prices,
    /// not metadata), else the metadata Pixora's checkout set.
    func plan(price: [String: Any]?, metadata: [String: String]) -> SubscriptionPlan? {
        for candidate in [price?.text("lookup_key"), price?.metadata["pixora_plan"], metadata["pixora_plan"]] {
            if let candidate, let plan = catalog.plan(id: candidate) { return plan }
        }
        if let priceID = price?.text("id"), let plan = catalog.plans.first(where: { $0.price.stripePriceId == priceID })
        {
            return plan
        }
        return nil
    }

    func subscriptionChanged(_ event: StripeEvent, _ db: any SQLDatabase, engine: SQLEngine, ended: Bool)
        async throws -> (String?, String)
    {
        let object = event.object
        guard let id = object.text("id") else { return (nil, "no subscription id") }
        guard let user = try await account(object, metadata: object.metadata, db, event: event) else {
            return (nil, "unknown account")
        }
        let status = object.text("status") ?? (ended ? "canceled" : "active")
        let ends = ended || ["canceled", "unpaid", "incomplete_expired"].contains(status)
        let price = object.first("items")?.object("price")
        guard let plan = ends ? catalog.defaultPlan : plan(price: price, metadata: object.metadata) else {
            return (user, "no known plan")
        }
        let periodEnd = (object.integer("current_period_end") ?? object.first("items")?.integer("current_period_end"))
            .map(Int64.init)
        let cancelling = object["cancel_at_period_end"] as? Bool ?? false
        let applied = try await StripeRecords.apply(
            db,
            StripeSubscription(
                id: id, userId: user, plan: plan.id, status: status, currentPeriodEnd: periodEnd,
                cancelAtPeriodEnd: cancelling, eventCreated: event.created), engine: engine)
        guard applied else { return (user, "older than the applied event") }
        let current = try await Subscriptions.find(db, user: user)
        // Another subscription of the account (a newer checkout) is not ended by this one's end.
        if let other = current?.stripeSubscriptionId, other != id { return (user, "not the account's subscription") }
        let storedStatus = SubscriptionStatus(rawValue: status) ?? (ends ? .canceled : .active)
        if ends {
            try await Subscriptions.setPlan(
                db, userID: user, plan: plan, status: storedStatus, pendingPlan: nil, stripeSubscription: id)
            return (user, "ended: plan \(plan.id)")
        }
        let currentPlan = catalog.effectivePlan(subscribed: current?.planId)
        if Self.rank(plan) < Self.rank(currentPlan) {
            // Downgrades wait for the period's end: the invoice that starts the next period sets the plan.
            try await Subscriptions.setPlan(
                db, userID: user, plan: currentPlan, status: storedStatus, periodEnd: periodEnd.map { $0 * 1000 },
                pendingPlan: plan.id, stripeCustomer: object.reference("customer"), stripeSubscription: id)
            return (user, "plan \(plan.id) from the period's end")
        }
        try await Subscriptions.setPlan(
            db, userID: user, plan: plan, status: storedStatus, periodEnd: periodEnd.map { $0 * 1000 },
            pendingPlan: cancelling ? catalog.defaultPlanID : nil, stripeCustomer: object.reference("customer"),
            stripeSubscription: id)
        return (user, "plan \(plan.id)" + (cancelling ? ", ends at the period's end" : ""))
    }

    /// Tiers by price, then queue priority.
    static func rank(_ plan: SubscriptionPlan) -> Int { plan.price.cents * 100 + plan.queuePriority }
}
