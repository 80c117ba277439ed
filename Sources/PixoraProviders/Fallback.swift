import Foundation
import Logging
import PixoraCore
import PixoraGenerators

/// Fallbacks: when a provider fails after its own retries, the embedded generator does the work. The result is
/// stored under the provider's content key (the pipeline asked for it), with a provenance naming the embedded
/// generator and the reason, so the asset store makes it again next time and the job's progress can say so.
/// Cancellation is never turned into a fallback.

func shouldFallBack(_ error: any Error) -> Bool {
    !(error is CancellationError) && !Task.isCancelled
}

/// Runs `primary`; when it fails (not cancelled), logs it, runs `fallback` and records the fallback's provenance.
func fallingBack<T>(
    _ role: String, output: URL, fallbackID: String, logger: Logger, primary: () async throws -> T,
    fallback: () async throws -> T
) async throws -> T {
    do {
        return try await primary()
    } catch  where shouldFallBack(error) {
        logger.warning(
            "\(role) provider failed; the embedded generator stands in", metadata: ["error": .string("\(error)")])
        let value = try await fallback()
        try Provenance(provider: "embedded", model: fallbackID, fallbackReason: "\(error)").write(for: output)
        return value
    }
}

/// Plans with the primary planner, else the fallback. Plans are not content-addressed, so nothing is cached.
public struct FallbackPlanner: ScenePlanner {
    let primary: any ScenePlanner
    let fallback: any ScenePlanner
    let logger: Logger
    public var id: String { primary.id }
    public var version: Int { primary.version }

    public func plan(prompt: String, settings: Settings, script: String?) async throws -> Plan {
        do {
            return try await primary.plan(prompt: prompt, settings: settings, script: script)
        } catch  where shouldFallBack(error) && !(error is UsageError) {
            logger.warning("planner failed; the embedded planner stands in", metadata: ["error": .string("\(error)")])
            return try await fallback.plan(prompt: prompt, settings: settings, script: script)
        }
    }
}

public struct FallbackImageGenerator: ImageGenerator {
    let primary: any ImageGenerator
    let fallback: any ImageGenerator
    let logger: Logger
    public var id: String { primary.id }
    public var version: Int { primary.version }

    public func makeImage(_ request: ImageRequest, to output: URL) async throws {
        try await fallingBack("image", output: output, fallbackID: fallback.id, logger: logger) {
            try await primary.makeImage(request, to: output)
        } fallback: {
            try await fallback.makeImage(request, to: output)
        }
    }
}

public struct FallbackVideoGenerator: VideoGenerator {
    let primary: any VideoGenerator
    let fallback: any VideoGenerator
    let logger: Logger
    public var id: String { primary.id }
    public var version: Int { primary.version }

    public func makeClip(_ request: ClipRequest, image: URL, to output: URL) async throws {
        try await fallingBack("video", output: output, fallbackID: fallback.id, logger: logger) {
            try await primary.makeClip(request, image: image, to: output)
        } fallback: {
            try await fallback.makeClip(request, image: image, to: output)
        }
    }
}

public struct FallbackSpeechGenerator: SpeechGenerator {
    let primary: any SpeechGenerator
    let fallback: any SpeechGenerator
    let logger: Logger
    public var id: String { primary.id }
    public var version: Int { primary.version }

    public func makeSpeech(_ request: SpeechRequest, to output: URL) async throws -> SpeechTimings {
        try await fallingBack("speech", output: output, fallbackID: fallback.id, logger: logger) {
            try await primary.makeSpeech(request, to: output)
        } fallback: {
            try await fallback.makeSpeech(request, to: output)
        }
    }
}

public struct FallbackMusicGenerator: MusicGenerator {
    let primary: any MusicGenerator
    let fallback: any MusicGenerator
    let logger: Logger
    public var id: String { primary.id }
    public var version: Int { primary.version }

    public func makeMusic(_ request: MusicRequest, to output: URL) async throws -> Double {
        try await fallingBack("music", output: output, fallbackID: fallback.id, logger: logger) {
            try await primary.makeMusic(request, to: output)
        } fallback: {
            try await fallback.makeMusic(request, to: output)
        }
    }
}
