import Foundation
import PixoraCore
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Analytics in the store")
struct AnalyticsStoreTests {
    @Test(
        "a known history gives exact figures for its owner: days, success, stages, credits, models",
        arguments: TestEngine.allCases)
    func ownerFigures(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let history = try await AnalyticsHistory.write(to: database)
            let report = try await database.read { db in
                try await Analytics.report(db, owner: history.owner.id, period: AnalyticsHistory.period)
            }
            #expect(report.days.map(\.date) == AnalyticsHistory.expectedDays.map(\.date))
            #expect(report.days.map(\.byStatus) == AnalyticsHistory.expectedDays.map(\.status))
            #expect(report.videos == 5 && report.succeeded == 2 && report.byStatus[.failed] == 1)
            #expect(report.successRate == 2.0 / 3.0)
            #expect(report.secondsProduced == 18)
            for credits in report.credits {
                let expected = try #require(AnalyticsHistory.expectedCredits[credits.kind])
                #expect((credits.charged, credits.refunded) == expected, "\(credits.kind)")
            }
            #expect(report.creditsSpent == 28)
            #expect(report.creditsGranted == 120)

            #expect(report.stages.map(\.stage) == VideoStage.allCases)
            for stage in report.stages {
                let (first, second) = try #require(AnalyticsHistory.stageSeconds[stage.stage])
                #expect(stage.count == 2, "\(stage.stage)")
                #expect(stage.meanSeconds == (first + second) / 2, "\(stage.stage)")
                // Nearest rank of two: the median is the smaller, the 95th percentile the larger.
                #expect(stage.p50Seconds == min(first, second), "\(stage.stage)")
                #expect(stage.p95Seconds == max(first, second), "\(stage.stage)")
            }

            // The shared music track counts once; timings are not an asset of their own.
            #expect(
                report.models.map { "\($0.model) \($0.kind.rawValue) \($0.assets) \($0.costUsd)" } == [
                    "fal.ai:kling clip 1 0.475", "fal.ai:flux-ultra image 2 0.12", "embedded.piper@1 voice 2 0.0",
                    "embedded.kenburns@3 clip 1 0.0", "embedded.midi-fluidsynth@2 music 1 0.0",
                ])
            #expect(report.models.map(\.provider) == ["fal.ai", "fal.ai", "embedded", "embedded", "embedded"])
            #expect(abs(report.costUsd - 0.595) < 1e-9)
        }
    }

    @Test("another user's history never counts, and everyone's counts both", arguments: TestEngine.allCases)
    func isolation(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let history = try await AnalyticsHistory.write(to: database)
            let (theirs, everyone) = try await database.read { db in
                (
                    try await Analytics.report(db, owner: history.other.id, period: AnalyticsHistory.period),
                    try await Analytics.report(db, owner: nil, period: AnalyticsHistory.period)
                )
            }
            #expect(theirs.videos == 1 && theirs.byStatus == [.failed: 1] && theirs.days[1].byStatus == [.failed: 1])
            #expect(theirs.successRate == 0)
            #expect(theirs.credits.first { $0.kind == .videos }.map { [$0.charged, $0.refunded] } == [4, 4])
            #expect(theirs.stages.allSatisfy { $0.count == 0 && $0.meanSeconds == nil })
            #expect(theirs.models.isEmpty && theirs.creditsGranted == 100)

            #expect(everyone.videos == 6 && everyone.succeeded == 2 && everyone.byStatus[.failed] == 2)
            #expect(everyone.successRate == 0.5)
            #expect(everyone.days.map(\.total) == [2, 1, 2, 1])
            #expect(everyone.credits.first { $0.kind == .videos }.map { [$0.charged, $0.refunded] } == [40, 16])
            #expect(everyone.creditsGranted == 220)
        }
    }

    @Test(
        "the period's bounds are whole UTC days: the last millisecond before and the first after are left out",
        arguments: TestEngine.allCases)
    func bounds(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let history = try await AnalyticsHistory.write(to: database)
            let owner = history.owner.id
            let (widened, single) = try await database.read { db in
                (
                    try await Analytics.report(
                        db, owner: owner,
                        period: AnalyticsPeriod(
                            first: AnalyticsHistory.period.first - 1, last: AnalyticsHistory.period.last + 1)),
                    try await Analytics.report(
                        db, owner: owner,
                        period: AnalyticsPeriod(first: AnalyticsHistory.period.last, last: AnalyticsHistory.period.last)
                    )
                )
            }
            // 28 February adds the video made its last millisecond (and its stage times); 5 March the one at 0:00.
            #expect(widened.days.first?.date == "2026-02-28" && widened.days.first?.byStatus == [.completed: 1])
            #expect(widened.days.last?.date == "2026-03-05" && widened.days.last?.byStatus == [.queued: 1])
            #expect(widened.stages.first { $0.stage == .plan }?.count == 3)
            #expect(widened.videos == 7 && widened.secondsProduced == 21)
            #expect(single.days.map(\.date) == ["2026-03-04"] && single.videos == 1)
            #expect(single.successRate == nil && single.creditsSpent == 0)
        }
    }

    @Test("percentiles are nearest-rank over every run of a stage", arguments: TestEngine.allCases)
    func percentiles(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await Users.create(
                in: database, email: "p@example.com", passwordHash: "x", name: "P", grant: 100)
            let start = AnalyticsHistory.time("2026-03-02", hours: 6)
            // 20 renders of 1…20 s, written out of order.
            for seconds in [7, 3, 20, 1, 15, 9, 12, 5, 18, 2, 11, 6, 19, 4, 14, 8, 17, 10, 16, 13] {
                let video = try await Clock.$fixedMillis.withValue(start) {
                    try await Videos.create(
                        in: database, owner: user.id,
                        NewVideo(
                            title: "t", prompt: "p", settings: AnalyticsHistory.settings, plan: nil, price: 0,
                            idempotencyKey: nil,
                            jobPayload: "{}", maxAttempts: 1), jobKind: .generateVideo
                    ).video.id
                }
                try await database.transaction { db in
                    try await StageTimes.record(
                        db, job: "job-\(seconds)", video: video,
                        times: [StageTime(stage: .render, startedAt: start, finishedAt: start + Int64(seconds) * 1000)])
                }
            }
            let stages = try await database.read { db in
                try await Analytics.report(db, owner: user.id, period: AnalyticsHistory.period).stages
            }
            let render = try #require(stages.first { $0.stage == .render })
            #expect(render.count == 20 && render.meanSeconds == 10.5)
            #expect(render.p50Seconds == 10 && render.p95Seconds == 19)
        }
    }

    @Test(
        "operations: the queue by kind now, failures and common errors in the period, active and new accounts",
        arguments: TestEngine.allCases)
    func operations(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let noon = AnalyticsHistory.time("2026-03-02", hours: 12)
            let user = try await Clock.$fixedMillis.withValue(noon - 3_600_000) {
                try await Users.create(in: database, email: "ops@example.com", passwordHash: "x", name: "O", grant: 0)
            }
            let earlier = AnalyticsHistory.time("2026-02-20")
            let old = try await Clock.$fixedMillis.withValue(earlier) {
                try await Users.create(in: database, email: "old@example.com", passwordHash: "x", name: "O", grant: 0)
            }
            func enqueue(_ kind: JobKind, _ owner: User, runAt: Int64) async throws {
                _ = try await database.transaction { db in
                    try await Jobs.enqueue(
                        db, kind: kind, user: owner.id, video: nil, payload: "{}", maxAttempts: 1, runAt: runAt)
                }
            }
            func failNext(_ error: String) async throws {
                let job = try #require(try await Jobs.claim(in: database, owner: "w", lease: 30))
                _ = try await database.transaction { db in
                    try await Jobs.fail(
                        db, id: job.id, owner: "w", error: error, retryable: false, base: 1, maxBackoff: 1)
                }
            }
            // A failure long before the period, by the old account.
            try await Clock.$fixedMillis.withValue(earlier) {
                try await enqueue(.generateVideo, old, runAt: earlier)
                try await failNext("disk full")
            }
            try await Clock.$fixedMillis.withValue(noon) {
                try await enqueue(.analyzeSample, user, runAt: noon - 5000)
                try await enqueue(.analyzeSample, user, runAt: noon - 4000)
                try await enqueue(.generateVideo, user, runAt: noon - 3000)
                try await failNext("ffprobe failed")
                try await failNext("ffprobe failed")
                try await failNext("renderer crashed")
                try await enqueue(.generateVideo, user, runAt: noon - 2000)
                try await enqueue(.generateVideo, user, runAt: noon - 1000)
                try await enqueue(.studioStep, user, runAt: noon + 36_000_000)
                _ = try #require(try await Jobs.claim(in: database, owner: "w", lease: 30))
            }
            let report = try await database.read { db in
                try await Analytics.operations(db, period: AnalyticsHistory.period)
            }
            #expect(
                report.queue.map { "\($0.kind) \($0.queued) \($0.running)" } == [
                    "generate_video 1 1", "studio_step 1 0",
                ])
            #expect(report.failures.map { "\($0.kind) \($0.count)" } == ["analyze_sample 2", "generate_video 1"])
            #expect(
                report.commonErrors.map { "\($0.kind): \($0.error) × \($0.count)" } == [
                    "analyze_sample: ffprobe failed × 2", "generate_video: renderer crashed × 1",
                ])
            #expect(report.activeUsers == 1 && report.newUsers == 1 && report.totalUsers == 2)
        }
    }
}
