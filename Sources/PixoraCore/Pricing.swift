/// What things cost, in credits. The standard prices are documented in the README and the OpenAPI document; a
/// deployment with cloud providers configures its own (see `ProviderSettings.pricing`).
public struct Pricing: Codable, Sendable, Hashable {
    /// Credits a new account starts with: enough for about three 30-second videos.
    public var signupGrant = 100
    /// A video costs this many credits per second of target duration, rounded up.
    public var creditsPerSecond = 1.0
    /// Regenerating a scene's picture and clip.
    public var sceneVisual = 3
    /// Regenerating a scene's narration.
    public var sceneAudio = 1
    /// Saving an edited version renders it; no new assets are generated, so it is free.
    public var versionRender = 0

    public init() {}

    /// The prices with the embedded generators.
    public static let standard = Pricing()

    public func price(for settings: Settings) -> Int {
        Int((settings.durationSeconds * creditsPerSecond).rounded(.up))
    }

    /// A plan is priced by its target duration, or by its planned length when the user's edits (more or longer
    /// scenes) made it more than 10% longer than the target.
    public func price(for plan: Plan) -> Int {
        let target = plan.settings.durationSeconds
        let planned = plan.plannedDuration
        let billed = planned > target * 1.1 ? planned : target
        return Int((billed * creditsPerSecond).rounded(.up))
    }

    public func sceneRegeneration(visual: Bool, audio: Bool) -> Int {
        (visual ? sceneVisual : 0) + (audio ? sceneAudio : 0)
    }
}
