import Foundation
import Hummingbird
import PixoraCore
import PixoraStore
import SQLKit

/// The plans on sale (public) and the caller's subscription with its usage.
struct PlanRoutes {
    let services: AppServices

    func registerOpen(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.get, "billing/plans", list)
    }

    func register(_ routes: RouteRegistrar<AuthenticatedContext>) {
        routes.add(.get, "users/me/subscription", subscription)
        routes.add(.put, "admin/users/:id/plan", setPlan)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<PlanListBody> {
        let catalog = services.plans
        return JSONResponse(
            PlanListBody(
                billingEnabled: catalog.billingEnabled, defaultPlan: catalog.defaultPlanID,
                plans: catalog.plans.map(PlanBody.init)))
    }

    @Sendable func subscription(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        SubscriptionBody
    > {
        JSONResponse(
            try await body(for: context.userId, notFound: APIError.unauthorized("this account no longer exists")))
    }

    struct PlanChange: Decodable {
        enum When: String, Decodable {
            case now, periodEnd
        }
        var plan: String
        var at: When?
    }

    /// An administrator puts an account on a plan (no Stripe involved): at once (the allowance on the next
    /// anniversary), or from the end of its current period (`at: periodEnd`, a downgrade the allowance job applies
    /// there; the current plan again cancels a pending one). 409 when billing is off (every account is on the
    /// self-hosted plan), and for a change at the period's end on an account Stripe bills: its plan follows Stripe.
    @Sendable func setPlan(_ request: Request, context: AuthenticatedContext) async throws -> JSONResponse<
        SubscriptionBody
    > {
        try await services.requireAdmin(context, to: "change plans")
        let target = try context.parameters.require("id")
        let change = try await request.decodeJSON(PlanChange.self)
        guard services.plans.billingEnabled else {
            throw APIError(.conflict, .conflict, "billing is off: every account is on the self-hosted plan")
        }
        guard let plan = services.plans.plan(id: change.plan) else {
            let ids = services.plans.plans.map(\.id).joined(separator: ", ")
            throw APIError.validation("plan", "must be one of \(ids)")
        }
        let now = services.now()
        let catalog = services.plans
        try await services.database.transaction { db in
            guard let account = try await Users.find(db, id: target) else { throw APIError.notFound("user") }
            let current = try await Subscriptions.find(db, user: target)
            guard change.at == .periodEnd else {
                try await Subscriptions.setPlan(db, userID: target, plan: plan, status: current?.status ?? .active)
                return
            }
            guard current?.stripeSubscriptionId == nil else {
                throw APIError(
                    .conflict, .conflict, "Stripe bills this account: its plan changes in Stripe's customer portal")
            }
            let anniversary = BillingPeriod(anchor: account.createdAt, containing: now)
            let end = current?.currentPeriodEnd.flatMap { $0 > now ? $0 : nil } ?? anniversary.end
            let start = end == anniversary.end ? anniversary.start : (current?.currentPeriodStart ?? anniversary.start)
            let stays = catalog.effectivePlan(subscribed: current?.planId)
            try await Subscriptions.setPlan(
                db, userID: target, plan: stays, status: current?.status ?? .active, periodStart: start,
                periodEnd: end, pendingPlan: stays.id == plan.id ? nil : plan.id)
        }
        context.logger.info("plan set", metadata: ["target": .string(target), "plan": .string(plan.id)])
        return JSONResponse(try await body(for: target, notFound: APIError.notFound("user")))
    }

    func body(for user: String, notFound: APIError) async throws -> SubscriptionBody {
        let services = services
        let now = services.now()
        return try await services.database.read { db in
            guard let account = try await Users.find(db, id: user) else { throw notFound }
            let (plan, row) = try await services.plan(of: user, in: db)
            let anniversary = BillingPeriod(anchor: account.createdAt, containing: now)
            let start = row?.currentPeriodStart ?? anniversary.start
            let end = row?.currentPeriodEnd ?? anniversary.end
            let use = try await PlanUsage.read(db, user: user, since: start, now: now)
            return SubscriptionBody(
                billingEnabled: services.plans.billingEnabled, plan: PlanBody(plan),
                status: (row?.status ?? .active).rawValue, currentPeriodStart: Date(milliseconds: start),
                currentPeriodEnd: Date(milliseconds: end), pendingPlan: row?.pendingPlanId,
                managedByStripe: row?.stripeSubscriptionId != nil, balance: account.credits,
                usage: [
                    .init(limit: "monthlyCredits", used: use.creditsSpent, value: plan.monthlyCredits),
                    .init(limit: "concurrentJobs", used: use.activeJobs, value: plan.concurrentJobs),
                    .init(limit: "generationsPerHour", used: use.lastHour, value: plan.generationsPerHour),
                    .init(limit: "generationsThisPeriod", used: use.thisPeriod, value: nil),
                ])
        }
    }
}

/// What an account used of its plan: credits spent (net of refunds) and generations since the period began,
/// generations in the last hour and generations queued or running now.
struct PlanUsage {
    var creditsSpent: Int
    var thisPeriod: Int
    var lastHour: Int
    var activeJobs: Int

    static func read(_ db: any SQLDatabase, user: String, since start: Int64, now: Int64) async throws -> PlanUsage {
        let spending: [CreditReason] = [
            .videoCharge, .videoRefund, .sceneCharge, .sceneRefund, .studioCharge, .studioRefund,
        ]
        let reasons = SQLList(spending.map { SQLBind($0.rawValue) })
        let kinds = SQLList(AppServices.generationKinds.map { SQLBind($0.rawValue) })
        let spent =
            try await db.raw(
                """
                SELECT CAST(COALESCE(SUM(delta), 0) AS BIGINT) AS total FROM credit_transactions
                WHERE user_id = \(bind: user) AND reason IN (\(reasons)) AND created_at >= \(bind: start)
                """
            ).first()?.decode(column: "total", as: Int.self) ?? 0
        let row = try await db.raw(
            """
            SELECT
                COALESCE(SUM(CASE WHEN created_at >= \(bind: start) THEN 1 ELSE 0 END), 0) AS period,
                COALESCE(SUM(CASE WHEN created_at > \(bind: now - 3_600_000) THEN 1 ELSE 0 END), 0) AS hour,
                COALESCE(SUM(CASE WHEN state IN ('queued', 'running') THEN 1 ELSE 0 END), 0) AS active
            FROM jobs WHERE user_id = \(bind: user) AND kind IN (\(kinds))
            """
        ).first()
        return PlanUsage(
            creditsSpent: max(0, -spent), thisPeriod: try row?.decode(column: "period", as: Int.self) ?? 0,
            lastHour: try row?.decode(column: "hour", as: Int.self) ?? 0,
            activeJobs: try row?.decode(column: "active", as: Int.self) ?? 0)
    }
}
