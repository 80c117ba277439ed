import Foundation
import PixoraAPI
import PixoraStore

extension Schemas.Analytics {
    init(_ report: AnalyticsReport) {
        let providers = Dictionary(grouping: report.models, by: \.provider).map { provider, models in
            Schemas.ProviderCost(
                provider: provider, assets: models.reduce(0) { $0 + $1.assets },
                costUsd: Self.dollars(models.reduce(0) { $0 + $1.costUsd }))
        }.sorted { ($0.costUsd, $1.provider) > ($1.costUsd, $0.provider) }
        self.init(
            from: AnalyticsPeriod.text(report.period.first), to: AnalyticsPeriod.text(report.period.last),
            days: report.days.map(Schemas.AnalyticsDay.init),
            totals: Schemas.AnalyticsTotals(
                videos: report.videos, succeeded: report.succeeded, failed: report.byStatus[.failed] ?? 0,
                successRate: report.successRate.map { ($0 * 10_000).rounded() / 10_000 },
                secondsProduced: report.secondsProduced, creditsSpent: report.creditsSpent,
                creditsGranted: report.creditsGranted, providerCostUsd: Self.dollars(report.costUsd)),
            stages: report.stages.map { stage in
                Schemas.StageTiming(
                    stage: Schemas.StageTiming.StagePayload(rawValue: stage.stage.rawValue) ?? .plan,
                    count: stage.count,
                    meanSeconds: stage.meanSeconds, p50Seconds: stage.p50Seconds, p95Seconds: stage.p95Seconds)
            },
            credits: report.credits.map { credits in
                Schemas.CreditsByKind(
                    kind: Schemas.CreditsByKind.KindPayload(rawValue: credits.kind.rawValue) ?? .videos,
                    charged: credits.charged, refunded: credits.refunded, spent: credits.spent)
            },
            models: report.models.compactMap { model in
                Schemas.ModelUse.KindPayload(rawValue: model.kind.rawValue).map {
                    Schemas.ModelUse(
                        model: model.model, provider: model.provider, kind: $0, assets: model.assets,
                        costUsd: model.costUsd)
                }
            },
            providers: providers)
    }

    /// US dollars to a millionth, so sums of many small prices read cleanly.
    static func dollars(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }
}

extension Schemas.AnalyticsDay {
    init(_ day: AnalyticsReport.Day) {
        let count = { (status: VideoStatus) in day.byStatus[status] ?? 0 }
        self.init(
            date: day.date, queued: count(.queued), running: count(.running), completed: count(.completed),
            failed: count(.failed), cancelled: count(.cancelled), expired: count(.expired), total: day.total)
    }
}

extension Schemas.AdminAnalytics {
    init(_ report: AnalyticsReport, operations: OperationsReport) {
        self.init(
            summary: Schemas.Analytics(report),
            queue: operations.queue.map { Schemas.QueueDepth(kind: $0.kind, queued: $0.queued, running: $0.running) },
            failures: operations.failures.map { Schemas.JobFailureCount(kind: $0.kind, count: $0.count) },
            commonErrors: operations.commonErrors.map {
                Schemas.JobErrorCount(kind: $0.kind, error: $0.error, count: $0.count)
            },
            users: Schemas.UserActivity(
                active: operations.activeUsers, new: operations.newUsers, total: operations.totalUsers))
    }
}
