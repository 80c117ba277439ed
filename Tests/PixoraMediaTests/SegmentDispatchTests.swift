import Foundation
import PixoraCore
import PixoraMedia
import Synchronization
import Testing

/// Stands in for the job queue and one other worker: the jobs named in `remote` are held by that worker, which
/// encodes them (or, for those in `failing`, gives up); `abandoned` jobs are held by a worker that died, so `take`
/// fails until `lateTakes` calls have been made.
final class ScriptedDispatcher: SegmentDispatcher, Sendable {
    struct Record {
        var queued: [Int] = []
        var taken: [Int] = []
        var finished: [Int] = []
        var settled: Set<Int> = []
        var takes: [Int: Int] = [:]
        var released: [String] = []
    }
    let record = Mutex(Record())
    let renderer: Renderer
    let cache: AssetFolder
    let remote: Set<Int>
    let failing: Set<Int>
    let abandoned: Set<Int>
    let state = Mutex<EditorState?>(nil)

    init(renderer: Renderer, cache: AssetFolder, remote: Set<Int>, failing: Set<Int> = [], abandoned: Set<Int> = []) {
        (self.renderer, self.cache, self.remote, self.failing, self.abandoned) = (
            renderer, cache, remote, failing, abandoned
        )
    }

    func queue(_ state: EditorState, segments: [Int]) async throws -> [String] {
        self.state.withLock { $0 = state }
        record.withLock { $0.queued = segments }
        for segment in segments where remote.contains(segment) {
            if failing.contains(segment) {
                record.withLock { _ = $0.settled.insert(segment) }
                continue
            }
            _ = try await renderer.encodeSegment(of: state, index: segment, cache: cache)
            record.withLock { _ = $0.settled.insert(segment) }
        }
        return segments.map { "job-\($0)" }
    }

    func take(_ job: String) async throws -> Bool {
        let segment = Int(job.dropFirst(4))!
        return record.withLock { record in
            record.takes[segment, default: 0] += 1
            if remote.contains(segment) || record.settled.contains(segment) { return false }
            if abandoned.contains(segment) && record.takes[segment, default: 0] < 3 { return false }
            record.taken.append(segment)
            return true
        }
    }

    func finish(_ job: String) async throws {
        let segment = Int(job.dropFirst(4))!
        record.withLock {
            $0.finished.append(segment)
            $0.settled.insert(segment)
        }
    }

    func release(_ jobs: [String]) async throws {
        record.withLock { $0.released += jobs }
    }

    func isSettled(_ job: String) async throws -> Bool {
        let segment = Int(job.dropFirst(4))!
        return record.withLock { $0.settled.contains(segment) }
    }
}

@Suite("A render's segments shared with other workers", .serialized)
struct SegmentDispatchTests {
    @Test("segments another worker encoded are joined with the render's own into the same pictures")
    func sharesSegments() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let state = try await SegmentRenderTests.movingTimeline(fixtures)
        let alone = fixtures.root.appendingPathComponent("alone.mp4")
        let separate = AssetFolder(root: fixtures.root.appendingPathComponent("alone-segments"))
        try await Renderer(assets: fixtures.folder, segments: separate).render(state, to: alone)

        let shared = AssetFolder(root: fixtures.root.appendingPathComponent("shared-segments"))
        let other = Renderer(assets: fixtures.folder, segments: shared)
        let dispatcher = ScriptedDispatcher(renderer: other, cache: shared, remote: [1, 3])
        let output = fixtures.root.appendingPathComponent("shared.mp4")
        let result = try await Renderer(assets: fixtures.folder, segments: shared, dispatcher: dispatcher).render(
            state, to: output)
        #expect(result.segments == SegmentUse(encoded: 3, reused: 0, elsewhere: 2))
        let record = dispatcher.record.withLock { $0 }
        #expect(record.queued == [0, 1, 2, 3, 4])
        #expect(record.released == (0..<5).map { "job-\($0)" })
        // Taken two at a time, so in either order within a pair.
        #expect(record.taken.sorted() == [0, 2, 4] && record.finished.sorted() == [0, 2, 4])
        let scores = try await FrameMeasure.psnrPerFrame(output, alone)
        #expect(scores.count == Int((state.duration * 30).rounded(.up)))
        #expect(scores.allSatisfy { $0 == .infinity }, "\(scores.filter(\.isFinite))")

        // All of it is in the cache now: nothing is queued the next time.
        let again = ScriptedDispatcher(renderer: other, cache: shared, remote: [])
        let second = try await Renderer(assets: fixtures.folder, segments: shared, dispatcher: again).render(
            state, to: output)
        #expect(second.segments == SegmentUse(encoded: 0, reused: 5))
        #expect(again.record.withLock { $0.queued }.isEmpty)
    }

    @Test("a segment whose job failed is encoded by the render; one a dead worker left is taken over")
    func recovers() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let state = try await SegmentRenderTests.movingTimeline(fixtures)
        let shared = AssetFolder(root: fixtures.root.appendingPathComponent("shared-segments"))
        let other = Renderer(assets: fixtures.folder, segments: shared)
        let dispatcher = ScriptedDispatcher(
            renderer: other, cache: shared, remote: [1, 2], failing: [2], abandoned: [3])
        let output = fixtures.root.appendingPathComponent("out.mp4")
        let result = try await Renderer(assets: fixtures.folder, segments: shared, dispatcher: dispatcher).render(
            state, to: output)
        #expect(result.segments == SegmentUse(encoded: 4, reused: 0, elsewhere: 1))
        let record = dispatcher.record.withLock { $0 }
        // Segment 3 was refused twice (its worker still held the lease), then taken; 2 was encoded after its job
        // failed, outside the queue.
        #expect(Set(record.taken.prefix(2)) == [0, 4] && record.taken.count == 3 && record.taken.last == 3)
        #expect(record.takes[3] == 3)
        #expect(record.released.count == 5)
        #expect(try await FrameMeasure.frameTimes(output).count == Int((state.duration * 30).rounded(.up)))
    }
}
