import Foundation

extension EditorState {
    /// Applies `operations` in order. The timeline arithmetic happens here: when clips move, change length or
    /// their transitions change, each scene's voice, caption lines and text overlays move with their clip, and the
    /// music is laid again over the new order. Throws an `InvalidDocument` whose paths name the operation
    /// (`operations[1].clip`) when an operation does not fit the document.
    public func applying(_ operations: [EditorOperation]) throws -> EditResult {
        let issues = validate()
        guard issues.isEmpty else {
            throw InvalidDocument(
                document: "editor state", issues: issues.map { DocumentIssue("editorState.\($0.path)", $0.message) })
        }
        guard operations.count <= 100 else {
            throw InvalidDocument(
                document: "operations",
                issues: [.init("operations", "has \(operations.count) operations; at most 100 are allowed at once")])
        }
        var state = self
        var changes: [String] = []
        for (index, operation) in operations.enumerated() {
            var edit = Edit(state: state, path: "operations[\(index)]")
            try edit.apply(operation)
            let problems = edit.state.validate()
            guard problems.isEmpty else {
                throw InvalidDocument(
                    document: "operations",
                    issues: problems.map {
                        DocumentIssue("operations[\(index)]", "would make \($0.path) invalid: \($0.message)")
                    })
            }
            state = edit.state
            changes += edit.changes
        }
        return EditResult(state: state, changes: changes)
    }
}

/// One operation being applied.
struct Edit {
    var state: EditorState
    let path: String
    var changes: [String] = []

    init(state: EditorState, path: String) {
        self.state = state
        self.path = path
    }

    func fail(_ field: String, _ message: String) -> InvalidDocument {
        InvalidDocument(document: "operations", issues: [DocumentIssue("\(path).\(field)", message)])
    }

    func required<T>(_ value: T?, _ field: String) throws -> T {
        guard let value else { throw fail(field, "is required for this operation") }
        return value
    }

    func clipIndex(_ value: Int?, _ field: String = "clip") throws -> Int {
        let index = try required(value, field)
        guard state.clips.indices.contains(index) else {
            throw fail(field, "there is no clip \(index); clips are numbered 0 to \(state.clips.count - 1)")
        }
        return index
    }

    func volumeValue(_ value: Double?) throws -> Double {
        let volume = try required(value, "volume")
        guard volume.isFinite, AudioTrack.volumeRange.contains(volume) else {
            throw fail("volume", "must be between 0 and 4, got \(volume.formatted)")
        }
        return volume
    }

    static func percent(_ volume: Double) -> String { "\(Int((volume * 100).rounded()))%" }

