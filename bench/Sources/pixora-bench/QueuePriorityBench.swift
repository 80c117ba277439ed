import Foundation
import Logging
import PixoraStore
import SQLKit

/// Claim latency on a deep queue: `jobs` queued jobs in three priority levels (0, 5, 10), then `claims` claims
/// with the plan-priority order (`Jobs.claim`, on the `jobs_claim_order` index) and as many with the order before
/// priorities (oldest first, on the `jobs_queued` index), alternating in the same run so both see the same queue
/// depth and machine load. Prints the median and 95th percentile of each and their ratio.
func benchQueuePriority(url: String, jobs: Int, claims: Int) async throws {
    var logger = Logger(label: "pixora.bench")
    logger.logLevel = .error
    let database = try await openDatabase(
        url.hasPrefix("sqlite://") ? .sqlite(path: String(url.dropFirst(9))) : .postgres(url: url), logger: logger)
    try await Migrations.run(on: database)
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
    // A third of the queue at each of Free's, Pro's and Enterprise's levels.
    try await database.transaction { db in
        try await db.raw("UPDATE jobs SET priority = CASE WHEN id < '6' THEN 0 WHEN id < 'b' THEN 5 ELSE 10 END").run()
    }
    let lock = database.engine == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
    var withPriority: [Double] = []
    var oldestFirst: [Double] = []
    for index in 0..<(claims * 2) {
        let start = ContinuousClock.now
        if index % 2 == 0 {
            _ = try await Jobs.claim(in: database, owner: "bench", lease: 30)
        } else {
            let now = Clock.nowMillis()
            try await database.read { db in
                try await db.raw(
                    """
                    UPDATE jobs SET state = 'running', lease_owner = 'bench', lease_expires_at = \(bind: now + 30_000),
                        attempts = attempts + 1, updated_at = \(bind: now)
                    WHERE id = (
                        SELECT id FROM jobs
                        WHERE state = 'queued' AND run_at <= \(bind: now) AND attempts < max_attempts
                        ORDER BY run_at LIMIT 1\(unsafeRaw: lock))
                    RETURNING id
                    """
                ).run()
            }
        }
        let elapsed = ContinuousClock.now - start
        let millis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        if index % 2 == 0 { withPriority.append(millis) } else { oldestFirst.append(millis) }
    }
    func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
    let (p50, o50) = (percentile(withPriority, 0.5), percentile(oldestFirst, 0.5))
    print("claim latency on \(database.engine.rawValue): \(jobs) queued jobs, \(claims) claims each, alternating")
    print("| order | median ms | p95 ms |")
    print("|---|---:|---:|")
    print(String(format: "| plan priority + age | %.3f | %.3f |", p50, percentile(withPriority, 0.95)))
    print(String(format: "| oldest first | %.3f | %.3f |", o50, percentile(oldestFirst, 0.95)))
    print(String(format: "median ratio (priority / oldest first): %.2f", p50 / o50))
    await database.shutdown()
}
