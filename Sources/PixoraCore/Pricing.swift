/// What things cost, in credits. Documented in the README and the OpenAPI document.
public enum Pricing {
    /// Credits a new account starts with: enough for about three 30-second videos.
    public static let signupGrant = 100
    /// A video costs one credit per second of target duration, rounded up.
    public static let creditsPerSecond = 1.0
    /// Regenerating a scene's picture and clip.
    public static let sceneVisual = 3
    /// Regenerating a scene's narration.
    public static let sceneAudio = 1
    /// Saving an edited version renders it; no new assets are generated, so it is free.
    public static let versionRender = 0

    public static func price(for settings: Settings) -> Int {
        Int((settings.durationSeconds * creditsPerSecond).rounded(.up))
    }

    /// A plan is priced by its target duration, or by its planned length when the user's edits (more or longer
    /// scenes) made it more than 10% longer than the target.
    public static func price(for plan: Plan) -> Int {
        let target = plan.settings.durationSeconds
        let planned = plan.plannedDuration
        let billed = planned > target * 1.1 ? planned : target
        return Int((billed * creditsPerSecond).rounded(.up))
    }

    public static func sceneRegeneration(visual: Bool, audio: Bool) -> Int {
        (visual ? sceneVisual : 0) + (audio ? sceneAudio : 0)
    }
}
