import PixoraCore

/// What changed from one plan version to another, as typed changes with a sentence each ("compare versions").
/// Scenes are matched by id, so a rewritten scene is a change of words, not a removal and an addition.
public struct PlanComparison: Sendable, Hashable {
    /// Where a plan's music comes from.
    public enum MusicSetting: String, Codable, Sendable, Hashable {
        case generated, upload, none

        init(_ plan: Plan) {
            self = !plan.settings.music ? .none : plan.media?.music != nil ? .upload : .generated
        }
    }

    /// Who speaks: the synthesized narrator, the uploaded voice-over, or nobody.
    public enum VoiceSetting: String, Codable, Sendable, Hashable {
        case narrator, upload, none

        init(_ plan: Plan) {
            if plan.media?.voiceOver != nil {
                self = .upload
            } else {
                self = plan.scenes.contains { !$0.narration.isEmpty } ? .narrator : .none
            }
        }
    }

    public enum Change: Sendable, Hashable {
        case duration(from: Double, to: Double)
        case sceneCount(from: Int, to: Int)
        case sceneAdded(id: String, position: Int)
        case sceneRemoved(id: String, position: Int)
        case sceneMoved(id: String, from: Int, to: Int)
        case narration(id: String, position: Int)
        case visual(id: String, position: Int)
        case mood(id: String, position: Int, from: Mood, to: Mood)
        case style(from: VisualStyle, to: VisualStyle)
        case tone(from: Tone, to: Tone)
        case music(from: MusicSetting, to: MusicSetting)
        case voice(from: VoiceSetting, to: VoiceSetting)
        case title(from: String, to: String)

        /// The change in a sentence; positions are said counting from 1.
        public var sentence: String {
            switch self {
            case .duration(let from, let to): "Length \(to.formattedTenths) s (was \(from.formattedTenths) s)."
            case .sceneCount(let from, let to): "\(to) scenes (was \(from))."
            case .sceneAdded(let id, let position): "Added scene \(position + 1) (\(id))."
            case .sceneRemoved(let id, let position): "Removed scene \(position + 1) (\(id))."
            case .sceneMoved(let id, let from, let to): "Moved \(id) from scene \(from + 1) to scene \(to + 1)."
            case .narration(let id, let position): "New narration in scene \(position + 1) (\(id))."
            case .visual(let id, let position): "New picture for scene \(position + 1) (\(id))."
            case .mood(let id, let position, let from, let to):
                "Scene \(position + 1) (\(id)) is \(to.rawValue) (was \(from.rawValue))."
            case .style(let from, let to): "Style \(to.rawValue) (was \(from.rawValue))."
            case .tone(let from, let to): "Tone \(to.rawValue) (was \(from.rawValue))."
            case .music(let from, let to): "Music: \(Self.words(to)) (was \(Self.words(from)))."
            case .voice(let from, let to): "Voice: \(Self.words(to)) (was \(Self.words(from)))."
            case .title(let from, let to): "Title “\(to)” (was “\(from)”)."
            }
        }

        static func words(_ music: MusicSetting) -> String {
            switch music {
            case .generated: "generated"
            case .upload: "your uploaded track"
            case .none: "none"
            }
        }

        static func words(_ voice: VoiceSetting) -> String {
            switch voice {
            case .narrator: "the narrator"
            case .upload: "your voice-over"
            case .none: "none"
            }
        }
    }

    public let changes: [Change]

    public init(from old: Plan, to new: Plan) {
        var changes: [Change] = []
        if old.title != new.title { changes.append(.title(from: old.title, to: new.title)) }
        // Milliseconds, so a sum of frame lengths compares and prints as the length it stands for.
        let (before, after) = (
            (old.plannedDuration * 1000).rounded() / 1000, (new.plannedDuration * 1000).rounded() / 1000
        )
        if abs(before - after) >= 0.05 { changes.append(.duration(from: before, to: after)) }
        if old.scenes.count != new.scenes.count {
            changes.append(.sceneCount(from: old.scenes.count, to: new.scenes.count))
        }
        let oldIds = old.scenes.map(\.id)
        let newIds = new.scenes.map(\.id)
        for (position, id) in oldIds.enumerated() where !newIds.contains(id) {
            changes.append(.sceneRemoved(id: id, position: position))
        }
        for (position, id) in newIds.enumerated() where !oldIds.contains(id) {
            changes.append(.sceneAdded(id: id, position: position))
        }
        changes += Self.moves(old: oldIds, new: newIds)
        for (position, scene) in new.scenes.enumerated() {
            guard let before = old.scenes.first(where: { $0.id == scene.id }) else { continue }
            if before.narration != scene.narration { changes.append(.narration(id: scene.id, position: position)) }
            if before.visual != scene.visual { changes.append(.visual(id: scene.id, position: position)) }
            if before.mood != scene.mood {
                changes.append(.mood(id: scene.id, position: position, from: before.mood, to: scene.mood))
            }
        }
        if old.settings.style != new.settings.style {
            changes.append(.style(from: old.settings.style, to: new.settings.style))
        }
        if old.settings.tone != new.settings.tone {
            changes.append(.tone(from: old.settings.tone, to: new.settings.tone))
        }
        let (musicBefore, musicAfter) = (MusicSetting(old), MusicSetting(new))
        if musicBefore != musicAfter { changes.append(.music(from: musicBefore, to: musicAfter)) }
        let (voiceBefore, voiceAfter) = (VoiceSetting(old), VoiceSetting(new))
        if voiceBefore != voiceAfter { changes.append(.voice(from: voiceBefore, to: voiceAfter)) }
        self.changes = changes
    }

    /// Scenes kept in both versions whose order changed: those outside the longest run kept in order.
    static func moves(old: [String], new: [String]) -> [Change] {
        let kept = new.filter { old.contains($0) }
        let keptOld = old.filter { new.contains($0) }
        let ranks = kept.map { keptOld.firstIndex(of: $0)! }
        // Longest increasing subsequence of the old ranks in the new order (quadratic; plans have ≤ 40 scenes).
        var best = ranks.map { _ in 1 }
        var previous = ranks.map { _ in -1 }
        for index in ranks.indices {
            for earlier in 0..<index where ranks[earlier] < ranks[index] && best[earlier] + 1 > best[index] {
                best[index] = best[earlier] + 1
                previous[index] = earlier
            }
        }
        var inOrder = Set<Int>()
        var cursor = best.indices.max { best[$0] < best[$1] } ?? -1
        while cursor >= 0 {
            inOrder.insert(cursor)
            cursor = previous[cursor]
        }
        return kept.indices.filter { !inOrder.contains($0) }.map { index in
            .sceneMoved(id: kept[index], from: old.firstIndex(of: kept[index])!, to: new.firstIndex(of: kept[index])!)
        }
    }

    public var isEmpty: Bool { changes.isEmpty }

    /// One sentence a change; moods that all went the same way are said once.
    public var sentences: [String] {
        let moods = changes.compactMap { change -> Mood? in
            if case .mood(_, _, _, let to) = change { return to }
            return nil
        }
        let together = moods.count > 1 && Set(moods).count == 1
        var result = changes.filter {
            if case .mood = $0 { return !together }
            return true
        }.map(\.sentence)
        if together, let mood = moods.first { result.append("\(moods.count) scenes are now \(mood.rawValue).") }
        return result
    }
}
