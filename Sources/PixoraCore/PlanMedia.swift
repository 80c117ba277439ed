/// Media the user supplied for a plan (a remix project's uploads), stored content-addressed like generated assets,
/// so a plan can name them without a path and every worker finds them in the asset store.
public struct PlanMedia: Codable, Sendable, Hashable {
    /// A PNG (with alpha where the upload had it) composited into every scene's picture.
    public var character: AssetRef?
    /// A 48 kHz stereo WAV used as the music bed instead of generated music.
    public var music: AssetRef?
    /// A 48 kHz WAV that replaces the synthesized narration.
    public var voiceOver: AssetRef?

    public init(character: AssetRef? = nil, music: AssetRef? = nil, voiceOver: AssetRef? = nil) {
        self.character = character
        self.music = music
        self.voiceOver = voiceOver
    }

    public var isEmpty: Bool { character == nil && music == nil && voiceOver == nil }
}
