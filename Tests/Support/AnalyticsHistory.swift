import Foundation
import PixoraCore
import PixoraStore
import SQLKit

/// A known history of video making, written through the store's own functions at fixed times (`Clock.fixedMillis`),
/// for the analytics tests: videos in every state across 1–4 March 2026 and just outside, ledger rows of each kind,
/// stage times and asset costs. `owner`'s expected figures are in `AnalyticsHistory.expected…`.
public struct AnalyticsHistory: Sendable {
    public static let from = "2026-03-01"
    public static let to = "2026-03-04"
    public static let period = AnalyticsPeriod(first: AnalyticsPeriod.day(from)!, last: AnalyticsPeriod.day(to)!)

    /// The owner's videos by day and status: 1 March completed + failed; 2 March none; 3 March completed + queued
    /// (created the last millisecond of the day); 4 March cancelled (the first millisecond).
    public static let expectedDays: [(date: String, status: [VideoStatus: Int])] = [
        ("2026-03-01", [.completed: 1, .failed: 1]), ("2026-03-02", [:]),
        ("2026-03-03", [.completed: 1, .queued: 1]), ("2026-03-04", [.cancelled: 1]),
    ]
    /// Charged 10 + 5 + 8 + 6 + 7 for videos, 5 and 7 refunded; 4 for a scene; 3 for a studio step, refunded.
    public static let expectedCredits: [SpendKind: (charged: Int, refunded: Int)] = [
        .videos: (36, 12), .scenes: (4, 0), .studio: (3, 3), .adjustments: (0, 0),
    ]
    /// Stage seconds of the owner's two finished videos, first and second; every stage ran twice.
    public static let stageSeconds: [VideoStage: (Double, Double)] = [
        .plan: (1.5, 2), .voices: (3, 5), .pictures: (6, 4), .clips: (7, 9), .music: (1, 1.25), .render: (10, 20),
    ]

    /// Default settings as the API stores them: a video row's settings must decode.
    public static let settings = String(decoding: (try? JSONEncoder().encode(Settings())) ?? Data(), as: UTF8.self)

    public var owner: User
    /// Another account with a failed video and its refund on 2 March, and a grant.
    public var other: User

    /// Milliseconds of `date` (YYYY-MM-DD) plus `hours`.
    public static func time(_ date: String, hours: Double = 0) -> Int64 {
        Int64(AnalyticsPeriod.day(date)!) * AnalyticsPeriod.dayMillis + Int64(hours * 3_600_000)
    }

    /// Writes the history. The owner and other accounts are made with these emails, or given ones (made through
    /// the API, whose sign-up grant then falls outside the period).
    public static func write(to database: any Database, owner: User? = nil, other: User? = nil) async throws
        -> AnalyticsHistory
    {
        let owner = try await account(database, owner, at: time("2026-03-01", hours: 8), credits: 100)
        let other = try await account(database, other, at: time("2026-03-02", hours: 1), credits: 100)

        let v1 = try await video(database, owner, at: time("2026-03-01", hours: 9), price: 10)
        let v2 = try await video(database, owner, at: time("2026-03-01", hours: 10), price: 5)
        let v3 = try await video(database, owner, at: time("2026-03-03", hours: 12), price: 8)
        _ = try await video(database, owner, at: time("2026-03-04") - 1, price: 6)
        let v5 = try await video(database, owner, at: time("2026-03-04"), price: 7)
        let before = try await video(database, owner, at: time("2026-03-01") - 1, price: 3)
        _ = try await video(database, owner, at: time("2026-03-05"), price: 2)
        let theirs = try await video(database, other, at: time("2026-03-02", hours: 12), price: 4)

        try await at(time("2026-03-01", hours: 9.5)) {
            try await finish(database, v1, seconds: 10, assets: firstAssets)
        }
        try await at(time("2026-03-01", hours: 10.5)) {
            try await database.transaction { db in
                try await Videos.finishUnsuccessfully(db, id: v2, status: .failed, error: "ffmpeg failed")
            }
        }
        try await at(time("2026-03-03", hours: 12.5)) { try await finish(database, v3, seconds: 8, assets: []) }
        try await at(time("2026-03-04", hours: 1)) {
            try await database.transaction { db in
                try await Videos.finishUnsuccessfully(db, id: v5, status: .cancelled, error: nil)
            }
        }
        try await at(time("2026-03-01") - 1) { try await finish(database, before, seconds: 3, assets: firstAssets) }
        try await at(time("2026-03-02", hours: 13)) {
            try await database.transaction { db in
                try await Videos.finishUnsuccessfully(db, id: theirs, status: .failed, error: "timeout")
            }
        }
        try await at(time("2026-03-02", hours: 14)) {
            try await database.transaction { db in
                try await CreditLedger.apply(
                    db, user: owner.id, delta: -4, reason: .sceneCharge, reference: v1, key: nil)
                try await CreditLedger.apply(
                    db, user: owner.id, delta: -3, reason: .studioCharge, reference: "p1", key: nil)
                try await CreditLedger.apply(
                    db, user: owner.id, delta: 3, reason: .studioRefund, reference: "p1", key: nil)
                try await CreditLedger.apply(
                    db, user: owner.id, delta: 20, reason: .adminGrant, reference: "welcome", key: nil)
            }
        }
        // Stage times: the two finished videos in the period, and one outside it that must not count.
        let first = time("2026-03-01", hours: 9)
        let second = time("2026-03-03", hours: 12)
        try await database.transaction { db in
            try await StageTimes.record(db, job: "job-v1", video: v1, times: stages(from: first, \.0))
            try await StageTimes.record(db, job: "job-v3", video: v3, times: stages(from: second, \.1))
            try await StageTimes.record(
                db, job: "job-before", video: before, times: stages(from: time("2026-02-28", hours: 20), \.0))
        }
        return AnalyticsHistory(owner: owner, other: other)
    }

