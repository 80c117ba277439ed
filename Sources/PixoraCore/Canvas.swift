/// The frame every clip is fitted to: pixel size and frame rate.
public struct Canvas: Codable, Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var fps: Int

    public init(width: Int, height: Int, fps: Int) {
        self.width = width
        self.height = height
        self.fps = fps
    }

    public var frameDuration: Double { 1 / Double(fps) }
    public var isPortrait: Bool { height > width }
}
