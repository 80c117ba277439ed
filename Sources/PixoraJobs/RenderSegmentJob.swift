import Foundation
import Logging
import PixoraCore
import PixoraMedia
import PixoraStore
import SQLKit

/// What a segment job carries: the whole timeline (a segment's key depends on its neighbours' transitions and the
/// captions shown during it) and which of its segments to encode.
struct RenderSegmentPayload: Codable {
    /// The video being rendered, for the logs.
    var video: String?
    var state: EditorState
    var segment: Int
}

/// Encodes one segment of another worker's render into the shared asset store. Nothing to undo when it fails: the
/// render's own worker encodes whatever is missing.
struct RenderSegmentJob: JobHandler {
    let workshop: VideoWorkshop
    var kind: JobKind { .renderSegment }

    func run(_ context: JobContext) async throws {
        let payload = try JSONDecoder().decode(RenderSegmentPayload.self, from: Data(context.job.payload.utf8))
        let issues = payload.state.validate()
        guard issues.isEmpty else { throw InvalidDocument(document: "segment job's editor state", issues: issues) }
        let made = try await workshop.pipeline.encodeSegment(of: payload.state, index: payload.segment)
        try await context.complete { _ in }
        context.logger.info(
            made ? "render segment encoded" : "render segment was already encoded",
            metadata: ["video": .string(payload.video ?? "-"), "segment": .stringConvertible(payload.segment)])
    }

    func failed(_ job: Job, error: String, in db: any SQLDatabase) async throws {}
}

/// Shares a render's segments through the job queue: one `render_segment` job per missing segment, which idle
/// workers claim; the rendering worker takes the rest itself with `Jobs.take`. The jobs belong to no video or user,
/// so they never show as a video's job or count against a plan's limits; the render deletes them when it has its
/// segments or fails (cancelled, paused, lease lost), so no copy of the timeline outlives it in the queue.
struct JobSegmentDispatcher: SegmentDispatcher {
    let database: any Database
    let owner: String
    let video: String?
    let settings: WorkerSettings
    let logger: Logger

    func queue(_ state: EditorState, segments: [Int]) async throws -> [String] {
        let payloads = try segments.map {
            String(
                decoding: try JSONEncoder().encode(RenderSegmentPayload(video: video, state: state, segment: $0)),
                as: UTF8.self)
        }
        return try await database.transaction { db in
            var ids: [String] = []
            for payload in payloads {
                ids.append(
                    // One attempt: the rendering worker encodes whatever a failed job leaves.
                    try await Jobs.enqueue(
                        db, kind: .renderSegment, user: nil, video: nil, payload: payload, maxAttempts: 1
                    ).id)
            }
            return ids
        }
    }

    /// The rendering worker renews no segment lease while it encodes, so it takes one long enough for any segment;
    /// if it dies, its own job is taken over and queues fresh segment jobs, which do not wait for these.
    func take(_ job: String) async throws -> Bool {
        try await Jobs.take(in: database, id: job, owner: owner, lease: max(settings.lease, 3600))
    }

    func finish(_ job: String) async throws {
        // A lease that ran out while this worker encoded leaves the job to whoever took it over: same segment.
        _ = try await database.transaction { db in try await Jobs.complete(db, id: job, owner: owner) }
        logger.info("render segment encoded", metadata: ["video": .string(video ?? "-"), "segment job": .string(job)])
    }

    func isSettled(_ job: String) async throws -> Bool { try await Jobs.isSettled(in: database, id: job) }

    func release(_ jobs: [String]) async throws { try await Jobs.delete(in: database, ids: jobs) }
}

extension VideoWorkshop {
    /// The dispatcher a render in a job uses: segments shared through this workshop's queue, taken as `owner`.
    public func segmentDispatcher(owner: String, video: String?, settings: WorkerSettings, logger: Logger)
        -> any SegmentDispatcher
    {
        JobSegmentDispatcher(database: database, owner: owner, video: video, settings: settings, logger: logger)
    }
}
