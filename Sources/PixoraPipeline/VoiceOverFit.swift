import PixoraCore
import PixoraGenerators

/// How a plan's scenes make room for an uploaded voice-over. The voice-over is one track from the start of the
/// video, so the video must last at least as long as it (plus the usual tail), but never more than a video may
/// (`Settings.durationRange`); scenes keep their proportions (the sample's pacing) and stretch together, each at
/// most `Plan.sceneDurationRange`'s upper bound. A voice-over longer than that limit is faded out at the end.
public enum VoiceOverFit {
    /// The video length the voice-over asks for.
    public static func target(voiceOver seconds: Double) -> Double {
        min(seconds + SceneMargins.tail, Settings.durationRange.upperBound)
    }

    /// `plan` with its scenes stretched (never shortened) to last `target(voiceOver:)`. The API can price with it
    /// before generation; the pipeline applies it itself.
    public static func fitted(_ plan: Plan, voiceOver seconds: Double) -> Plan {
        var durations = plan.scenes.map(\.duration)
        let overlaps = plan.scenes.dropLast().reduce(0) { $0 + $1.transition.overlap }
        let goal = target(voiceOver: seconds)
        let longest = Plan.sceneDurationRange.upperBound
        // Scenes that reach the longest a scene may be stop growing; the rest share what is still missing.
        for _ in 0..<plan.scenes.count {
            let missing = goal - (durations.reduce(0, +) - overlaps)
            let growing = durations.indices.filter { durations[$0] < longest }
            let weight = growing.reduce(0) { $0 + durations[$1] }
            guard missing > 0.0005, weight > 0 else { break }
            for index in growing { durations[index] = min(longest, durations[index] * (1 + missing / weight)) }
        }
        let fps = Double(plan.settings.fps)
        var fitted = plan
        for index in fitted.scenes.indices where durations[index] > plan.scenes[index].duration {
            // Whole frames, rounded up, so rounding never leaves the voice-over a frame short.
            fitted.scenes[index].duration = min(longest, (durations[index] * fps).rounded(.up) / fps)
        }
        return fitted
    }
}
