import Foundation
import PixoraCore

/// A stretch of a render's picture encoded on its own and joined to the others by stream copy: one clip's body
/// between its transitions, or one transition's window. Frames are counted on the output timeline.
public struct RenderSegment: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case body(clip: Int)
        /// The window where clip `into - 1` turns into clip `into`.
        case transition(into: Int)
    }

    public var kind: Kind
    /// The segment's first frame on the output timeline.
    public var start: Int
    public var frames: Int

    /// The clips whose files the segment reads, in input order.
    public var clips: [Int] {
        switch kind {
        case .body(let clip): [clip]
        case .transition(let into): [into - 1, into]
        }
    }
}

extension RenderGraphBuilder {
    /// The output frames of the whole render: those a full render keeps before `trim=duration=`.
    var totalFrames: Int {
        let fps = Double(state.canvas.fps)
        let pieces = clipFrames.reduce(0, +) - overlapFrames.reduce(0, +)
        return min(pieces, max(Int((state.duration * fps - 1e-6).rounded(.up)), 1))
    }

    /// The timeline's segments in order, covering exactly `totalFrames` (the full render's `concat` inputs).
    public func segments() -> [RenderSegment] {
        let frames = clipFrames
        let overlaps = overlapFrames
        let total = totalFrames
        var segments: [RenderSegment] = []
        var start = 0
        func add(_ kind: RenderSegment.Kind, _ count: Int) {
            let kept = min(count, total - start)
            guard kept > 0 else { return }
            segments.append(RenderSegment(kind: kind, start: start, frames: kept))
            start += kept
        }
        for index in frames.indices {
            let overlapIn = index > 0 ? overlaps[index - 1] : 0
            let overlapOut = index < overlaps.count ? overlaps[index] : 0
            if overlapIn > 0 { add(.transition(into: index), overlapIn) }
            add(.body(clip: index), frames[index] - overlapOut - overlapIn)
        }
        return segments
    }

    /// One segment's graph, ending at `[vout]`. With `captions` (a script holding the segment's events), the
    /// frames are moved to their time on the whole timeline for libass, then back to start at zero.
    public func segmentGraph(_ segment: RenderSegment, captions: String?) -> RenderGraph {
        let frames = clipFrames
        var chains: [String] = []
        var picture: String
        switch segment.kind {
        case .body(let index):
            let first = index > 0 ? overlapFrames[index - 1] : 0
            chains.append(
                "[0:v]\(clipSteps(index, frames: first..<first + segment.frames).joined(separator: ","))[seg]")
            picture = "[seg]"
        case .transition(let index):
            let overlap = overlapFrames[index - 1]
            let before = frames[index - 1]
            chains.append(
                "[0:v]\(clipSteps(index - 1, frames: before - overlap..<before).joined(separator: ","))[t\(index - 1)]")
            chains.append("[1:v]\(clipSteps(index, frames: 0..<overlap).joined(separator: ","))[h\(index)]")
            chains += transitionChains(into: index, tail: "[t\(index - 1)]", head: "[h\(index)]", output: "[seg]")
            picture = "[seg]"
        }
        var finish: [String] = []
        if captions != nil {
            let fps = state.canvas.fps
            finish.append("setpts=PTS+\(segment.start)/(\(fps)*TB)")
            finish += captionSteps(captions)
            finish.append("setpts=PTS-STARTPTS")
        }
        finish += ["trim=end_frame=\(segment.frames)", "format=yuv420p"]
        chains.append("\(picture)\(finish.joined(separator: ","))[vout]")
        return RenderGraph(
            inputs: segment.clips.map { RenderGraph.Input(path: clipPaths[$0], loop: false) },
            filter: chains.joined(separator: ";\n"), videoOutput: "[vout]", audioOutput: "")
    }

    /// The same builder with every file named by its last path component: what a segment's pixels depend on,
    /// whichever machine or scratch folder renders it (its cache key is made from this builder's text).
    var canonical: RenderGraphBuilder {
        var copy = self
        copy.clipPaths = clipPaths.map { URL(fileURLWithPath: $0).lastPathComponent }
        copy.clipLUTs = clipLUTs.map { $0.map { URL(fileURLWithPath: $0).lastPathComponent } }
        copy.fontsDirectory = "fonts"
        copy.subtitlePath = subtitlePath == nil ? nil : "captions.ass"
        return copy
    }
}
