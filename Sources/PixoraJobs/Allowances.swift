import Foundation
import PixoraCore
import PixoraStore

/// The monthly allowance without Stripe: each account gets its plan's monthly credits on every monthly anniversary
/// of its creation (the first month is covered by the sign-up grant), and moves to a plan an administrator
/// scheduled for its period's end. Accounts that Stripe bills are left to their invoices and Stripe's events. Safe
/// to run twice or on many workers at once: a grant is keyed by account and period (`Subscriptions.grantAllowance`)
/// and a plan change applies only while still pending, so a second run or a racing worker changes nothing.
public enum Allowances {
    /// Grants every allowance due at `now`; returns how many this call granted.
    public static func grantDue(database: any Database, plans: PlanCatalog, now: Int64, pageSize: Int = 500)
        async throws -> Int
    {
        guard plans.billingEnabled else { return 0 }
        var granted = 0
        var cursor: String?
        while true {
            try Task.checkCancellation()
            let page = try await database.read { db in
                try await Subscriptions.accounts(db, after: cursor, limit: pageSize)
            }
            for account in page where account.stripeSubscriptionId == nil {
                let period = BillingPeriod(anchor: account.createdAt, containing: now)
                let moving = Self.dueDowngrade(account, now: now)
                guard moving != nil || period.index >= 1 else { continue }
                let grant = try await database.transaction { db -> AllowanceGrant? in
                    var planID = account.planId
                    // A downgrade due at this period's start applies first, so the period's credits are the new
                    // plan's. Applied at most once: the row must still name it as pending.
                    if let moving {
                        let next = plans.effectivePlan(subscribed: moving)
                        if try await Subscriptions.applyPendingPlan(
                            db, userID: account.userId, pending: moving, queuePriority: next.queuePriority)
                        {
                            planID = moving
                        }
                    }
                    let plan = plans.effectivePlan(subscribed: planID)
                    guard period.index >= 1, plan.monthlyCredits > 0 else { return nil }
                    return try await Subscriptions.grantAllowance(
                        db, userID: account.userId, period: period.key, credits: plan.monthlyCredits, plan: plan.id)
                }
                if grant != nil { granted += 1 }
            }
            guard page.count == pageSize, let last = page.last else { return granted }
            cursor = last.userId
        }
    }

    /// The account's pending plan when its period has ended by `now`: the end stored with it, or else the end of
    /// the anniversary month in which it was scheduled.
    static func dueDowngrade(_ account: AllowanceAccount, now: Int64) -> String? {
        guard let pending = account.pendingPlanId else { return nil }
        let end =
            account.currentPeriodEnd
            ?? BillingPeriod(anchor: account.createdAt, containing: account.updatedAt ?? account.createdAt).end
        return end <= now ? pending : nil
    }
}
