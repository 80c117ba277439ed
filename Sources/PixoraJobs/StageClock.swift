import Foundation
import PixoraPipeline
import PixoraStore
import Synchronization

/// Times the stages of making a video from the pipeline's progress events: a stage runs from its first event to
/// its last (pictures, clips and music overlap, made a few at a time). Planning and rendering are marked by the
/// job itself, since their events do not bracket them.
public final class StageClock: Sendable {
    private let now: @Sendable () -> Int64
    private let spans = Mutex<[VideoStage: (start: Int64, end: Int64)]>([:])

    public init(now: @escaping @Sendable () -> Int64 = Clock.nowMillis) {
        self.now = now
    }

    /// Extends `stage` to now (starting it, the first time).
    public func mark(_ stage: VideoStage) {
        let time = now()
        spans.withLock { spans in
            let start = spans[stage]?.start ?? time
            spans[stage] = (start, max(time, spans[stage]?.end ?? time))
        }
    }

    /// Extends the stage an event belongs to: its scene part's, or rendering's.
    public func observe(_ event: ProgressEvent) {
        switch event.part {
        case .voice?: mark(.voices)
        case .image?: mark(.pictures)
        case .clip?: mark(.clips)
        case .music?: mark(.music)
        case nil: if event.stage == .rendering { mark(.render) }
        }
    }

    /// Every stage seen, in stage order.
    public var times: [StageTime] {
        spans.withLock { spans in
            VideoStage.allCases.compactMap { stage in
                spans[stage].map { StageTime(stage: stage, startedAt: $0.start, finishedAt: $0.end) }
            }
        }
    }
}
