import Foundation
import SQLKit

/// A stage of making a video, as analytics reports its time.
public enum VideoStage: String, StoredEnum {
    case plan, voices, pictures, clips, music, render

    public static let table = "video_stage_times"
    public static let column = "stage"
}

/// When one stage of a video's generation started and ended, in milliseconds.
public struct StageTime: Sendable, Equatable {
    public var stage: VideoStage
    public var startedAt: Int64
    public var finishedAt: Int64

    public init(stage: VideoStage, startedAt: Int64, finishedAt: Int64) {
        self.stage = stage
        self.startedAt = startedAt
        self.finishedAt = max(finishedAt, startedAt)
    }
}

/// The `video_stage_times` table (migration 13): each generation job's stage times, kept with its video.
public enum StageTimes {
    /// Records the stage times of `job`; a stage recorded before for the job (a retried attempt) is replaced.
    /// Call inside the transaction that completes the job.
    public static func record(_ db: any SQLDatabase, job: String, video: String, times: [StageTime]) async throws {
        for time in times {
            try await db.raw(
                """
                INSERT INTO video_stage_times (job_id, video_id, stage, started_at, finished_at)
                VALUES (\(bind: job), \(bind: video), \(bind: time.stage.rawValue), \(bind: time.startedAt), \(bind: time.finishedAt))
                ON CONFLICT (job_id, stage) DO UPDATE SET started_at = excluded.started_at,
                    finished_at = excluded.finished_at
                """
            ).run()
        }
    }

    /// A video's stage times, in stage order.
    public static func list(_ db: any SQLDatabase, video: String) async throws -> [StageTime] {
        try await db.raw(
            "SELECT stage, started_at, finished_at FROM video_stage_times WHERE video_id = \(bind: video)"
        ).all().map { row in
            StageTime(
                stage: try row.stored(VideoStage.self), startedAt: try row.decode(column: "started_at", as: Int64.self),
                finishedAt: try row.decode(column: "finished_at", as: Int64.self))
        }.sorted { VideoStage.allCases.firstIndex(of: $0.stage)! < VideoStage.allCases.firstIndex(of: $1.stage)! }
    }
}
