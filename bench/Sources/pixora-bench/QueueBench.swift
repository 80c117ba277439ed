import Foundation
import Logging
import PixoraStore
import SQLKit

/// Claims and completes `jobs` empty jobs with each number of concurrent workers; prints jobs/s and how many jobs
/// were claimed more than once (must be 0).
func benchQueue(url: String, jobs: Int, workerCounts: [Int]) async throws {
    var logger = Logger(label: "pixora.bench")
    logger.logLevel = .error
    let database = try await openDatabase(
        url.hasPrefix("sqlite://") ? .sqlite(path: String(url.dropFirst(9))) : .postgres(url: url), logger: logger)
    try await Migrations.run(on: database)
    print(
        "job queue on \(database.engine.rawValue): \(jobs) jobs, each claimed with a lease and completed (two transactions)"
    )
    print("| workers | jobs | seconds | jobs/s | claimed twice |")
    print("|---:|---:|---:|---:|---:|")
    for workers in workerCounts {
        try await database.transaction { db in try await db.raw("DELETE FROM jobs").run() }
        var remaining = jobs
        while remaining > 0 {
            let batch = min(remaining, 500)
            try await database.transaction { db in
                for _ in 0..<batch {
                    _ = try await Jobs.enqueue(
                        db, kind: .renderVersion, user: nil, video: nil, payload: "{}", maxAttempts: 3)
                }
            }
            remaining -= batch
        }
        let start = ContinuousClock.now
        let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var mine: [String] = []
                    let owner = "bench-\(worker)"
                    while let job = try await Jobs.claim(in: database, owner: owner, lease: 30) {
                        mine.append(job.id)
                        _ = try await database.transaction { db in try await Jobs.complete(db, id: job.id, owner: owner)
                        }
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        let elapsed = ContinuousClock.now - start
        let secondsTaken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let succeeded = try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM jobs WHERE state = 'succeeded'").first()?.decode(
                column: "n", as: Int.self) ?? 0
        }
        let duplicates = claimed.count - Set(claimed).count
        print(
            "| \(workers) | \(succeeded) | \(String(format: "%.2f", secondsTaken)) | \(String(format: "%.0f", Double(claimed.count) / secondsTaken)) | \(duplicates) |"
        )
    }
    await database.shutdown()
}
