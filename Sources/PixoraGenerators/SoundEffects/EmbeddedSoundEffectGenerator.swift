import Foundation
import PixoraCore
import PixoraMedia

/// Offline sound effects: the description is matched to one of the library's kinds, which ffmpeg synthesizes from
/// seeded noise and expressions (`EffectRecipes`); the result is levelled to the kind's loudness, limited below
/// clipping and faded at both ends.
public struct EmbeddedSoundEffectGenerator: SoundEffectGenerator {
    public let id = "embedded.sound-effects"
    public let version = 1

    static let sampleRate = EffectGraph.sampleRate
    /// The limiter's ceiling, −1.5 dBFS: room for the peaks between samples.
    static let ceiling = 0.841
    /// At most this much of a sharp effect's peaks is limited away to reach its loudness (dB); beyond that the
    /// transients would go dull, so such an effect stays a little quieter than its target instead.
    static let limiting = 6.0
    static let quiet = ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"]
    /// Without these ffmpeg writes its version into the file, and the same seed must give the same bytes anywhere.
    static let reproducible = ["-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact"]

    public init() {}

    public func makeEffect(_ request: SoundEffectRequest, to output: URL) async throws {
        guard SoundEffectRequest.durations.contains(request.duration) else {
            throw UsageError("a sound effect lasts 0.5 to 30 seconds, not \(request.duration)")
        }
        let kind = try SoundEffectMatcher.requireKind(for: request.description)
        let samples = Int((request.duration * Double(Self.sampleRate)).rounded())
        let raw = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pixora-effect-\(UUID().uuidString).wav")
        defer { try? FileManager.default.removeItem(at: raw) }

        try await ToolRunner.run(.ffmpeg, Self.synthesisArguments(kind, request: request, samples: samples, to: raw))
        let measured = try await MediaCheck.loudness(of: raw)
        guard measured.integrated.isFinite, measured.integrated > -70 else {
            throw MediaError.unreadableOutput(tool: "ffmpeg", detail: "the \(kind.rawValue) effect came out silent")
        }
        let headroom = 20 * log10(Self.ceiling) - measured.truePeak + Self.limiting
        let gain = min(max(min(EffectRecipes.target(kind) - measured.integrated, headroom), -40), 40)
        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                Self.quiet + ["-i", raw.path, "-af", Self.finish(gain: gain, samples: samples)] + Self.reproducible
                    + ["-ar", "\(Self.sampleRate)", "-ac", "2", "-c:a", "pcm_s16le", "-f", "wav", temporary.path])
        }
    }

    /// The first pass: the effect synthesized as a float WAV of exactly `samples` frames, before levelling.
    static func synthesisArguments(_ kind: SoundEffectKind, request: SoundEffectRequest, samples: Int, to raw: URL)
        -> [String]
    {
        let (graph, output) = EffectRecipes.graph(kind, seed: request.seed, duration: request.duration)
        let exact =
            "aformat=sample_fmts=flt:channel_layouts=stereo,apad=whole_len=\(samples),atrim=end_sample=\(samples)"
        return quiet + graph.sources.flatMap { ["-f", "lavfi", "-i", $0] }
            + ["-filter_complex", graph.filtergraph(output: output, finish: exact), "-map", "[mix]"] + reproducible
            + ["-c:a", "pcm_f32le", "-f", "wav", raw.path]
    }

    /// The second pass: gain to the target loudness, a peak limiter, the exact length and short fades.
    static func finish(gain: Double, samples: Int) -> String {
        let duration = Double(samples) / Double(sampleRate)
        let fadeIn = min(0.05, duration / 10)
        let fadeOut = min(0.15, duration / 5)
        return [
            "volume=\(EffectGraph.number(gain))dB",
            "alimiter=limit=\(ceiling):attack=1:release=50:level=false:latency=true",
            "apad=whole_len=\(samples)", "atrim=end_sample=\(samples)",
            "afade=t=in:d=\(EffectGraph.number(fadeIn))",
            "afade=t=out:st=\(EffectGraph.number(duration - fadeOut)):d=\(EffectGraph.number(fadeOut))",
        ].joined(separator: ",")
    }
}
