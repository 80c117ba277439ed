import PixoraCore

/// Variants of one plan generated side by side: the same scenes, words and timing, other pictures and music.
public enum RemixVariants {
    /// Variant 1 is the plan itself; variant n takes the seed n − 1 further on and asks every scene for another
    /// picture of the same description, so no two variants share a picture (their assets' keys differ).
    public static func variant(_ plan: Plan, number: Int) -> Plan {
        guard number > 1 else { return plan }
        var copy = plan
        copy.settings.seed = plan.settings.seed &+ UInt64(number - 1)
        copy.scenes = plan.scenes.map { scene in
            var scene = scene
            scene.variation = (scene.variation ?? 0) + (number - 1) * 1000
            return scene
        }
        return copy
    }
}
