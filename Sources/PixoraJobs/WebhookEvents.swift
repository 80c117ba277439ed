import Foundation
import PixoraCore
import PixoraStore
import SQLKit

/// The events the jobs announce to webhooks, each queued in the transaction that records what it reports.
enum WebhookEvents {
    struct VideoData: Encodable {
        var videoId: String
        var title: String
        var status: String
        var durationSeconds: Double?
        var creditsUsed: Int
        var version: Int?
        var error: String?
    }

    struct VersionData: Encodable {
        var videoId: String
        var versionId: String
        var number: Int
        var durationSeconds: Double?
    }

    struct StepData: Encodable {
        var projectId: String
        var step: String
        var run: Int
        var state: String
    }

    /// `video.completed` or `video.failed`, from the video as it now stands.
    static func video(_ db: any SQLDatabase, id: String, type: WebhookEventType) async throws {
        guard let video = try await Videos.find(db, id: id) else { return }
        let data = VideoData(
            videoId: video.id, title: video.title, status: video.status.rawValue, durationSeconds: video.duration,
            creditsUsed: video.creditsUsed, version: video.currentVersion, error: video.error)
        try await WebhookDeliveries.emit(db, user: video.userId, type: type, data: data)
    }

    /// `version.completed`: a version of the video finished rendering.
    static func version(_ db: any SQLDatabase, video: String, version: String) async throws {
        guard let owner = try await Videos.find(db, id: video)?.userId,
            let row = try await Versions.find(db, video: video, id: version)
        else { return }
        let data = VersionData(videoId: video, versionId: row.id, number: row.number, durationSeconds: row.duration)
        try await WebhookDeliveries.emit(db, user: owner, type: .versionCompleted, data: data)
    }

    /// `project.step.completed`, only when this run did complete the step (a stale run changes nothing).
    static func step(_ db: any SQLDatabase, project: String, payload: StudioStepPayload) async throws {
        guard let row = try await Projects.find(db, id: project), let workflow = row.workflow else { return }
        let record = workflow[payload.step]
        guard record.runs == payload.run, record.state == .review else { return }
        let data = StepData(projectId: project, step: payload.step.rawValue, run: payload.run, state: "review")
        try await WebhookDeliveries.emit(db, user: row.userId, type: .projectStepCompleted, data: data)
    }
}
