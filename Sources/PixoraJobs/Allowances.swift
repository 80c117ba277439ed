import Foundation
import PixoraCore
import PixoraStore

/// The monthly allowance without Stripe: each account gets its plan's monthly credits on every monthly anniversary
/// of its creation (the first month is covered by the sign-up grant). Accounts that Stripe bills are left to their
/// invoices. Safe to run twice or on many workers at once: a grant is keyed by account and period
/// (`Subscriptions.grantAllowance`), so a second run or a racing worker grants nothing.
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
                let plan = plans.effectivePlan(subscribed: account.planId)
                let period = BillingPeriod(anchor: account.createdAt, containing: now)
                guard period.index >= 1, plan.monthlyCredits > 0 else { continue }
                let grant = try await database.transaction { db in
                    try await Subscriptions.grantAllowance(
                        db, userID: account.userId, period: period.key, credits: plan.monthlyCredits, plan: plan.id)
                }
                if grant != nil { granted += 1 }
            }
            guard page.count == pageSize, let last = page.last else { return granted }
            cursor = last.userId
        }
    }
}
