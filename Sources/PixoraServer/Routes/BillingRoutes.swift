import Foundation
import Hummingbird
import Logging
import PixoraCore
import PixoraProviders
import PixoraStore

/// Payments through Stripe: the credit packs on sale, a Checkout Session for a pack or a plan, the customer
/// portal and the caller's invoices. Credits and plans change only through the webhook (`StripeWebhookRoutes`).
struct BillingRoutes {
    let services: AppServices
    let settings: StripeSettings
    var catalog: PlanCatalog { services.plans }

    init(services: AppServices) {
        self.services = services
        // Checked when the server starts (`AppServices.open`); a test's bad value falls back to the defaults.
        settings =
            (try? StripeSettings.from(services.configuration))
            ?? StripeSettings(
                secretKey: nil, webhookSecret: nil, apiBase: StripeClient.defaultBase, packs: [],
                publicURL: services.configuration.publicURL, policy: RetryPolicy())
    }

    func registerOpen(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.get, "billing/packs", packs)
    }

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.post, "billing/checkout", checkout)
        routes.add(.post, "billing/portal", portal)
        routes.add(.get, "billing/invoices", invoices)
    }

    @Sendable func packs(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<
        Schemas.CreditPackList
    > {
        JSONResponse(
            Schemas.CreditPackList(
                enabled: settings.secretKey != nil,
                packs: settings.packs.map {
                    Schemas.CreditPack(id: $0.id, credits: $0.credits, priceCents: $0.priceCents, currency: "usd")
                }))
    }

    @Sendable func checkout(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.BillingRedirect
    > {
        let client = try settings.client(logger: services.logger)
        let body = try await request.decodeJSON(Schemas.CheckoutRequest.self)
        let requestKey = try IdempotencyKey.from(request)
        let user = try await account(context)
        var form: [(String, String)]
        switch body.kind {
        case .credits:
            guard body.plan == nil else { throw APIError.validation("plan", "is for kind subscription; leave it out") }
            guard let id = body.pack else { throw APIError.validation("pack", "is required for kind credits") }
            guard let pack = settings.packs.first(where: { $0.id == id }) else {
                let ids = settings.packs.map(\.id).joined(separator: ", ")
                throw APIError.validation("pack", "names no credit pack; the packs are \(ids)")
            }
            form = Self.packForm(pack, user: user.id)
        case .subscription:
            guard body.pack == nil else { throw APIError.validation("pack", "is for kind credits; leave it out") }
            guard let id = body.plan else { throw APIError.validation("plan", "is required for kind subscription") }
            guard catalog.billingEnabled, let plan = catalog.plan(id: id), plan.price.cents > 0 else {
                let ids = catalog.plans.filter { $0.price.cents > 0 }.map(\.id).joined(separator: ", ")
                throw APIError.validation("plan", "names no plan for sale; the plans for sale are \(ids)")
            }
            try await refuseSecondSubscription(user: user.id)
            form = Self.planForm(plan, user: user.id)
        }
        let customer = try await customer(of: user, client: client)
        form += [
            ("customer", customer), ("client_reference_id", user.id),
            ("success_url", settings.publicURL + "/billing?checkout=success"),
            ("cancel_url", settings.publicURL + "/billing?checkout=cancelled"),
        ]
        let key = "pixora-checkout-\(user.id)-" + (requestKey ?? newID())
        let session = try await stripe { try await client.createCheckoutSession(form, idempotencyKey: key) }
        return JSONResponse(Schemas.BillingRedirect(url: session.url))
    }

    /// 409 when Stripe already bills the account a plan: a second Checkout would charge two subscriptions at
    /// once; the portal changes the plan in place and prorates.
    func refuseSecondSubscription(user: String) async throws {
        let current = try await services.database.read { db in try await Subscriptions.find(db, user: user) }
        guard let current, current.stripeSubscriptionId != nil,
            ![.canceled, .incompleteExpired, .incomplete].contains(current.status)
        else { return }
        let name = catalog.plan(id: current.planId)?.name ?? current.planId
        throw APIError(
            .conflict, .conflict,
            "this account already has a \(name) subscription billed by Stripe (\(current.status.rawValue)); change or"
                + " cancel it in the billing portal (POST /api/v1/billing/portal) instead of paying twice",
            details: ["plan": .string(current.planId), "status": .string(current.status.rawValue)])
    }

    /// A pack: one payment, an invoice so it is listed with the others, the credits in the metadata.
    static func packForm(_ pack: CreditPack, user: String) -> [(String, String)] {
        [
            ("mode", "payment"), ("line_items[0][quantity]", "1"),
            ("line_items[0][price_data][currency]", "usd"),
            ("line_items[0][price_data][unit_amount]", String(pack.priceCents)),
            ("line_items[0][price_data][product_data][name]", "Pixora credits: \(pack.credits)"),
            ("invoice_creation[enabled]", "true"),
            ("metadata[pixora_user]", user), ("metadata[pixora_kind]", "credits"),
            ("metadata[pixora_credits]", String(pack.credits)), ("metadata[pixora_pack]", pack.id),
        ]
    }

    /// A plan: its Stripe Price when the plans file names one, else a monthly price made from the plan's; the
    /// metadata also on the subscription, so each of its invoices says whose plan it pays for.
    static func planForm(_ plan: SubscriptionPlan, user: String) -> [(String, String)] {
        var form: [(String, String)] = [("mode", "subscription"), ("line_items[0][quantity]", "1")]
        if let price = plan.price.stripePriceId {
            form.append(("line_items[0][price]", price))
        } else {
            form += [
                ("line_items[0][price_data][currency]", plan.price.currency),
                ("line_items[0][price_data][unit_amount]", String(plan.price.cents)),
                ("line_items[0][price_data][recurring][interval]", "month"),
                ("line_items[0][price_data][product_data][name]", "Pixora \(plan.name)"),
                ("line_items[0][price_data][product_data][metadata][pixora_plan]", plan.id),
            ]
        }
        let metadata = [
            ("pixora_user", user), ("pixora_kind", "subscription"), ("pixora_credits", String(plan.monthlyCredits)),
            ("pixora_plan", plan.id),
        ]
        form += metadata.map { ("metadata[\($0.0)]", $0.1) }
        form += metadata.map { ("subscription_data[metadata][\($0.0)]", $0.1) }
        return form
    }

    @Sendable func portal(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.BillingRedirect
    > {
        let client = try settings.client(logger: services.logger)
        let user = try await account(context)
        let customer = try await customer(of: user, client: client)
        let url = try await stripe {
            try await client.createPortalSession(
                customer: customer, returnURL: settings.publicURL + "/billing",
                idempotencyKey: "pixora-portal-\(newID())")
        }
        return JSONResponse(Schemas.BillingRedirect(url: url))
    }

    @Sendable func invoices(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        Schemas.InvoiceList
    > {
        let client = try settings.client(logger: services.logger)
        let customer = try await services.database.read { db in
            try await StripeRecords.customer(db, user: context.userId)
        }
        guard let customer else { return JSONResponse(Schemas.InvoiceList(invoices: [])) }
        let invoices = try await stripe { try await client.invoices(customer: customer, limit: 24) }
        return JSONResponse(
            Schemas.InvoiceList(
                invoices: invoices.map {
                    Schemas.Invoice(
                        id: $0.id, number: $0.number, status: $0.status, amountPaidCents: $0.amountPaid,
                        amountDueCents: $0.amountDue, currency: $0.currency,
                        createdAt: Date(timeIntervalSince1970: TimeInterval($0.created)),
                        hostedUrl: $0.hostedInvoiceURL,
                        pdfUrl: $0.invoicePDF)
                }))
    }

    func account(_ context: AuthenticatedContext) async throws -> User {
        guard let user = try await services.database.read({ db in try await Users.find(db, id: context.userId) }) else {
            throw APIError.unauthorized("this account no longer exists")
        }
        return user
    }

    /// The account's Stripe customer, made once: Stripe's idempotency key makes two first calls make one customer,
    /// and the first one stored is kept.
    func customer(of user: User, client: StripeClient) async throws -> String {
        if let known = try await services.database.read({ db in try await StripeRecords.customer(db, user: user.id) }) {
            return known
        }
        let made = try await stripe {
            try await client.createCustomer(
                email: user.email, name: user.name, user: user.id, idempotencyKey: "pixora-customer-\(user.id)")
        }
        return try await services.database.transaction { db in
            try await StripeRecords.link(db, user: user.id, customer: made)
        }
    }

    /// Stripe's refusals as 502 `payment_provider_failed`: its message for a bad request, and nothing about the key.
    func stripe<T: Sendable>(_ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch let failure as StripeFailure {
            services.logger.error("Stripe call failed", metadata: ["failure": .string(failure.description)])
            let refusedKey = [401, 403].contains(failure.status) || failure.type == "authentication_error"
            let message =
                switch failure.type {
                case _ where refusedKey:
                    "Stripe refused this server's key (STRIPE_SECRET_KEY); tell the administrator"
                case "unreachable": "Stripe did not answer: \(failure.message)"
                default: "Stripe refused the call: \(failure.message)"
                }
            throw APIError(.badGateway, .paymentProviderFailed, message)
        }
    }
}
