import Foundation
import PixoraAPI
import PixoraJobs
import PixoraStore

extension Schemas.Job {
    init(_ job: PixoraStore.Job) throws {
        self.init(
            id: job.id, kind: job.kind, state: job.state, attempts: job.attempts, maxAttempts: job.maxAttempts,
            error: job.error, progress: try job.progressReport(), updatedAt: Date(milliseconds: job.updatedAt))
    }
}

extension Schemas.EventJob {
    init(_ job: PixoraStore.Job) throws {
        self.init(
            id: job.id, kind: job.kind, state: job.state, attempts: job.attempts, error: job.error,
            progress: try job.progressReport())
    }
}

extension Schemas.Video {
    /// `detail` adds the settings, the plan and the video and event links; list items carry the thumbnail link only,
    /// because lists are read often and each link and settings document costs time.
    /// Links are signed at `linksIssued` (now when nil) for `linkLifetime` seconds.
    init(
        _ video: PixoraStore.Video, job: PixoraStore.Job? = nil, detail: Bool = true, tokens: TokenService,
        linksIssued: Date? = nil, linkLifetime: TimeInterval = 3600
    ) throws {
        let issued = linksIssued ?? Date()
        func link(_ path: String) -> String {
            tokens.signedPath(
                "/api/v1/videos/\(video.id)/\(path)", user: video.userId, lifetime: linkLifetime, now: issued)
        }
        self.init(
            id: video.id, title: video.title, prompt: video.prompt, status: video.status,
            settings: detail ? video.settings : nil, durationSeconds: video.duration, creditsUsed: video.creditsUsed,
            error: video.error, currentVersion: video.currentVersion,
            // An expired video's files are being or were deleted: no links, even before its keys are cleared.
            videoUrl: video.videoKey == nil || !detail || video.status == .expired ? nil : link("video"),
            thumbnailUrl: video.thumbnailKey == nil || video.status == .expired ? nil : link("thumbnail"),
            eventsUrl: detail ? link("events") : nil,
            createdAt: Date(milliseconds: video.createdAt), updatedAt: Date(milliseconds: video.updatedAt),
            expiresAt: video.expiresAt.map(Date.init(milliseconds:)), favorite: video.favorite,
            collectionIds: video.collectionIds, job: try job.map(Schemas.Job.init),
            plan: detail ? video.plan : nil)
    }
}

extension Schemas.Version {
    init(_ version: VideoVersion, video: PixoraStore.Video, includeState: Bool, tokens: TokenService) {
        let base = "/api/v1/videos/\(video.id)/versions/\(version.id)"
        self.init(
            id: version.id, number: version.number, status: version.status.contract(),
            durationSeconds: version.duration, error: version.error, current: video.currentVersion == version.number,
            videoUrl: version.videoKey == nil ? nil : tokens.signedPath("\(base)/video", user: video.userId),
            thumbnailUrl: version.thumbnailKey == nil
                ? nil : tokens.signedPath("\(base)/thumbnail", user: video.userId),
            createdAt: Date(milliseconds: version.createdAt), editorState: includeState ? version.editorState : nil)
    }
}
