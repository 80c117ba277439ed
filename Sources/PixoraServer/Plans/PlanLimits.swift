import Foundation
import HTTPTypes
import PixoraCore
import PixoraStore
import SQLKit

/// What a request asks of the caller's plan: checked where work is accepted, before anything is charged.
struct PlanAsk: Sendable {
    /// Seconds of video (the longer of the settings' target and a given plan's planned length).
    var duration: Double?
    var quality: Quality?
    /// Video models the user picked (the guided studio's clips).
    var models: [String] = []
    /// Generation jobs the request queues; 0 checks the request's shape only (each line of a batch, before the
    /// batch's total is admitted).
    var generations = 1
}

/// The limits of plans, enforced (issue 14). With billing off every check passes without reading anything.
extension AppServices {
    /// Job kinds that generate (and so count against concurrency and the hourly allowance of generations).
    static let generationKinds: [JobKind] = [
        .generateVideo, .regenerateScene, .renderVersion, .analyzeSample, .studioStep,
    ]

    /// The account's plan and subscription row (nil: on the default plan).
    func plan(of user: String, in db: any SQLDatabase) async throws -> (SubscriptionPlan, Subscription?) {
        let subscription = try await Subscriptions.find(db, user: user)
        return (plans.effectivePlan(subscribed: subscription?.planId), subscription)
    }

    /// Throws 403 `plan_limit` when the request goes beyond one of the plan's limits, and 429 `rate_limited` (with
    /// `Retry-After`: when the oldest generation of the last hour leaves the window) when it would make more
    /// generations in an hour than the plan allows. This answers before any work is done; `admittingJobs` repeats
    /// the counts where the jobs are queued, so racing requests cannot both take the last slot.
    func enforcePlan(owner: String, _ ask: PlanAsk) async throws {
        guard plans.billingEnabled else { return }
        let now = self.now()
        try await database.read { db in
            let (plan, _) = try await plan(of: owner, in: db)
            try Self.checkShape(plan, ask, providers: providersInUse)
            guard ask.generations > 0 else { return }
            try await Self.checkCounts(db, plan: plan, owner: owner, generations: ask.generations, now: now)
        }
    }

    /// Runs `body`, which queues the owner's generation jobs, so that each one is admitted inside the transaction
    /// that queues it: the account is locked (`JobAdmission`) and the plan's counts read again, jobs queued earlier
    /// in the same transaction included. A refusal rolls the whole transaction back, charge and all.
    func admittingJobs<T>(of owner: String, _ body: () async throws -> T) async throws -> T {
        guard plans.billingEnabled else { return try await body() }
        let services = self
        let admission = JobAdmission(
            user: owner, kinds: Set(Self.generationKinds), engine: database.engine,
            defaultPriority: plans.effectivePlan(subscribed: nil).queuePriority
        ) { db in
            let (plan, _) = try await services.plan(of: owner, in: db)
            try await Self.checkCounts(db, plan: plan, owner: owner, generations: 1, now: services.now())
        }
        return try await JobAdmission.$current.withValue(admission) { try await body() }
    }

