import Foundation
import Hummingbird
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
    }

    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try MediaRoutes.caller(request, context, tokens: services.tokens)
        let id = try context.parameters.require("id")
        let database = services.database
        guard try await database.read({ db in try await Videos.find(db, owner: user, id: id) }) != nil else {
            throw APIError.notFound("video")
        }
        let poll = poll
        let keepAlive = keepAlive
        let tokens = services.tokens
        let logger = context.logger
        let headers: HTTPFields = [
            .contentType: "text/event-stream", .cacheControl: "no-cache", .init("X-Accel-Buffering")!: "no",
        ]
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                var last: Schemas.EventBody?
                var sequence = 0
                var quiet = ContinuousClock.now
                let encoder = APIJSON.encoder()
                try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                // A shutting-down server ends its streams (clients reconnect elsewhere) instead of waiting for them.
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    let snapshot = try await loggingFailure(logger, "event stream stopped") {
                        try await database.read { db -> Schemas.EventBody? in
                            // The job first: see VideoRoutes.videoWithJob.
                            let job = try await Jobs.latest(db, video: id)
                            guard let video = try await Videos.find(db, owner: user, id: id) else { return nil }
                            return Schemas.EventBody(
                                videoId: id, status: video.status, error: video.error,
                                currentVersion: video.currentVersion, creditsUsed: video.creditsUsed,
                                job: try job.map {
                                    Schemas.EventJob(
                                        id: $0.id, kind: $0.kind, state: $0.state, attempts: $0.attempts,
                                        error: $0.error, progress: try $0.progressReport())
                                })
                        }
                    }
                    guard let snapshot else {
                        try await writer.write(ByteBuffer(string: "event: deleted\ndata: {\"videoId\":\"\(id)\"}\n\n"))
                        break
                    }
                    let jobFinished = snapshot.job.map { [.succeeded, .failed, .cancelled].contains($0.state) } ?? true
                    let videoSettled = snapshot.status != .queued && snapshot.status != .running
                    let finished = jobFinished && videoSettled
                    if snapshot != last {
                        sequence += 1
                        var outgoing = snapshot
                        let images = (snapshot.job?.progress?.scenes ?? []).compactMap { scene in
                            scene.imageKey.map {
                                Schemas.EventBody.SceneImagesPayloadPayload(
                                    index: scene.index, url: tokens.signedPath("/api/v1/assets/\($0)", user: user))
                            }
                        }
                        outgoing.sceneImages = images.isEmpty ? nil : images
                        let data = String(decoding: try encoder.encode(outgoing), as: UTF8.self)
                        try await writer.write(
                            ByteBuffer(
                                string: "id: \(sequence)\nevent: \(finished ? "end" : "progress")\ndata: \(data)\n\n"))
                        last = snapshot
                        quiet = .now
                    } else if ContinuousClock.now - quiet > keepAlive {
                        try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        quiet = .now
                    }
                    if finished { break }
                    try await Task.sleep(for: poll)
                }
                logger.debug("event stream closed", metadata: ["video": .string(id)])
                try await writer.finish(nil)
            })
    }
}
