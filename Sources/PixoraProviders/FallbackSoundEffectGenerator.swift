import Foundation
import Logging
import PixoraCore
import PixoraGenerators

/// Sound effects from the provider, else from the embedded library (which only knows its own kinds, so a
/// description it cannot match still fails, with the provider's error logged first).
public struct FallbackSoundEffectGenerator: SoundEffectGenerator {
    let primary: any SoundEffectGenerator
    let fallback: any SoundEffectGenerator
    let logger: Logger
    public var id: String { primary.id }
    public var version: Int { primary.version }

    public func makeEffect(_ request: SoundEffectRequest, to output: URL) async throws {
        try await fallingBack("sound effects", output: output, fallbackID: fallback.id, logger: logger) {
            try await primary.makeEffect(request, to: output)
        } fallback: {
            try await fallback.makeEffect(request, to: output)
        }
    }
}
