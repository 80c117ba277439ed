import Foundation
import SQLKit

/// What a period of video making came to, for one user or for everyone: each figure is computed by the
/// database (grouped and counted in SQL on both engines), never by loading every row.
public struct AnalyticsReport: Sendable, Equatable {
    /// Videos created on one UTC day, by their status now.
    public struct Day: Sendable, Equatable {
        public var date: String
        public var byStatus: [VideoStatus: Int]
        public var total: Int { byStatus.values.reduce(0, +) }
    }

    /// How long one stage took over the videos whose stage started in the period (nearest-rank percentiles).
    public struct Stage: Sendable, Equatable {
        public var stage: VideoStage
        public var count: Int
        /// Seconds; nil when the stage never ran in the period.
        public var meanSeconds: Double?
        public var p50Seconds: Double?
        public var p95Seconds: Double?
    }

    /// Credits charged and refunded for one kind of work.
    public struct Credits: Sendable, Equatable {
        public var kind: SpendKind
        public var charged: Int
        public var refunded: Int
        public var spent: Int { charged - refunded }
    }

    /// The assets one generator or model made, and what its provider charged for them.
    public struct Model: Sendable, Equatable {
        /// As recorded with the asset: a provider and model (`fal.ai:fal-ai/flux-pro/v1.1-ultra`) or an embedded
        /// generator and version (`embedded.kenburns@3`).
        public var model: String
        public var kind: AssetKind
        public var assets: Int
        public var costUsd: Double
        /// The provider (`fal.ai`), or `embedded`.
        public var provider: String {
            guard !model.hasPrefix("embedded."), let colon = model.firstIndex(of: ":") else { return "embedded" }
            return String(model[..<colon])
        }
    }

    public var period: AnalyticsPeriod
    public var days: [Day]
    public var stages: [Stage]
    public var credits: [Credits]
    public var models: [Model]
    /// Credits received in the period (sign-up grants and positive adjustments).
    public var creditsGranted: Int
    /// Seconds of finished video among the videos created in the period.
    public var secondsProduced: Double

    public var byStatus: [VideoStatus: Int] {
        days.reduce(into: [:]) { sum, day in day.byStatus.forEach { sum[$0.key, default: 0] += $0.value } }
    }
    public var videos: Int { days.reduce(0) { $0 + $1.total } }
    /// Videos that finished well: completed, or completed and since expired.
    public var succeeded: Int { (byStatus[.completed] ?? 0) + (byStatus[.expired] ?? 0) }
    /// succeeded / (succeeded + failed); nil when no video finished either way.
    public var successRate: Double? {
        let failed = byStatus[.failed] ?? 0
        return succeeded + failed == 0 ? nil : Double(succeeded) / Double(succeeded + failed)
    }
    public var creditsSpent: Int { credits.reduce(0) { $0 + $1.spent } }
    public var costUsd: Double { models.reduce(0) { $0 + $1.costUsd } }
}

/// What credits were spent on, from the ledger's reasons.
public enum SpendKind: String, Sendable, CaseIterable {
    case videos, scenes, studio, adjustments

    /// The kind of a ledger reason and whether it is a refund; nil for grants.
    static func of(_ reason: String) -> (kind: SpendKind, refund: Bool)? {
        switch CreditReason(rawValue: reason) {
        case .videoCharge: (.videos, false)
        case .videoRefund: (.videos, true)
        case .sceneCharge: (.scenes, false)
        case .sceneRefund: (.scenes, true)
        case .studioCharge: (.studio, false)
        case .studioRefund: (.studio, true)
        case .adminGrant: (.adjustments, false)
        default: nil
        }
    }
}

public enum Analytics {
    /// The report of `period` for `owner`'s rows, or everyone's when `owner` is nil.
    public static func report(_ db: any SQLDatabase, owner: String?, period: AnalyticsPeriod) async throws
        -> AnalyticsReport
    {
        let (days, seconds) = try await videoDays(db, owner: owner, period: period)
        let (credits, granted) = try await credits(db, owner: owner, period: period)
        return AnalyticsReport(
            period: period, days: days, stages: try await stages(db, owner: owner, period: period), credits: credits,
            models: try await models(db, owner: owner, period: period), creditsGranted: granted,
            secondsProduced: seconds)
    }

    /// `AND <column> = owner`, or nothing for everyone.
    static func ownedBy(_ column: String, _ owner: String?) -> SQLQueryString {
        guard let owner else { return "" }
        return "AND \(unsafeRaw: column) = \(bind: owner)"
    }

    static func videoDays(_ db: any SQLDatabase, owner: String?, period: AnalyticsPeriod) async throws
        -> ([AnalyticsReport.Day], Double)
    {
        var counts = Array(repeating: [VideoStatus: Int](), count: period.days)
        var seconds = 0.0
        let rows = try await db.raw(
            """
            SELECT created_at / 86400000 AS day, status, COUNT(*) AS videos,
                CAST(COALESCE(SUM(CASE WHEN status IN ('completed', 'expired') THEN duration END), 0) AS DOUBLE PRECISION) AS seconds
            FROM videos WHERE created_at >= \(bind: period.start) AND created_at < \(bind: period.end) \(ownedBy("user_id", owner))
            GROUP BY created_at / 86400000, status
            """
        ).all()
        for row in rows {
            let index = try row.decode(column: "day", as: Int.self) - period.first
            guard counts.indices.contains(index) else { continue }
            counts[index][try row.stored(VideoStatus.self)] = try row.decode(column: "videos", as: Int.self)
            seconds += try row.decode(column: "seconds", as: Double.self)
        }
        let days = counts.enumerated().map { index, byStatus in
            AnalyticsReport.Day(date: AnalyticsPeriod.text(period.first + index), byStatus: byStatus)
        }
        return (days, (seconds * 10).rounded() / 10)
    }

