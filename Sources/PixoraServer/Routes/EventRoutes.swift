import Foundation
import Hummingbird
import Logging
import NIOCore
import PixoraAPI
import PixoraJobs
import PixoraPipeline
import PixoraStore
import ServiceLifecycle

/// `GET /api/v1/videos/{id}/events`: Server-Sent Events with the video's status and its newest job's progress.
/// Read from the database, so any API node can stream a job that any worker runs, and a reconnecting client
/// gets the whole picture in its first event.
struct EventRoutes {
    let services: AppServices
    /// How often the stream looks for news; keep-alive comments go out every `keepAlive`.
    var poll: Duration = .milliseconds(300)
    var keepAlive: Duration = .seconds(15)

    func register(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.get, "videos/:id/events", events)
        routes.add(.get, "projects/:id/events", projectEvents)
    }

    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try MediaRoutes.caller(request, context, tokens: services.tokens)
        let id = try context.parameters.require("id")
        let database = services.database
        guard try await database.read({ db in try await Videos.find(db, owner: user, id: id) }) != nil else {
            throw APIError.notFound("video")
        }
        let tokens = services.tokens
        return stream(
            logger: context.logger, subject: ["video": id], deleted: #"{"videoId":"\#(id)"}"#,
            read: {
                try await database.read { db -> Schemas.EventBody? in
                    // The job first: see VideoRoutes.videoWithJob.
                    let job = try await Jobs.latest(db, video: id)
                    guard let video = try await Videos.find(db, owner: user, id: id) else { return nil }
                    return Schemas.EventBody(
                        videoId: id, status: video.status, error: video.error,
                        currentVersion: video.currentVersion, creditsUsed: video.creditsUsed,
                        job: try job.map(Schemas.EventJob.init))
                }
            },
            finished: { snapshot in
                let jobFinished = snapshot.job.map { [.succeeded, .failed, .cancelled].contains($0.state) } ?? true
                return jobFinished && snapshot.status != .queued && snapshot.status != .running
            },
            outgoing: { snapshot in
                var outgoing = snapshot
                let images = (snapshot.job?.progress?.scenes ?? []).compactMap { scene in
                    scene.imageKey.map {
                        Schemas.EventBody.SceneImagesPayloadPayload(
                            index: scene.index, url: tokens.signedPath("/api/v1/assets/\($0)", user: user))
                    }
                }
                outgoing.sceneImages = images.isEmpty ? nil : images
                return outgoing
            })
    }

    /// `GET /api/v1/projects/{id}/events`: the project's status and its analysis job's progress.
    @Sendable func projectEvents(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try MediaRoutes.caller(request, context, tokens: services.tokens)
        let id = try context.parameters.require("id")
        let database = services.database
        guard try await database.read({ db in try await Projects.find(db, owner: user, id: id) }) != nil else {
            throw APIError.notFound("project")
        }
        return stream(
            logger: context.logger, subject: ["project": id], deleted: #"{"projectId":"\#(id)"}"#,
            read: {
                try await database.read { db -> Schemas.ProjectEventBody? in
                    let job = try await Jobs.latest(db, project: id)
                    guard let project = try await Projects.find(db, owner: user, id: id) else { return nil }
                    return Schemas.ProjectEventBody(
                        projectId: id, status: project.status, error: project.error,
                        job: try job.map(Schemas.EventJob.init))
                }
            },
            finished: { snapshot in
                let jobFinished = snapshot.job.map { [.succeeded, .failed, .cancelled].contains($0.state) } ?? true
                return jobFinished && snapshot.status != .analyzing
            },
            outgoing: { $0 })
    }

    /// The stream itself: polls `read`, sends each change as a `progress` event (the last as `end`), keep-alive
    /// comments while nothing changes, and `deleted` when `read` finds nothing.
    func stream<Snapshot: Encodable & Equatable & Sendable>(
        logger: Logger, subject: [String: String], deleted: String,
        read: @escaping @Sendable () async throws -> Snapshot?,
        finished: @escaping @Sendable (Snapshot) -> Bool,
        outgoing: @escaping @Sendable (Snapshot) -> Snapshot
    ) -> Response {
        let poll = poll
        let keepAlive = keepAlive
        let headers: HTTPFields = [
            .contentType: "text/event-stream", .cacheControl: "no-cache", .init("X-Accel-Buffering")!: "no",
        ]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                var last: Snapshot?
                var sequence = 0
                var quiet = ContinuousClock.now
                let encoder = APIJSON.encoder()
                try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                // A shutting-down server ends its streams (clients reconnect elsewhere) instead of waiting for them.
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    let snapshot = try await loggingFailure(logger, "event stream stopped") { try await read() }
                    guard let snapshot else {
                        try await writer.write(ByteBuffer(string: "event: deleted\ndata: \(deleted)\n\n"))
                        break
                    }
                    let done = finished(snapshot)
                    if snapshot != last {
                        sequence += 1
                        let data = String(decoding: try encoder.encode(outgoing(snapshot)), as: UTF8.self)
                        try await writer.write(
                            ByteBuffer(
                                string: "id: \(sequence)\nevent: \(done ? "end" : "progress")\ndata: \(data)\n\n"))
                        last = snapshot
                        quiet = .now
                    } else if ContinuousClock.now - quiet > keepAlive {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        quiet = .now
                    }
                    if done { break }
                    try await Task.sleep(for: poll)
                }
                logger.debug("event stream closed", metadata: subject.mapValues { .string($0) })
                try await writer.finish(nil)
            })
    }
}
