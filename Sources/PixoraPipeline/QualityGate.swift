import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import Synchronization

/// How the pipeline treats an asset that fails its quality check (`ClipQuality`, `VoiceQuality`,
/// `MusicLoopQuality`, `RenderQuality`): the bad file leaves the cache, the asset is made again with a new seed up to
/// `retries` times (each retry said in the progress), and then the job fails with the measurements. A render that
/// fails fails at once: it is made from checked assets, so making it again would give the same file.
public struct QualityGate: Sendable {
    /// Retries of one asset after a failed check (`PIXORA_QC_RETRIES`).
    public var retries: Int
    /// Seconds spent checking, summed over every check (the benchmark divides it by the generate time).
    public let clock = CheckClock()

    public static let defaultRetries = 2

    public init(retries: Int = defaultRetries) { self.retries = max(retries, 0) }

    /// The gate `PIXORA_QC_RETRIES` asks for.
    public static func configured(_ configuration: Configuration = .current) -> QualityGate {
        QualityGate(retries: configuration.integer("PIXORA_QC_RETRIES") ?? defaultRetries)
    }

    /// Runs `check` of a `kind` of asset, adding its time to `clock` (which keeps it when asked, to run again).
    func timed<T>(_ kind: CheckClock.Kind, _ check: @escaping @Sendable () async throws -> T) async throws -> T {
        clock.keep(kind) { _ = try await check() }
        let start = ContinuousClock.now
        defer { clock.add(kind, ContinuousClock.now - start) }
        return try await check()
    }

    /// How long the words of `request` may take to speak: from well under the estimate (a fast provider voice, a
    /// short word list the estimate's sentence pauses overstate) to well over it (a slow voice), so only a voice
    /// that lost or invented speech falls outside.
    static func speakingRange(_ request: SpeechRequest) -> ClosedRange<Double> {
        let estimate = SpeakingRate.natural(request.text, voice: request.voice) / max(request.rate, 0.1)
        // Generous above: flite spells out symbols and digits the estimate counts as one word, and an embedded
        // voice speaks the same on a retry; the bound is there for a runaway or looping cloud voice.
        return max(estimate * 0.35 - 0.3, 0.05)...(estimate * 5 + 5)
    }

    /// The seed of attempt `attempt` (0 is the plan's own): far apart, so a retried picture or track differs.
    static func seed(_ seed: UInt64, attempt: Int) -> UInt64 {
        attempt == 0 ? seed : seed &+ UInt64(attempt) &* 0xD1B5_4A32_D192_ED03
    }
}

/// Time spent in quality checks, in all and by kind of asset.
public final class CheckClock: Sendable {
    public enum Kind: String, CaseIterable, Sendable { case clip, voice, music, render }

    /// A check as it ran: the same file against the same expectation, to run again.
    public struct Check: Sendable {
        public let kind: Kind
        public let run: @Sendable () async throws -> Void
    }

    private let totals = Mutex<[Kind: Duration]>([:])
    /// nil until `keepChecks()`: a server's gate runs for weeks and keeps nothing.
    private let kept = Mutex<[Check]?>(nil)
    /// Seconds of clip whose frames the generator measured as it encoded them: that work is inside the encode,
    /// so the benchmark prices it per second of clip (`pixora-bench generate`) instead of timing a check.
    private let encodedSeconds = Mutex<Double>(0)
    func add(_ kind: Kind, _ elapsed: Duration) { totals.withLock { $0[kind, default: .zero] += elapsed } }
    func addMeasuredWhileEncoding(seconds: Double) { encodedSeconds.withLock { $0 += seconds } }
    public var secondsMeasuredWhileEncoding: Double { encodedSeconds.withLock { $0 } }
    func keep(_ kind: Kind, _ run: @escaping @Sendable () async throws -> Void) {
        kept.withLock { $0?.append(Check(kind: kind, run: run)) }
    }

    /// From now on keeps every check timed, so the benchmark can run them again one after another and measure their
    /// CPU time alone (summed wall time of checks beside other work counts the waits for a core).
    public func keepChecks() { kept.withLock { $0 = $0 ?? [] } }
    /// The checks kept since `keepChecks()`, in the order they started.
    public var checks: [Check] { kept.withLock { $0 ?? [] } }

    public var seconds: Double { Kind.allCases.reduce(0) { $0 + seconds(of: $1) } }
    public func seconds(of kind: Kind) -> Double {
        let value = totals.withLock { $0[kind] ?? .zero }
        return Double(value.components.seconds) + Double(value.components.attoseconds) / 1e18
    }
}

/// An asset or a render that still failed its quality check after the retries; the job fails with these words.
public struct QualityCheckFailed: UserFacingError, Equatable {
    /// "scene 3 clip", "music 1", "the render".
    public var what: String
    public var attempts: Int
    /// Every problem of the last attempt with its measurements.
    public var reasons: String

    public init(what: String, attempts: Int, reasons: String) {
        self.what = what
        self.attempts = attempts
        self.reasons = reasons
    }

    public var isUsageError: Bool { false }
    public var description: String {
        let tries = attempts == 1 ? "" : " after \(attempts) attempts"
        return "\(what) failed its quality check\(tries): \(reasons)"
    }
}
