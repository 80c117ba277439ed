import PixoraCore

/// Changing how many scenes a plan has while it keeps its length: the longest scene is split in two, or the
/// adjacent pair that is shortest together is joined. Scenes and their visible lengths move together.
struct SceneResizing {
    var scenes: [PlanScene]
    var lengths: [Double]

    init(scenes: [PlanScene], lengths: [Double]) {
        precondition(scenes.count == lengths.count, "one length per scene")
        self.scenes = scenes
        self.lengths = lengths
    }

    /// Splits or joins until there are `count` scenes.
    mutating func resize(to count: Int) {
        while scenes.count < count, let longest = lengths.indices.max(by: { lengths[$0] < lengths[$1] }) {
            split(at: longest)
        }
        while scenes.count > max(count, 1),
            let pair = lengths.indices.dropLast().min(by: {
                lengths[$0] + lengths[$0 + 1] < lengths[$1] + lengths[$1 + 1]
            })
        {
            join(at: pair)
        }
    }

    /// Scene `index` becomes two halves: the first keeps the id and the first half of the sentences, the second
    /// has a new id, the rest of the words and the opposite camera motion, joined to the first by a cut.
    mutating func split(at index: Int) {
        let original = scenes[index]
        let sentences = RemixNarration.sentences(in: original.narration)
        let half = (sentences.count + 1) / 2
        var first = original
        var second = original
        first.narration = sentences.prefix(half).joined(separator: " ")
        first.transition = .cut
        second.id = Self.freeId(in: scenes)
        second.narration = sentences.dropFirst(half).joined(separator: " ")
        second.motion = original.motion.map(Self.opposite)
        second.variation = (original.variation ?? 0) + 1
        scenes.replaceSubrange(index...index, with: [first, second])
        lengths.replaceSubrange(index...index, with: [lengths[index] / 2, lengths[index] / 2])
    }

    /// Scenes `index` and `index + 1` become one: the words of both, the picture, mood and motion of the longer,
    /// the second's transition out.
    mutating func join(at index: Int) {
        let (first, second) = (scenes[index], scenes[index + 1])
        var joined = lengths[index] >= lengths[index + 1] ? first : second
        joined.id = first.id
        joined.narration = [first.narration, second.narration].filter { !$0.isEmpty }.joined(separator: " ")
        joined.transition = second.transition
        scenes.replaceSubrange(index...index + 1, with: [joined])
        lengths.replaceSubrange(index...index + 1, with: [lengths[index] + lengths[index + 1]])
    }

    /// The next `sN` id no scene uses.
    static func freeId(in scenes: [PlanScene]) -> String {
        let used = Set(scenes.map(\.id))
        var number = scenes.compactMap { $0.id.hasPrefix("s") ? Int($0.id.dropFirst()) : nil }.max() ?? 0
        repeat { number += 1 } while used.contains("s\(number)")
        return "s\(number)"
    }

    static func opposite(_ motion: CameraMotion) -> CameraMotion {
        switch motion {
        case .zoomIn: .zoomOut
        case .zoomOut: .zoomIn
        case .panLeft: .panRight
        case .panRight: .panLeft
        case .panUp: .panDown
        case .panDown: .panUp
        }
    }
}
