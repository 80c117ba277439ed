import Foundation

/// The plans a deployment sells, and whether billing is on. With billing off every account is on
/// `SubscriptionPlan.selfHosted` and nothing is limited; with billing on (`STRIPE_SECRET_KEY` set, or
/// `PIXORA_PLANS_FILE` given) accounts without a subscription are on `defaultPlan`.
public struct PlanCatalog: Sendable, Hashable {
    public let plans: [SubscriptionPlan]
    public let billingEnabled: Bool
    /// The plan of a new account, and of an account whose subscription ended: `free` unless the file says otherwise.
    public let defaultPlanID: String

    public init(plans: [SubscriptionPlan], billingEnabled: Bool, defaultPlanID: String) {
        (self.plans, self.billingEnabled, self.defaultPlanID) = (plans, billingEnabled, defaultPlanID)
    }

    /// Free, Pro and Enterprise.
    public static let builtInPlans: [SubscriptionPlan] = [.free, .pro, .enterprise]

    /// Billing off: the self-hosted plan only.
    public static let selfHosted = PlanCatalog(
        plans: [.selfHosted], billingEnabled: false, defaultPlanID: "self-hosted")

    /// The built-in plans with billing on (Stripe configured, no plans file).
    public static let builtIn = PlanCatalog(plans: builtInPlans, billingEnabled: true, defaultPlanID: "free")

    public func plan(id: String) -> SubscriptionPlan? { plans.first { $0.id == id } }

    public var defaultPlan: SubscriptionPlan { plan(id: defaultPlanID) ?? plans[0] }

    /// The plan an account is on: its subscription's plan when billing is on and the plan still exists (a plan
    /// removed from the file falls back to the default rather than locking the account out).
    public func effectivePlan(subscribed id: String?) -> SubscriptionPlan {
        guard billingEnabled else { return plan(id: SubscriptionPlan.selfHosted.id) ?? .selfHosted }
        return id.flatMap(plan(id:)) ?? defaultPlan
    }
}