    /// Stages one after another from `start`, each as long as `pick` says (milliseconds are exact).
    static func stages(from start: Int64, _ pick: KeyPath<(Double, Double), Double>) -> [StageTime] {
        var time = start
        return VideoStage.allCases.map { stage in
            let length = Int64((stageSeconds[stage]![keyPath: pick] * 1000).rounded())
            defer { time += length }
            return StageTime(stage: stage, startedAt: time, finishedAt: time + length)
        }
    }

    /// Two scenes: cloud pictures, one cloud clip, embedded voices and one music track the scenes share.
    static let firstAssets: [[NewSceneAsset]] = [
        [
            NewSceneAsset(kind: .image, key: key("a1", "png"), generator: "fal.ai:flux-ultra", costUsd: 0.06),
            NewSceneAsset(kind: .clip, key: key("a2", "mp4"), generator: "fal.ai:kling", costUsd: 0.475),
            NewSceneAsset(kind: .voice, key: key("a3", "wav"), generator: "embedded.piper@1"),
            NewSceneAsset(kind: .timings, key: key("a3", "json"), generator: "embedded.piper@1"),
            NewSceneAsset(kind: .music, key: key("a4", "wav"), generator: "embedded.midi-fluidsynth@2"),
        ],
        [
            NewSceneAsset(kind: .image, key: key("b1", "png"), generator: "fal.ai:flux-ultra", costUsd: 0.06),
            NewSceneAsset(kind: .clip, key: key("b2", "mp4"), generator: "embedded.kenburns@3"),
            NewSceneAsset(kind: .voice, key: key("b3", "wav"), generator: "embedded.piper@1"),
            NewSceneAsset(kind: .music, key: key("a4", "wav"), generator: "embedded.midi-fluidsynth@2"),
        ],
    ]

    static func key(_ seed: String, _ ext: String) -> String {
        String(repeating: seed, count: 32) + "." + ext
    }

    static func at<T: Sendable>(_ millis: Int64, _ body: () async throws -> T) async rethrows -> T {
        try await Clock.$fixedMillis.withValue(millis) { try await body() }
    }

    static func account(_ database: any Database, _ given: User?, at millis: Int64, credits: Int) async throws -> User {
        if let given { return given }
        return try await at(millis) {
            try await Users.create(
                in: database, email: "user-\(UUID().uuidString.prefix(8))@example.com", passwordHash: "x",
                name: "Analytics", grant: credits)
        }
    }

    static func video(_ database: any Database, _ owner: User, at millis: Int64, price: Int) async throws -> String {
        try await at(millis) {
            let new = NewVideo(
                title: "Bees", prompt: "bees", settings: settings, plan: nil, price: price, idempotencyKey: nil,
                jobPayload: "{}", maxAttempts: 1)
            return try await Videos.create(in: database, owner: owner.id, new, jobKind: .generateVideo).video.id
        }
    }

    /// Completes a video of `seconds` with a scene per asset list, recorded through the scene functions.
    static func finish(_ database: any Database, _ id: String, seconds: Double, assets: [[NewSceneAsset]]) async throws
    {
        try await database.transaction { db in
            let scene = PlanScene(
                id: "s", narration: "Bees.", visual: "a bee", keyPhrase: "bees", mood: .calm, duration: 4,
                musicGroup: 0, transition: Transition(kind: .fade, duration: 1))
            let scenes = try await Scenes.createInitial(
                db, video: id, planScenes: assets.indices.map { _ in scene })
            for (scene, rows) in zip(scenes, assets) {
                guard let revision = try await Scenes.revision(db, scene: scene.id, number: 1) else { continue }
                try await Scenes.completeRevision(db, revision: revision, planScene: revision.planScene, assets: rows)
            }
            try await Videos.setStatus(db, id: id, .running)
            try await Videos.setOutput(
                db, id: id, videoKey: "videos/\(id)/1.mp4", thumbnailKey: "videos/\(id)/1.jpg", duration: seconds,
                version: 1)
            try await Videos.complete(db, id: id, expiresAt: nil)
        }
    }
}
