import Foundation
import PixoraCore

/// Hands a render's missing segments to other workers, so several machines encode one video (the job queue
/// implements it). The render's own worker takes whatever no other worker has taken, so a render never waits on an
/// idle queue, and it encodes anything the others did not finish.
public protocol SegmentDispatcher: Sendable {
    /// Queues one job per segment of `state` (indexes into `RenderGraphBuilder.segments()`); returns their ids.
    func queue(_ state: EditorState, segments: [Int]) async throws -> [String]
    /// Takes a job for this process: a queued one, or one a dead worker left. False when another worker holds it or
    /// it has finished.
    func take(_ job: String) async throws -> Bool
    /// Records a job this process took as done.
    func finish(_ job: String) async throws
    /// Whether nobody will work on the job any more (done, failed for good, gone).
    func isSettled(_ job: String) async throws -> Bool
    /// Removes the jobs once the render no longer needs them (it has every segment, or it failed): a worker still
    /// encoding one stops, and no copy of the timeline stays in the queue.
    func release(_ jobs: [String]) async throws
}