    mutating func apply(_ operation: EditorOperation) throws {
        switch operation.op {
        case .moveClip:
            let from = try clipIndex(operation.from, "from")
            let to = try clipIndex(operation.to, "to")
            guard from != to else { return }
            var order = Array(state.clips.indices)
            order.insert(order.remove(at: from), at: to)
            let before = state
            state.clips = order.map { before.clips[$0] }
            changes.append("Moved scene \(from + 1) to position \(to + 1)")
            relay(from: before, sources: order)
        case .removeClip:
            let clip = try clipIndex(operation.clip)
            guard state.clips.count > 1 else { throw fail("clip", "the last clip cannot be removed") }
            let before = state
            var order = Array(state.clips.indices)
            order.remove(at: clip)
            state.clips.remove(at: clip)
            state.transitions.remove(at: min(clip, state.transitions.count - 1))
            changes.append("Removed scene \(clip + 1)")
            relay(from: before, sources: order)
        case .trimClip:
            let clip = try clipIndex(operation.clip)
            guard operation.trimIn != nil || operation.duration != nil else {
                throw fail("duration", "send trimIn, duration or both")
            }
            let before = state
            if let trimIn = operation.trimIn {
                guard trimIn.isFinite, trimIn >= 0, trimIn <= 600 else {
                    throw fail("trimIn", "must be between 0 and 600 seconds, got \(trimIn.formatted)")
                }
                state.clips[clip].trimIn = round3(trimIn)
            }
            if let duration = operation.duration {
                guard duration.isFinite, EditorState.clipDurationRange.contains(duration) else {
                    throw fail("duration", "must be between 0.5 and 120 seconds, got \(duration.formatted)")
                }
                state.clips[clip].duration = round3(duration)
            }
            let new = state.clips[clip]
            let old = before.clips[clip]
            if new.duration != old.duration {
                changes.append(
                    "Scene \(clip + 1) is now \(new.duration.formatted) s long (was \(old.duration.formatted) s)")
            }
            if new.trimIn != old.trimIn {
                changes.append("Scene \(clip + 1) now starts \(new.trimIn.formatted) s into its clip")
            }
            relay(from: before, sources: Array(state.clips.indices))
        case .splitClip:
            try split(operation)
        case .setTransition:
            let cuts = state.transitions.count
            let cut = try required(operation.cut, "cut")
            guard state.transitions.indices.contains(cut) else {
                throw fail(
                    "cut",
                    cuts == 0
                        ? "there are no cuts in a one-clip video"
                        : "there is no cut \(cut); cuts are numbered 0 to \(cuts - 1)")
            }
            guard operation.kind != nil || operation.duration != nil else {
                throw fail("kind", "send kind, duration or both")
            }
            let before = state
            let limit = transitionLimit(cut)
            let kind = operation.kind ?? state.transitions[cut].kind
            var duration =
                operation.duration
                ?? (state.transitions[cut].kind == .cut ? min(0.6, limit) : state.transitions[cut].duration)
            if kind != .cut {
                guard duration.isFinite, duration > 0, duration <= limit + 1e-9 else {
                    throw fail(
                        "duration",
                        "must be more than 0 and at most \(limit.formatted) s here (half the shorter of scenes \(cut + 1) and \(cut + 2), at most 3 s), got \(duration.formatted)"
                    )
                }
                duration = round3(duration)
            }
            state.transitions[cut] = Transition(kind: kind, duration: duration)
            changes.append("The cut from scene \(cut + 1) to \(cut + 2) is now \(describe(state.transitions[cut]))")
            relay(from: before, sources: Array(state.clips.indices))
        case .setAllTransitions:
            guard operation.kind != nil || operation.duration != nil else {
                throw fail("kind", "send kind, duration or both")
            }
            if let duration = operation.duration,
                !(duration.isFinite && duration > 0 && duration <= Transition.maximumDuration)
            {
                throw fail("duration", "must be more than 0 and at most 3 seconds, got \(duration.formatted)")
            }
            guard !state.transitions.isEmpty else { throw fail("kind", "a one-clip video has no transitions") }
            let before = state
            var shortened = 0
            for cut in state.transitions.indices {
                let kind = operation.kind ?? state.transitions[cut].kind
                let current = state.transitions[cut].kind == .cut ? 0.6 : state.transitions[cut].duration
                let wanted = operation.duration ?? current
                let limit = transitionLimit(cut)
                if wanted > limit + 1e-9 && kind != .cut { shortened += 1 }
                state.transitions[cut] = Transition(kind: kind, duration: round3(min(wanted, limit)))
            }
            let kinds = Set(state.transitions.map(\.kind))
            let what = kinds.count == 1 ? describe(kind: state.transitions[0].kind) : "as before"
            if let duration = operation.duration, operation.kind != .cut {
                changes.append("Every cut is now \(what), \(duration.formatted) s")
            } else {
                changes.append("Every cut is now \(what)")
            }
            if shortened > 0 {
                changes.append(
                    "\(shortened) transition\(shortened == 1 ? " was" : "s were") shortened to fit \(shortened == 1 ? "its" : "their") scenes"
                )
            }
            relay(from: before, sources: Array(state.clips.indices))
        case .setTrackVolume:
            let track = try required(operation.track, "track")
            let volume = try volumeValue(operation.volume)
            switch track {
            case .voice:
                changes.append("Voice volume \(Self.percent(state.audio.voice.volume)) → \(Self.percent(volume))")
                state.audio.voice.volume = round3(volume)
            case .music:
                changes.append("Music volume \(Self.percent(state.audio.music.volume)) → \(Self.percent(volume))")
                state.audio.music.volume = round3(volume)
            case .effects:
                changes.append(
                    "Sound effects volume \(Self.percent(state.audio.effects.volume)) → \(Self.percent(volume))")
                state.audio.effects.volume = round3(volume)
            }
        case .setClipVolume:
            let clip = try clipIndex(operation.clip)
            let volume = try volumeValue(operation.volume)
            let members = voiceSegments(of: clip)
            guard !members.isEmpty else {
                throw fail("clip", "scene \(clip + 1) has no narration to change the volume of")
            }
            for index in members { state.audio.voice.segments[index].volume = round3(volume) }
            changes.append("Scene \(clip + 1) narration volume is now \(Self.percent(volume))")
        case .setDucking:
            let enabled = try required(operation.enabled, "enabled")
            state.audio.ducking = enabled
            changes.append(enabled ? "Music dips under the narration" : "Music no longer dips under the narration")
        case .setCaptions:
            guard operation.enabled != nil || operation.style != nil || operation.mode != nil else {
                throw fail("enabled", "send enabled, style, mode or several")
            }
            if let enabled = operation.enabled {
                state.captions.enabled = enabled
                changes.append(enabled ? "Captions on" : "Captions off")
            }
            if let style = operation.style {
                state.captions.style = style.applied(to: state.captions.style)
                changes.append("Caption style changed")
            }
            if let mode = operation.mode {
                state.captions.mode = mode
                changes.append(mode == .words ? "Captions word by word" : "Captions a line at a time")
            }
        case .addOverlay:
            let draft = try required(operation.overlay, "overlay")
            let text = draft.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw fail("overlay.text", "must not be empty") }
            let id: String
            if let given = draft.id {
                guard Identifier.isValid(given) else { throw fail("overlay.id", Identifier.rule) }
                guard !state.overlays.contains(where: { $0.id == given }) else {
                    throw fail("overlay.id", "an overlay '\(given)' already exists")
                }
                id = given
            } else {
                id = freshOverlayID()
            }
            var overlay = TextOverlay(
                id: id, text: text, start: round3(draft.start), end: round3(draft.end), x: draft.x ?? 0.5,
                y: draft.y ?? 0.15)
            if let style = draft.style { overlay.style = style.applied(to: overlay.style) }
            if let animation = draft.animation, !animation.isEmpty { overlay.animation = animation }
            state.overlays.append(overlay)
            changes.append("Added the text “\(text)” from \(overlay.start.formatted) s to \(overlay.end.formatted) s")
        case .updateOverlay:
            let id = try required(operation.id, "id")
            guard let index = state.overlays.firstIndex(where: { $0.id == id }) else {
                throw fail("id", "there is no overlay '\(id)'")
            }
            var overlay = state.overlays[index]
            if let text = operation.text { overlay.text = text.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let start = operation.start { overlay.start = round3(start) }
            if let end = operation.end { overlay.end = round3(end) }
            if let x = operation.x { overlay.x = x }
            if let y = operation.y { overlay.y = y }
            if let style = operation.style { overlay.style = style.applied(to: overlay.style) }
            if let animation = operation.animation {
                overlay.animation = animation.isEmpty ? nil : animation
            } else if overlay.end > overlay.start {
                // A shorter overlay keeps its entrance and exit, shortened in proportion.
                overlay.animation = overlay.animation?.fitted(to: overlay.end - overlay.start)
            }
            let before = state.overlays[index]
            state.overlays[index] = overlay
            if before.animation != overlay.animation && before.text == overlay.text {
                changes.append(Self.describe(animation: overlay.animation, of: overlay.text))
            } else if before.text != overlay.text || before.style != overlay.style {
                changes.append("Changed the text “\(overlay.text)”")
            } else if before.x != overlay.x || before.y != overlay.y {
                changes.append("Moved the text “\(overlay.text)”")
            } else if before.start != overlay.start || before.end != overlay.end {
                changes.append(
                    "The text “\(overlay.text)” now shows from \(overlay.start.formatted) s to \(overlay.end.formatted) s"
                )
            }
        case .removeOverlay:
            let id = try required(operation.id, "id")
            guard let index = state.overlays.firstIndex(where: { $0.id == id }) else {
                throw fail("id", "there is no overlay '\(id)'")
            }
            let removed = state.overlays.remove(at: index)
            changes.append("Removed the text “\(removed.text)”")
        case .addEffect: try addEffect(operation)
        case .moveEffect: try moveEffect(operation)
        case .removeEffect: try removeEffect(operation)
        case .setLook, .setClipLook, .clearLook: try setLook(operation)
        case .setOverlayAnimation: try setOverlayAnimation(operation)
        }
    }

