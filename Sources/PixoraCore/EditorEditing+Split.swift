import Foundation

extension Edit {
    /// One clip becomes two of the same asset joined by a cut, so every later moment keeps its time: voice,
    /// captions, overlays, music and effects stay where they are and only the clip list changes.
    mutating func split(_ operation: EditorOperation) throws {
        let index = try splitTarget(operation)
        let clip = state.clips[index]
        let frame = state.canvas.frameDuration
        let at = round3(try required(operation.at, "at"))
        guard at.isFinite, at >= frame - 1e-9, clip.duration - at >= frame - 1e-9 else {
            throw fail(
                "at",
                "must be at least one frame (\(frame.formatted) s) from both ends of scene \(index + 1), which is \(clip.duration.formatted) s long; got \(at.formatted)"
            )
        }
        let shortest = EditorState.clipDurationRange.lowerBound
        guard at >= shortest, clip.duration - at >= shortest else {
            throw fail(
                "at",
                "would leave a part shorter than \(shortest.formatted) s; split scene \(index + 1) between \(shortest.formatted) and \((clip.duration - shortest).formatted) s"
            )
        }
        var first = clip
        first.duration = at
        var second = clip
        second.id = freshClipID(after: clip.id)
        second.trimIn = round3(clip.trimIn + at)
        second.duration = round3(clip.duration - at)
        if index > 0 {
            try checkFit(
                state.transitions[index - 1], between: state.clips[index - 1].duration, and: at, cut: index - 1)
        }
        if index + 1 < state.clips.count {
            try checkFit(
                state.transitions[index], between: second.duration, and: state.clips[index + 1].duration, cut: index)
        }
        state.clips[index] = first
        state.clips.insert(second, at: index + 1)
        state.transitions.insert(.cut, at: index)
        changes.append(
            "Split scene \(index + 1) at \(at.formatted) s into two parts (\(first.duration.formatted) s and \(second.duration.formatted) s) joined by a cut"
        )
    }

    /// The clip named by index (`clip`) or by id (`id`).
    func splitTarget(_ operation: EditorOperation) throws -> Int {
        if operation.clip == nil, let id = operation.id {
            guard let index = state.clips.firstIndex(where: { $0.id == id }) else {
                throw fail("id", "there is no clip '\(id)'")
            }
            return index
        }
        return try clipIndex(operation.clip)
    }

    /// A transition next to the split must still fit the shorter part; it is refused rather than shortened,
    /// because a split should not change how the neighbours hand over.
    func checkFit(_ transition: Transition, between first: Double, and second: Double, cut: Int) throws {
        let limit = Transition.longest(between: first, and: second)
        guard transition.overlap <= limit + 1e-9 else {
            throw fail(
                "at",
                "the \(describe(transition)) between scenes \(cut + 1) and \(cut + 2) would not fit: a part next to it would be shorter than twice its length; split elsewhere or shorten that transition first"
            )
        }
    }

    /// `<id>-2`, `<id>-3`… (the base cut short so the id stays within 32 characters), unused by any clip.
    func freshClipID(after id: String) -> String {
        var number = 2
        while true {
            let suffix = "-\(number)"
            let candidate = String(id.prefix(32 - suffix.count)) + suffix
            if !state.clips.contains(where: { $0.id == candidate }) { return candidate }
            number += 1
        }
    }
}
