import PixoraCore
import PixoraStore
import SQLKit

extension VideoWorkshop {
    /// How long `user`'s finished videos keep their files: their plan's retention when billing is on and the plan
    /// sets one, else `PIXORA_RETENTION`.
    func retention(for user: String, in db: any SQLDatabase) async throws -> Retention {
        guard plans.billingEnabled else { return retention }
        let subscribed = try await Subscriptions.find(db, user: user)?.planId
        guard let days = plans.effectivePlan(subscribed: subscribed).retentionDays else { return retention }
        return .seconds(Int64(days) * 86_400)
    }
}
