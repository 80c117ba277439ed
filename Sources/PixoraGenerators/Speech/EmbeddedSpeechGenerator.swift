import Foundation
import PixoraCore

/// The offline narrator: each voice's own engine, Piper or flite. A Piper voice on a machine without Piper is
/// spoken by flite's stand-in (`Voice.fliteStandIn`) instead of failing; the resolved request names that voice, so
/// the asset is keyed as what was really made, and installing Piper later makes the Piper voice then.
///
/// Its id and version are flite's, so flite voices keep their asset keys; a Piper request carries Piper's identity
/// and version in `SpeechRequest.engine`.
public struct EmbeddedSpeechGenerator: SpeechGenerator {
    public let flite: FliteSpeechGenerator
    public let piper: PiperSpeechGenerator?

    public var id: String { flite.id }
    public var version: Int { flite.version }

    public init(piper: PiperInstallation? = PiperInstallation.locate()) {
        flite = FliteSpeechGenerator()
        self.piper = piper.map(PiperSpeechGenerator.init(installation:))
    }

    /// Whether the voice's own engine is installed here.
    public func isUsable(_ voice: Voice) -> Bool {
        voice.engine == .flite || piper != nil
    }

    /// The voice a video gets when its settings name none.
    public var preferredDefault: Voice { Voice.preferredDefault(piperAvailable: piper != nil) }

    public func resolved(_ request: SpeechRequest) -> SpeechRequest {
        var resolved = request
        switch request.voice.engine {
        case .piper:
            if let piper {
                resolved.engine = piper.engineIdentity
            } else {
                resolved.voice = request.voice.fliteStandIn
                resolved.engine = nil
            }
        case .flite:
            resolved.engine = nil
        }
        return resolved
    }

    /// Why `request` is not spoken by the voice it names, for the job's progress; nil when it is.
    public func substitution(for request: SpeechRequest) -> String? {
        Self.standInNotice(requested: request.voice, speaking: resolved(request).voice)
    }

    /// "joe needs Piper, which is not installed …; flite's rms speaks instead", or nil when the voices agree.
    public static func standInNotice(requested: Voice, speaking: Voice) -> String? {
        guard requested != speaking else { return nil }
        return "\(requested.rawValue) needs Piper, which is not installed (scripts/install-piper.sh); "
            + "flite's \(speaking.rawValue) speaks instead"
    }

    public func makeSpeech(_ request: SpeechRequest, to output: URL) async throws -> SpeechTimings {
        let resolved = resolved(request)
        if resolved.voice.engine == .piper, let piper {
            return try await piper.makeSpeech(resolved, to: output)
        }
        return try await flite.makeSpeech(resolved, to: output)
    }
}
