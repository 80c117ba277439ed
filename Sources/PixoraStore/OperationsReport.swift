import Foundation
import SQLKit

/// What administrators watch besides the videos: the queue now, the jobs that failed in a period and who was
/// active. Job kinds are read as text, so a kind this build does not know still counts.
public struct OperationsReport: Sendable, Equatable {
    /// Jobs waiting or running now, of one kind.
    public struct Queue: Sendable, Equatable {
        public var kind: String
        public var queued: Int
        public var running: Int
    }

    /// Jobs of one kind that failed for good in the period.
    public struct Failures: Sendable, Equatable {
        public var kind: String
        public var count: Int
    }

    /// One error message and how many failed jobs of a kind ended with it.
    public struct CommonError: Sendable, Equatable {
        public var kind: String
        public var error: String
        public var count: Int
    }

    public var queue: [Queue]
    public var failures: [Failures]
    public var commonErrors: [CommonError]
    /// Accounts that started any work (a video, an edit, a studio step, an analysis) in the period.
    public var activeUsers: Int
    /// Accounts created in the period.
    public var newUsers: Int
    /// All accounts now.
    public var totalUsers: Int
}

extension Analytics {
    /// The most common failure messages listed.
    public static let commonErrorLimit = 10
    /// Longest error message shown; the rest is cut (a message can hold a tool's whole output).
    public static let errorLength = 300

    public static func operations(_ db: any SQLDatabase, period: AnalyticsPeriod) async throws -> OperationsReport {
        let queue = try await db.raw(
            """
            SELECT kind, SUM(CASE WHEN state = 'queued' THEN 1 ELSE 0 END) AS queued,
                SUM(CASE WHEN state = 'running' THEN 1 ELSE 0 END) AS running
            FROM jobs WHERE state IN ('queued', 'running') GROUP BY kind ORDER BY kind
            """
        ).all().map { row in
            OperationsReport.Queue(
                kind: try row.decode(column: "kind", as: String.self),
                queued: try row.decode(column: "queued", as: Int.self),
                running: try row.decode(column: "running", as: Int.self))
        }
        let range: SQLQueryString = "updated_at >= \(bind: period.start) AND updated_at < \(bind: period.end)"
        let failures = try await db.raw(
            """
            SELECT kind, COUNT(*) AS failed FROM jobs WHERE state = 'failed' AND \(range)
            GROUP BY kind ORDER BY failed DESC, kind
            """
        ).all().map { row in
            OperationsReport.Failures(
                kind: try row.decode(column: "kind", as: String.self),
                count: try row.decode(column: "failed", as: Int.self))
        }
        let errors = try await db.raw(
            """
            SELECT kind, COALESCE(error, '') AS message, COUNT(*) AS failed FROM jobs WHERE state = 'failed' AND \(range)
            GROUP BY kind, COALESCE(error, '') ORDER BY failed DESC, kind, message LIMIT \(bind: commonErrorLimit)
            """
        ).all().map { row in
            OperationsReport.CommonError(
                kind: try row.decode(column: "kind", as: String.self),
                error: String(try row.decode(column: "message", as: String.self).prefix(errorLength)),
                count: try row.decode(column: "failed", as: Int.self))
        }
        let users = try await db.raw(
            """
            SELECT
                (SELECT COUNT(DISTINCT user_id) FROM jobs WHERE user_id IS NOT NULL
                    AND created_at >= \(bind: period.start) AND created_at < \(bind: period.end)) AS active,
                (SELECT COUNT(*) FROM users
                    WHERE created_at >= \(bind: period.start) AND created_at < \(bind: period.end)) AS joined,
                (SELECT COUNT(*) FROM users) AS everyone
            """
        ).first()
        return OperationsReport(
            queue: queue, failures: failures, commonErrors: errors,
            activeUsers: try users?.decode(column: "active", as: Int.self) ?? 0,
            newUsers: try users?.decode(column: "joined", as: Int.self) ?? 0,
            totalUsers: try users?.decode(column: "everyone", as: Int.self) ?? 0)
    }
}