    func transitionLimit(_ cut: Int) -> Double { state.transitionLimit(cut) }

    func describe(_ transition: Transition) -> String {
        transition.kind == .cut
            ? "a straight cut" : "\(describe(kind: transition.kind)), \(transition.duration.formatted) s"
    }

    func describe(kind: TransitionKind) -> String {
        switch kind {
        case .cut: "straight cuts"
        case .fade: "a fade"
        case .dissolve: "a dissolve"
        case .fadeblack: "a fade through black"
        case .fadewhite: "a fade through white"
        case .slideleft, .slideright, .slideup, .slidedown: "a slide (\(kind.rawValue.dropFirst(5)))"
        case .wipeleft, .wiperight, .wipeup, .wipedown: "a wipe (\(kind.rawValue.dropFirst(4)))"
        case .circleopen: "an opening circle"
        case .radial: "a radial wipe"
        case .smoothleft: "a smooth slide"
        }
    }

    func freshOverlayID() -> String {
        var number = state.overlays.count + 1
        while state.overlays.contains(where: { $0.id == "text-\(number)" }) { number += 1 }
        return "text-\(number)"
    }

    func voiceSegments(of index: Int) -> [Int] { state.voiceSegments(of: index) }

    /// The clip a moment belongs to: the last clip that has started by then.
    static func anchor(_ time: Double, starts: [Double]) -> Int {
        var found = 0
        for (index, start) in starts.enumerated() where start <= time + 1e-6 { found = index }
        return found
    }

