import Foundation

/// The effects lane: sounds placed at a time of the video; like narration, they move with the scene they start in.
extension Edit {
    mutating func addEffect(_ operation: EditorOperation) throws {
        let asset = try required(operation.asset, "asset")
        guard asset.ext == "wav" else { throw fail("asset", "must be an audio asset (.wav), got .\(asset.ext)") }
        let start = try effectStart(operation.start)
        let duration = try required(operation.duration, "duration")
        guard duration.isFinite, duration > 0, duration <= 600 else {
            throw fail("duration", "must be more than 0 and at most 600 seconds, got \(duration.formatted)")
        }
        let volume = try operation.volume.map { try volumeValue($0) } ?? 1
        let trimIn = operation.trimIn ?? 0
        guard trimIn.isFinite, trimIn >= 0, trimIn <= 600 else {
            throw fail("trimIn", "must be between 0 and 600 seconds, got \(trimIn.formatted)")
        }
        let fitted = min(round3(duration), round3(state.duration - start))
        state.audio.effects.segments.append(
            AudioSegment(asset: asset, start: start, trimIn: round3(trimIn), duration: fitted, volume: round3(volume)))
        let scene = Self.anchor(start, starts: state.clipStarts) + 1
        changes.append("Added a sound effect in scene \(scene) from \(start.formatted) s, \(fitted.formatted) s long")
        if fitted < round3(duration) { changes.append("The effect was shortened to end with the video") }
    }

    mutating func moveEffect(_ operation: EditorOperation) throws {
        let index = try effectIndex(operation.effect)
        let start = try effectStart(operation.start)
        state.audio.effects.segments[index].start = start
        let room = round3(state.duration - start)
        if state.audio.effects.segments[index].duration > room {
            state.audio.effects.segments[index].duration = room
            fitFades(&state.audio.effects.segments[index])
        }
        changes.append("Sound effect \(index + 1) now starts at \(start.formatted) s")
    }

    mutating func removeEffect(_ operation: EditorOperation) throws {
        let index = try effectIndex(operation.effect)
        state.audio.effects.segments.remove(at: index)
        changes.append("Removed sound effect \(index + 1)")
    }

    func effectIndex(_ value: Int?) throws -> Int {
        let index = try required(value, "effect")
        let count = state.audio.effects.segments.count
        guard state.audio.effects.segments.indices.contains(index) else {
            throw fail(
                "effect",
                count == 0
                    ? "there are no sound effects"
                    : "there is no effect \(index); effects are numbered 0 to \(count - 1)")
        }
        return index
    }

    func effectStart(_ value: Double?) throws -> Double {
        let start = round3(try required(value, "start"))
        guard start.isFinite, start >= 0, start < state.duration else {
            throw fail(
                "start",
                "must be from 0 to before the end of the video (\(state.duration.formatted) s), got \(start.formatted)")
        }
        return start
    }

    /// Each effect keeps its offset in the scene it started in; one whose scene was removed goes with it.
    func relaidEffects(
        _ effects: [AudioSegment], total: Double, map: (Double) -> (time: Double, clip: Int)?
    ) -> [AudioSegment] {
        effects.compactMap { segment -> AudioSegment? in
            guard let placed = map(segment.start) else { return nil }
            var segment = segment
            segment.start = round3(placed.time)
            segment.duration = min(segment.duration, round3(total - segment.start))
            fitFades(&segment)
            return segment.duration >= 0.05 ? segment : nil
        }
    }
}
