import Foundation
import PixoraStore
import PixoraTestSupport
import SQLKit

/// A user with `credits` (the sign-up grant), made directly in the store.
func makeUser(_ database: any Database, credits: Int = 100, email: String? = nil) async throws -> User {
    try await Users.create(in: database, email: email ?? "user-\(UUID().uuidString.prefix(8))@example.com", passwordHash: "x", name: "Test", grant: credits)
}

func balanceAndLedger(_ database: any Database, _ user: String) async throws -> (Int, Int) {
    try await database.read { db in
        (try await CreditLedger.balance(db, user: user) ?? -1, try await CreditLedger.ledgerSum(db, user: user))
    }
}

func newVideo(price: Int, key: String? = nil) -> NewVideo {
    NewVideo(title: "Bees", prompt: "bees", settings: "{}", plan: nil, price: price, idempotencyKey: key, jobPayload: "{}", maxAttempts: 3)
}

func count(_ database: any Database, _ table: String) async throws -> Int {
    try await database.read { db in
        try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(column: "n", as: Int.self) ?? -1
    }
}
