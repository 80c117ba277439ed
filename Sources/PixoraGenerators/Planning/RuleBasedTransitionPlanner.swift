import PixoraCore

/// Chooses transitions by rules on mood and topic change:
/// a new music group fades through black, a mood change wipes, a topic change slides,
/// quiet moods dissolve, and everything else crossfades.
public struct RuleBasedTransitionPlanner: TransitionPlanner {
    public let id = "embedded.transition-rules"
    public let version = 1

    public init() {}

    public func transitions(for scenes: [PlanScene], settings: Settings) -> [Transition] {
        guard scenes.count > 1 else { return [] }
        let vertical = settings.aspectRatio == .vertical
        return (0..<scenes.count - 1).map { index in
            let (from, to) = (scenes[index], scenes[index + 1])
            let transition: Transition
            if from.musicGroup != to.musicGroup {
                transition = Transition(kind: .fadeblack, duration: 1.0)
            } else if from.mood != to.mood {
                transition = Transition(kind: vertical ? .wipeup : .wipeleft, duration: 0.7)
            } else if Self.overlap(from.visual, to.visual) < 0.25 {
                transition = Transition(kind: vertical ? .slideup : .slideleft, duration: 0.6)
            } else if [.calm, .somber, .warm].contains(from.mood) {
                transition = Transition(kind: .dissolve, duration: 1.0)
            } else {
                transition = Transition(kind: .fade, duration: 0.8)
            }
            let limit = min(from.duration, to.duration) / 2
            return Transition(kind: transition.kind, duration: min(transition.duration, limit))
        }
    }

    /// Share of content words two visual descriptions have in common (Jaccard index).
    static func overlap(_ a: String, _ b: String) -> Double {
        let wordsA = contentWords(a)
        let wordsB = contentWords(b)
        let union = wordsA.union(wordsB)
        return union.isEmpty ? 1 : Double(wordsA.intersection(wordsB).count) / Double(union.count)
    }

    static func contentWords(_ text: String) -> Set<String> {
        Set(
            text.lowercased().split { !$0.isLetter }.map(String.init).filter {
                $0.count > 2 && !TopicAnalysis.stopWords.contains($0)
            })
    }
}
