import PixoraCore

/// Groups scenes that share one music track: consecutive scenes whose moods belong to the same family.
/// A group of one scene joins its neighbour, so the music does not change on every cut.
public enum MusicGrouping {
    public static func family(_ mood: Mood) -> Int {
        switch mood {
        case .calm, .warm, .somber: 0
        case .uplifting, .playful, .energetic: 1
        case .dramatic, .mysterious: 2
        }
    }

    public static func groups(for moods: [Mood]) -> [Int] {
        guard !moods.isEmpty else { return [] }
        var runs: [[Int]] = []
        for (index, mood) in moods.enumerated() {
            if let last = runs.last?.last, family(moods[last]) == family(mood) {
                runs[runs.count - 1].append(index)
            } else {
                runs.append([index])
            }
        }
        // Fold single-scene runs into the previous run (the first one into the next).
        var merged: [[Int]] = []
        for run in runs {
            if run.count == 1, !merged.isEmpty {
                merged[merged.count - 1] += run
            } else if let last = merged.last, last.count == 1, merged.count == 1 {
                merged[0] += run
            } else {
                merged.append(run)
            }
        }
        var groups = Array(repeating: 0, count: moods.count)
        for (group, run) in merged.enumerated() {
            for index in run { groups[index] = group }
        }
        return groups
    }

    /// The mood a group's track is composed in: its most common scene mood, the earliest on ties.
    public static func mood(ofGroup group: Int, in scenes: [PlanScene]) -> Mood {
        let moods = scenes.filter { $0.musicGroup == group }.map(\.mood)
        var best: (mood: Mood, count: Int)?
        for mood in moods {
            let count = moods.filter { $0 == mood }.count
            if count > (best?.count ?? 0) { best = (mood, count) }
        }
        return best?.mood ?? .calm
    }
}
