import Foundation
import PixoraStore
import SQLKit

/// Grants the monthly allowances that are due (`Allowances.grantDue`). Queued by the workers' allowance check,
/// at most one at a time (migration 17).
struct GrantAllowancesJob: JobHandler {
    let workshop: VideoWorkshop
    var kind: JobKind { .grantAllowances }

    func run(_ context: JobContext) async throws {
        let granted = try await Allowances.grantDue(
            database: workshop.database, plans: workshop.plans, now: context.settings.now())
        let done = JobProgress(stage: .done, fraction: 1, message: "granted \(granted) monthly allowances")
        try await context.complete(final: done) { _ in }
    }

    /// Nothing to undo: each grant stands on its own.
    func failed(_ job: Job, error: String, in db: any SQLDatabase) async throws {}
}
