import Foundation
import PixoraCore
import SQLKit

extension Videos {
    /// Creates a batch of videos, charging each, in one transaction: all or none. The total is checked against
    /// the balance first, so a refusal names the whole price (`insufficientCredits(balance, total)`). With an
    /// idempotency key each video holds `<key>#<n>` and a replay returns the first request's videos.
    public static func createBatch(
        in database: any Database, owner: String, _ items: [NewVideo], jobKind: JobKind
    ) async throws -> (videos: [Video], created: Bool) {
        let keys = items.map(\.idempotencyKey)
        if let first = keys.first, first != nil,
            let existing = try await database.read({ db in try await replayed(db, owner: owner, keys: keys) })
        {
            return (existing, false)
        }
        let total = items.reduce(0) { $0 + $1.price }
        do {
            return try await database.transaction { db -> ([Video], Bool) in
                if let existing = try await replayed(db, owner: owner, keys: keys) { return (existing, false) }
                let balance = try await CreditLedger.balance(db, user: owner) ?? 0
                guard balance >= total else { throw StoreError.insufficientCredits(balance: balance, price: total) }
                var videos: [Video] = []
                do {
                    for new in items { videos.append(try await insert(db, owner: owner, new, jobKind: jobKind)) }
                } catch StoreError.insufficientCredits {
                    // Another charge landed between the check and ours: still the whole batch's refusal.
                    let now = try await CreditLedger.balance(db, user: owner) ?? 0
                    let charged = videos.reduce(0) { $0 + $1.creditsUsed }
                    throw StoreError.insufficientCredits(balance: now + charged, price: total)
                }
                return (videos, true)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // Two requests with one key at once: the loser's insert hits the unique index and rolls back.
            if let first = keys.first, first != nil,
                let existing = try await database.read({ db in try await replayed(db, owner: owner, keys: keys) })
            {
                return (existing, false)
            }
            throw error
        }
    }
}