    /// The plan's generations at once: those queued or running, plus `adding` about to be queued.
    static func checkConcurrency(_ db: any SQLDatabase, plan: SubscriptionPlan, owner: String, adding: Int)
        async throws
    {
        let kinds = SQLList(Self.generationKinds.map { SQLBind($0.rawValue) })
        if let allowed = plan.concurrentJobs {
            let active =
                try await db.raw(
                    """
                    SELECT COUNT(*) AS n FROM jobs WHERE user_id = \(bind: owner) AND kind IN (\(kinds))
                    AND state IN ('queued', 'running')
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            if active + adding > allowed {
                throw Self.refusal(
                    plan, limit: "concurrentJobs", value: .number(Double(allowed)),
                    requested: .number(Double(active + adding)),
                    "\(plan.name) runs at most \(allowed) generation(s) at a time; this would make "
                        + "\(active + adding) queued or running")
            }
        }
    }

    /// Admits a paused generation that `db`, the transaction resuming it, has just queued again: it counts
    /// against the plan's generations at once (a paused job does not), not against the hour's, which counted it
    /// when it was first queued. A refusal rolls the resume back.
    func admitResumed(_ db: any SQLDatabase, owner: String) async throws {
        guard plans.billingEnabled else { return }
        let services = self
        let admission = JobAdmission(user: owner, kinds: Set(Self.generationKinds), engine: database.engine) { db in
            let (plan, _) = try await services.plan(of: owner, in: db)
            try await Self.checkConcurrency(db, plan: plan, owner: owner, adding: 0)
        }
        try await admission.admit(db)
    }

    /// The limits that count the owner's generations: at once (queued or running) and in the last hour.
    static func checkCounts(
        _ db: any SQLDatabase, plan: SubscriptionPlan, owner: String, generations: Int, now: Int64
    ) async throws {
        try await checkConcurrency(db, plan: plan, owner: owner, adding: generations)
        let kinds = SQLList(Self.generationKinds.map { SQLBind($0.rawValue) })
        guard let perHour = plan.generationsPerHour else { return }
        guard generations <= perHour else {
            throw Self.refusal(
                plan, limit: "generationsPerHour", value: .number(Double(perHour)),
                requested: .number(Double(generations)),
                "\(plan.name) makes at most \(perHour) generations an hour")
        }
        let window = now - 3_600_000
        let recent = try await db.raw(
            """
            SELECT created_at FROM jobs WHERE user_id = \(bind: owner) AND kind IN (\(kinds))
            AND created_at > \(bind: window) ORDER BY created_at
            """
        ).all().map { try $0.decode(column: "created_at", as: Int64.self) }
        let over = recent.count + generations - perHour
        guard over > 0 else { return }
        // The request fits once `over` of the window's generations have left it.
        let seconds = max(1, Int(((recent[over - 1] + 3_600_000 - now) + 999) / 1000))
        throw APIError(
            .tooManyRequests, .rateLimited,
            "\(plan.name) makes at most \(perHour) generations an hour; try again in \(seconds) s",
            details: [
                "limit": .string("generationsPerHour"), "plan": .string(plan.id),
                "value": .number(Double(perHour)), "requested": .number(Double(generations)),
                "used": .number(Double(recent.count)), "retryAfterSeconds": .number(Double(seconds)),
            ],
            headers: [.retryAfter: String(seconds)])
    }

    /// The limits that depend on the request alone: length, quality, providers and models.
    static func checkShape(_ plan: SubscriptionPlan, _ ask: PlanAsk, providers: [String]) throws {
        if let max = plan.maxDurationSeconds, let asked = ask.duration, asked > Double(max) {
            throw refusal(
                plan, limit: "maxDurationSeconds", value: .number(Double(max)), requested: .number(asked.rounded(.up)),
                "\(plan.name) makes videos of at most \(max) s")
        }
        if let quality = ask.quality, !plan.allows(quality: quality), let max = plan.maxQuality {
            throw refusal(
                plan, limit: "maxQuality", value: .string(max.rawValue), requested: .string(quality.rawValue),
                "\(plan.name) renders at most \(max.rawValue)")
        }
        if let refused = providers.first(where: { !plan.allows(provider: $0) }) {
            throw refusal(
                plan, limit: "allowedProviders", value: .array((plan.allowedProviders ?? []).map(JSONValue.string)),
                requested: .string(refused), "\(plan.name) does not include the \(refused) provider this server uses")
        }
        if let refused = ask.models.first(where: { !plan.allows(model: $0) }) {
            throw refusal(
                plan, limit: "allowedModels", value: .array((plan.allowedModels ?? []).map(JSONValue.string)),
                requested: .string(refused), "\(plan.name) does not include the video model \(refused)")
        }
    }

    static func refusal(
        _ plan: SubscriptionPlan, limit: String, value: JSONValue, requested: JSONValue, _ message: String
    ) -> APIError {
        APIError(
            .forbidden, .planLimit, message + " (upgrade the plan for more)",
            details: [
                "limit": .string(limit), "plan": .string(plan.id), "value": value, "requested": requested,
            ])
    }
}
