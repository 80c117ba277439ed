import Foundation

/// Description + length → a 48 kHz stereo 16-bit WAV of exactly `duration` seconds.
public protocol SoundEffectGenerator: Generator {
    func makeEffect(_ request: SoundEffectRequest, to output: URL) async throws
}
