import Foundation
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Accounts, credits and tokens in the store")
struct AccountStoreTests {
    @Test("migrations apply once, in order, and a second run applies nothing", arguments: TestEngine.allCases)
    func migrations(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let applied = try await Migrations.applied(on: database)
            let again = try await Migrations.run(on: database)
            #expect(applied == Migrations.all.map(\.version))
            #expect(again.isEmpty)
        }
    }

    @Test(
        "the first account is an admin, later ones are users, each starts with its grant in the ledger",
        arguments: TestEngine.allCases)
    func signUp(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let first = try await makeUser(database, credits: 100, email: "First@Example.com")
            let second = try await makeUser(database, credits: 100)
            #expect(first.role == .admin && second.role == .user)
            #expect(first.email == "first@example.com")
            #expect(first.credits == 100)
            #expect(try await balanceAndLedger(database, first.id) == (100, 100))
            await #expect(throws: StoreError.conflict("an account with this email already exists")) {
                _ = try await makeUser(database, email: "first@EXAMPLE.com")
            }
        }
    }

    @Test("charging more credits than the balance fails and writes nothing", arguments: TestEngine.allCases)
    func overdraft(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database, credits: 5)
            await #expect(throws: StoreError.insufficientCredits(balance: 5, price: 6)) {
                try await database.transaction { db in
                    _ = try await CreditLedger.apply(
                        db, user: user.id, delta: -6, reason: .videoCharge, reference: nil, key: "charge-1")
                }
            }
            #expect(try await balanceAndLedger(database, user.id) == (5, 5))
            #expect(try await count(database, "credit_transactions") == 1)
        }
    }

    @Test("a ledger change with a used idempotency key changes nothing", arguments: TestEngine.allCases)
    func replayedChange(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database, credits: 10)
            let first = try await database.transaction { db in
                try await CreditLedger.apply(
                    db, user: user.id, delta: 7, reason: .videoRefund, reference: "v", key: "refund-v")
            }
            let again = try await database.transaction { db in
                try await CreditLedger.apply(
                    db, user: user.id, delta: 7, reason: .videoRefund, reference: "v", key: "refund-v")
            }
            #expect(first?.balanceAfter == 17)
            #expect(again == nil)
            #expect(try await balanceAndLedger(database, user.id) == (17, 17))
        }
    }

    @Test("a refresh token rotates once; presenting it again revokes its whole family", arguments: TestEngine.allCases)
    func refreshRotation(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database)
            let first = try await RefreshTokens.issue(in: database, user: user.id, lifetime: 3600)
            guard
                case .rotated(let owner, let second) = try await RefreshTokens.rotate(
                    in: database, token: first, lifetime: 3600)
            else {
                Issue.record("first rotation failed")
                return
            }
            #expect(owner == user.id && second != first)
            #expect(try await RefreshTokens.rotate(in: database, token: first, lifetime: 3600) == .reused)
            // The thief's replay also signed out the legitimate holder of the newer token.
            #expect(try await RefreshTokens.rotate(in: database, token: second, lifetime: 3600) == .invalid)
            #expect(try await RefreshTokens.rotate(in: database, token: "made-up", lifetime: 3600) == .invalid)
            let expired = try await RefreshTokens.issue(in: database, user: user.id, lifetime: -1)
            #expect(try await RefreshTokens.rotate(in: database, token: expired, lifetime: 3600) == .invalid)
        }
    }

    @Test(
        "a password reset token works once, sets the hash and signs out every session", arguments: TestEngine.allCases)
    func passwordReset(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database)
            let session = try await RefreshTokens.issue(in: database, user: user.id, lifetime: 3600)
            let token = try await PasswordResets.issue(in: database, user: user.id, lifetime: 3600)
            #expect(try await PasswordResets.redeem(in: database, token: token, newHash: "new-hash") == user.id)
            #expect(try await PasswordResets.redeem(in: database, token: token, newHash: "other") == nil)
            #expect(try await database.read { db in try await Users.find(db, id: user.id) }?.passwordHash == "new-hash")
            #expect(try await RefreshTokens.rotate(in: database, token: session, lifetime: 3600) == .invalid)
            let stale = try await PasswordResets.issue(in: database, user: user.id, lifetime: -1)
            #expect(try await PasswordResets.redeem(in: database, token: stale, newHash: "late") == nil)
            // Only the hash is stored.
            let stored = try await database.read { db in
                try await db.raw("SELECT token_hash FROM password_resets").all().map {
                    try $0.decode(column: "token_hash", as: String.self)
                }
            }
            #expect(!stored.contains(token) && stored.contains(SecretToken.hash(token)))
        }
    }
}

@Suite("PostgreSQL client lifecycle")
struct PostgresLifecycleTests {
    /// `pixora worker` used to log PostgresNIO's "run() hasn't been called yet" at start: its first query raced
    /// the client's start.
    @Test("the client is running before the first query")
    func runsBeforeFirstLease() async throws {
        guard let url = ProcessInfo.processInfo.environment["PIXORA_TEST_POSTGRES_URL"] else {
            Issue.record("PIXORA_TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh")
            return
        }
        for _ in 0..<20 {
            let log = CapturedLog()
            let engine = try await PostgresDatabaseEngine.open(url: url, logger: log.logger())
            await engine.shutdown()
            #expect(!log.entries.contains { $0.message.contains("hasn't been called yet") })
        }
    }
}
