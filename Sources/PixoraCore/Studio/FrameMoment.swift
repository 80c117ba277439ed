/// Which end of a scene's clip a picture shows: the studio's `frames` step draws both, and a clip moves from the
/// start frame to the end frame.
public enum FrameMoment: String, NamedChoice {
    case start, end
}
