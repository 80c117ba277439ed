/// Emotional colour of a scene: drives palette, music and transitions.
public enum Mood: String, NamedChoice {
    case calm, uplifting, energetic, dramatic, mysterious, playful, somber, warm
}
