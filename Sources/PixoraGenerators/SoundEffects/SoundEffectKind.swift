/// The effects the embedded library can synthesize; a description is matched to one of them.
public enum SoundEffectKind: String, CaseIterable, Codable, Sendable {
    case wind, rain, waves, birds, footsteps, whoosh, chime, crowd, fire, thunder, click, engine
}
