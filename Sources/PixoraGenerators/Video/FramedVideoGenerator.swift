import Foundation
import PixoraCore

/// A clip that moves from a start picture to an end picture (the end is optional: then it is a camera move only).
public struct FramedClipRequest: Codable, Sendable, Hashable {
    /// Content key of the start picture.
    public var start: ContentKey
    /// Content key of the end picture; nil when the clip only moves the camera over the start picture.
    public var end: ContentKey?
    public var width: Int
    public var height: Int
    public var fps: Int
    public var duration: Double
    public var motion: CameraMotion
    /// The scene's visual text: cloud models steer by it, the embedded model ignores it.
    public var prompt: String

    public init(
        start: ContentKey, end: ContentKey?, width: Int, height: Int, fps: Int, duration: Double,
        motion: CameraMotion, prompt: String
    ) {
        self.start = start
        self.end = end
        self.width = width
        self.height = height
        self.fps = fps
        self.duration = duration
        self.motion = motion
        self.prompt = prompt
    }
}

/// Start picture (and optionally end picture) → a moving clip between them.
public protocol FramedVideoGenerator: Generator {
    /// Writes an H.264 MP4 of exactly `duration` s at width×height and fps, no audio.
    func makeClip(_ request: FramedClipRequest, start: URL, end: URL?, to output: URL) async throws
}
