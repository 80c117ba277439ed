import Foundation
import PixoraStore
import PixoraTestSupport

/// A plans file for the plan tests: `tiny` (the default) is small on every limit; `hourly` only limits the hour.
enum PlanFixtures {
    static let file: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plans-\(UUID().uuidString).yaml")
        let text = """
            default: tiny
            plans:
              - id: tiny
                name: Tiny
                price: {cents: 0}
                monthlyCredits: 10
                maxDurationSeconds: 10
                maxQuality: 480p
                concurrentJobs: 1
                generationsPerHour: 20
                retentionDays: 2
                allowedModels: [embedded]
              - id: hourly
                name: Hourly
                price: {cents: 500, stripePriceId: price_hourly}
                monthlyCredits: 100
                concurrentJobs: 10
                generationsPerHour: 3
                queuePriority: 4
            """
        try! Data(text.utf8).write(to: url)
        return url
    }()

    static var environment: [String: String] { ["PIXORA_PLANS_FILE": file.path] }

    /// A server with billing on (these plans), its first account (the administrator) and a second, ordinary one
    /// on the default plan: the set-up of most plan tests.
    static func with(
        _ engine: TestEngine, _ body: @Sendable (TestApp, API, _ admin: Session, _ user: Session) async throws -> Void
    ) async throws {
        try await TestApp.with(engine, environment: environment) { app in
            try await app.test { api in
                let admin = try await api.register()
                try await body(app, api, admin, try await api.register())
            }
        }
    }
}