    /// After a change of order, length or transitions (`sources[j]` is the old index of clip `j`): transitions
    /// are shortened where they no longer fit, each voice segment, caption line and overlay keeps its offset in
    /// its clip, and the music is laid again in runs of clips that shared a segment.
    mutating func relay(from old: EditorState, sources: [Int]) {
        for cut in state.transitions.indices where state.transitions[cut].kind != .cut {
            let limit = transitionLimit(cut)
            if state.transitions[cut].duration > limit + 1e-9 {
                state.transitions[cut].duration = floor(limit * 1000) / 1000
                changes.append(
                    "The transition after scene \(cut + 1) was shortened to \(state.transitions[cut].duration.formatted) s to fit"
                )
            }
        }
        let oldStarts = old.clipStarts
        let newStarts = state.clipStarts
        let total = state.duration
        var newIndex: [Int: Int] = [:]
        for (new, source) in sources.enumerated() { newIndex[source] = new }

        /// Where an old moment lands: same offset into the same clip (held inside the clip's new length).
        func map(_ time: Double) -> (time: Double, clip: Int)? {
            let source = Self.anchor(time, starts: oldStarts)
            guard let clip = newIndex[source] else { return nil }
            let offset = min(max(time - oldStarts[source], 0), state.clips[clip].duration)
            return (newStarts[clip] + offset, clip)
        }

        // Voice: each segment moves with its scene; it is shortened only where it would run into the next one.
        var voice = old.audio.voice.segments.compactMap { segment -> AudioSegment? in
            guard let placed = map(segment.start) else { return nil }
            var segment = segment
            segment.start = round3(placed.time)
            return segment
        }.sorted { $0.start < $1.start }
        for index in voice.indices {
            let limit = min(index + 1 < voice.count ? voice[index + 1].start : total, total) - voice[index].start
            if voice[index].duration > limit { voice[index].duration = round3(limit) }
            fitFades(&voice[index])
        }
        state.audio.voice.segments = voice.filter { $0.duration >= 0.05 && $0.start < total }
        state.audio.effects.segments = relaidEffects(old.audio.effects.segments, total: total, map: map)

        // Caption lines move with their scene, keep their length and never overlap the next line.
        var cues = old.captions.cues.compactMap { cue -> Cue? in
            guard let placed = map(cue.start) else { return nil }
            return cue.moved(to: round3(placed.time))
        }.sorted { $0.start < $1.start }
        for index in cues.indices {
            let limit = min(index + 1 < cues.count ? cues[index + 1].start : total, total)
            cues[index] = cues[index].ending(atMost: limit)
        }
        state.captions.cues = cues.filter { $0.end - $0.start >= 0.05 }

        // Overlays move with the clip they start in; one whose clip was removed stays where that clip was.
        state.overlays = old.overlays.compactMap { overlay -> TextOverlay? in
            var overlay = overlay
            let length = overlay.end - overlay.start
            var start: Double
            if let placed = map(overlay.start) {
                start = placed.time
            } else {
                let source = Self.anchor(overlay.start, starts: oldStarts)
                let next = sources.firstIndex { $0 > source }
                start = next.map { newStarts[$0] } ?? max(total - length, 0)
            }
            start = min(start, max(total - min(length, total), 0))
            overlay.start = round3(start)
            overlay.end = round3(min(start + length, total))
            overlay.animation = overlay.animation?.fitted(to: overlay.end - overlay.start)
            return overlay.end - overlay.start >= 0.05 ? overlay : nil
        }

        // Music: each clip keeps the segment that played under it; consecutive clips with the same one share a run.
        let oldMusic = old.audio.music.segments
        guard !oldMusic.isEmpty else { return }
        let owner: [Int?] = sources.map { source in
            let middle = oldStarts[source] + old.clips[source].duration / 2
            return oldMusic.indices.last {
                oldMusic[$0].start <= middle && middle < oldMusic[$0].start + oldMusic[$0].duration
            }
        }
        var music: [AudioSegment] = []
        var first = 0
        while first < sources.count {
            var last = first
            while last + 1 < sources.count && owner[last + 1] == owner[first] { last += 1 }
            if let segmentIndex = owner[first] {
                let segment = oldMusic[segmentIndex]
                let start = newStarts[first]
                let end = newStarts[last] + state.clips[last].duration
                var laid = segment
                laid.start = round3(start)
                laid.duration = round3(min(end, total) - start)
                laid.trimIn = round3(segment.trimIn + max(oldStarts[sources[first]] - segment.start, 0))
                laid.loop = segment.loop || laid.trimIn + laid.duration > segment.trimIn + segment.duration + 1e-6
                fitFades(&laid)
                if laid.duration >= 0.05 { music.append(laid) }
            }
            first = last + 1
        }
        state.audio.music.segments = music
    }

    /// Fades that still fit a segment that got shorter.
    func fitFades(_ segment: inout AudioSegment) {
        let room = max(segment.duration, 0)
        if segment.fadeIn + segment.fadeOut > room {
            let scale = room / (segment.fadeIn + segment.fadeOut)
            segment.fadeIn = floor(segment.fadeIn * scale * 1000) / 1000
            segment.fadeOut = floor(segment.fadeOut * scale * 1000) / 1000
        }
    }
}

func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

extension EditorState {
    /// The longest transition cut `index` may have: half the shorter neighbour, at most 3 s.
    func transitionLimit(_ cut: Int) -> Double {
        Transition.longest(between: clips[cut].duration, and: clips[cut + 1].duration)
    }

    /// Indexes of the voice segments that belong to clip `index` (they start inside it).
    func voiceSegments(of index: Int) -> [Int] {
        let starts = clipStarts
        return audio.voice.segments.indices.filter {
            Edit.anchor(audio.voice.segments[$0].start, starts: starts) == index
        }
    }
}
