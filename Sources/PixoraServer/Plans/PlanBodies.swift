import Foundation
import PixoraCore
import PixoraStore

/// `GET /billing/plans`: what is sold and whether billing is on.
struct PlanListBody: Encodable, Sendable {
    var billingEnabled: Bool
    var defaultPlan: String
    var plans: [PlanBody]
}

/// A plan as the contract's `BillingPlan` spells it (`nil` limits are omitted: no limit).
struct PlanBody: Encodable, Sendable {
    struct Price: Encodable, Sendable {
        var cents: Int
        var currency: String
        var stripePriceId: String?
    }
    var id: String
    var name: String
    var price: Price
    var monthlyCredits: Int
    var maxDurationSeconds: Int?
    var maxQuality: String?
    var concurrentJobs: Int?
    var generationsPerHour: Int?
    var retentionDays: Int?
    var queuePriority: Int
    var allowedProviders: [String]?
    var allowedModels: [String]?

    init(_ plan: SubscriptionPlan) {
        (id, name, monthlyCredits, queuePriority) = (plan.id, plan.name, plan.monthlyCredits, plan.queuePriority)
        price = Price(cents: plan.price.cents, currency: plan.price.currency, stripePriceId: plan.price.stripePriceId)
        (maxDurationSeconds, maxQuality, concurrentJobs) = (
            plan.maxDurationSeconds, plan.maxQuality?.rawValue, plan.concurrentJobs
        )
        (generationsPerHour, retentionDays) = (plan.generationsPerHour, plan.retentionDays)
        (allowedProviders, allowedModels) = (plan.allowedProviders, plan.allowedModels)
    }
}

/// `GET /users/me/subscription`: the plan, where it stands, and this period's use of each limit.
struct SubscriptionBody: Encodable, Sendable {
    /// One limit and its use; `value` omitted is no limit.
    struct Use: Encodable, Sendable {
        var limit: String
        var used: Int
        var value: Int?
    }
    var billingEnabled: Bool
    var plan: PlanBody
    var status: String
    var currentPeriodStart: Date
    var currentPeriodEnd: Date
    var pendingPlan: String?
    /// True when Stripe bills the account (its portal changes the plan); false for an allowance by anniversary.
    var managedByStripe: Bool
    var balance: Int
    var usage: [Use]
}
