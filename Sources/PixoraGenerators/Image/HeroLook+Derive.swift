import PixoraCore

extension HeroLook {
    /// A hero candidate for a topic. Variation 0 takes the palette of the tone's opening mood; the next ones take
    /// related moods' palettes, then the same palettes with their hues turned, so candidates differ visibly; each
    /// has its own composition seed. The subject is the topic's first word with a motif, else its first keyword.
    /// Deterministic for the same topic, settings and variation.
    public static func derive(topic: String, settings: Settings, variation: Int) -> HeroLook {
        let moods = candidateMoods(settings.tone)
        let index = max(variation, 0)
        let mood = moods[index % moods.count]
        let turn = Double(index / moods.count) * 137.5
        let colours = MoodPalette.base(mood).map { turn == 0 ? $0 : $0.rotatedHue(by: turn) }
        let subject = PromptHints(prompt: topic).topic
        let motif =
            Motif.matches(in: subject).first?.rawValue ?? TopicAnalysis(topic: subject).keywords.first ?? ""
        var random = SeededRandom(seed: settings.seed, label: "hero-look|\(index)|\(subject.lowercased())")
        return HeroLook(
            palette: colours.map(\.description), style: settings.style, mood: mood, motif: String(motif.prefix(60)),
            seed: random.next())
    }

    /// Moods that suit a tone, its opening mood first (as the planner opens a video in it), then the one whose
    /// palette differs most from it, so the first two candidates are a real choice.
    static func candidateMoods(_ tone: Tone) -> [Mood] {
        switch tone {
        case .informative: [.uplifting, .calm, .warm]
        case .inspiring: [.uplifting, .energetic, .warm]
        case .playful: [.playful, .energetic, .uplifting]
        case .dramatic: [.dramatic, .mysterious, .somber]
        case .calm: [.calm, .warm, .somber]
        }
    }
}