    static func stages(_ db: any SQLDatabase, owner: String?, period: AnalyticsPeriod) async throws
        -> [AnalyticsReport.Stage]
    {
        // Nearest-rank percentiles: the value at position ceil(p·n) in order, in integer arithmetic both engines
        // share ((n + 1) / 2 and (95n + 99) / 100).
        let rows = try await db.raw(
            """
            WITH timed AS (
                SELECT t.stage, t.finished_at - t.started_at AS ms FROM video_stage_times t
                JOIN videos v ON v.id = t.video_id
                WHERE t.started_at >= \(bind: period.start) AND t.started_at < \(bind: period.end) \(ownedBy("v.user_id", owner))
            ), ranked AS (
                SELECT stage, ms, ROW_NUMBER() OVER (PARTITION BY stage ORDER BY ms) AS place,
                    COUNT(*) OVER (PARTITION BY stage) AS total
                FROM timed
            )
            SELECT stage, COUNT(*) AS runs, CAST(SUM(ms) AS BIGINT) AS sum_ms,
                MAX(CASE WHEN place = (total + 1) / 2 THEN ms END) AS p50_ms,
                MAX(CASE WHEN place = (total * 95 + 99) / 100 THEN ms END) AS p95_ms
            FROM ranked GROUP BY stage
            """
        ).all()
        var found: [VideoStage: AnalyticsReport.Stage] = [:]
        for row in rows {
            let stage = try row.stored(VideoStage.self)
            let runs = try row.decode(column: "runs", as: Int.self)
            let sum = try row.decode(column: "sum_ms", as: Int64.self)
            found[stage] = AnalyticsReport.Stage(
                stage: stage, count: runs, meanSeconds: seconds(Double(sum) / Double(max(runs, 1))),
                p50Seconds: seconds(Double(try row.decode(column: "p50_ms", as: Int64.self))),
                p95Seconds: seconds(Double(try row.decode(column: "p95_ms", as: Int64.self))))
        }
        return VideoStage.allCases.map { found[$0] ?? AnalyticsReport.Stage(stage: $0, count: 0) }
    }

    /// Milliseconds as seconds to the millisecond.
    static func seconds(_ millis: Double) -> Double { millis.rounded() / 1000 }

    static func credits(_ db: any SQLDatabase, owner: String?, period: AnalyticsPeriod) async throws
        -> ([AnalyticsReport.Credits], granted: Int)
    {
        let rows = try await db.raw(
            """
            SELECT reason, CAST(COALESCE(SUM(CASE WHEN delta > 0 THEN delta ELSE 0 END), 0) AS BIGINT) AS added,
                CAST(COALESCE(SUM(CASE WHEN delta < 0 THEN -delta ELSE 0 END), 0) AS BIGINT) AS taken
            FROM credit_transactions
            WHERE created_at >= \(bind: period.start) AND created_at < \(bind: period.end) \(ownedBy("user_id", owner))
            GROUP BY reason
            """
        ).all()
        var kinds = Dictionary(
            uniqueKeysWithValues: SpendKind.allCases.map {
                ($0, AnalyticsReport.Credits(kind: $0, charged: 0, refunded: 0))
            })
        var granted = 0
        for row in rows {
            let reason = try row.decode(column: "reason", as: String.self)
            let added = try row.decode(column: "added", as: Int.self)
            let taken = try row.decode(column: "taken", as: Int.self)
            switch SpendKind.of(reason) {
            case (.adjustments, _)?:
                // An administrator's adjustment either way: a deduction is spending, an addition a grant.
                kinds[.adjustments]!.charged += taken
                granted += added
            case (let kind, false)?: kinds[kind]!.charged += taken - added
            case (let kind, true)?: kinds[kind]!.refunded += added - taken
            case nil: granted += added
            }
        }
        return (SpendKind.allCases.map { kinds[$0]! }, granted)
    }

    static func models(_ db: any SQLDatabase, owner: String?, period: AnalyticsPeriod) async throws
        -> [AnalyticsReport.Model]
    {
        // An asset a video uses in several scenes (a music group's track) or revisions is counted once per video.
        let rows = try await db.raw(
            """
            SELECT generator, kind, COUNT(*) AS assets,
                CAST(COALESCE(SUM(cost_usd), 0) AS DOUBLE PRECISION) AS cost
            FROM (
                SELECT DISTINCT s.video_id, a.asset_key, a.kind, a.generator, a.cost_usd
                FROM scene_assets a JOIN scene_revisions r ON r.id = a.revision_id
                JOIN scenes s ON s.id = r.scene_id JOIN videos v ON v.id = s.video_id
                WHERE a.kind <> 'timings' AND a.created_at >= \(bind: period.start) AND a.created_at < \(bind: period.end)
                \(ownedBy("v.user_id", owner))
            ) used
            GROUP BY generator, kind ORDER BY cost DESC, assets DESC, generator, kind
            """
        ).all()
        return try rows.map { row in
            AnalyticsReport.Model(
                model: try row.decode(column: "generator", as: String.self), kind: try row.stored(AssetKind.self),
                assets: try row.decode(column: "assets", as: Int.self),
                costUsd: (try row.decode(column: "cost", as: Double.self) * 1_000_000).rounded() / 1_000_000)
        }
    }
}
