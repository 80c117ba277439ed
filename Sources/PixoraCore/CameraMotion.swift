/// Camera motion over a still picture (the embedded video generator's kinds of movement).
public enum CameraMotion: String, NamedChoice {
    case zoomIn, zoomOut, panLeft, panRight, panUp, panDown
}
