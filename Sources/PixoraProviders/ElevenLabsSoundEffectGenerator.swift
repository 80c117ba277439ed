import Foundation
import Logging
import PixoraCore
import PixoraGenerators
import PixoraMedia

/// ElevenLabs sound generation (`POST /v1/sound-generation`): the description as the prompt and the length asked
/// for; the MP3 it answers becomes the same 48 kHz stereo 16-bit WAV of exactly that length as the embedded effects.
public struct ElevenLabsSoundEffectGenerator: SoundEffectGenerator {
    public let key: String
    public let baseURL: String
    /// How closely the sound follows the description, 0 … 1 (ElevenLabs' default is 0.3).
    public let promptInfluence: Double
    /// Configured price per second of sound, recorded with the asset (US dollars).
    public let costPerSecond: Double
    let http: ProviderHTTP
    public let id = "elevenlabs.sound-generation"
    public let version = 1

    public init(
        key: String, baseURL: String = "https://api.elevenlabs.io", promptInfluence: Double = 0.3,
        costPerSecond: Double = 0.02, policy: RetryPolicy, logger: Logger
    ) {
        self.key = key
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.promptInfluence = promptInfluence
        self.costPerSecond = costPerSecond
        http = ProviderHTTP(provider: "ElevenLabs", policy: policy, logger: logger)
    }

    public func makeEffect(_ request: SoundEffectRequest, to output: URL) async throws {
        guard SoundEffectRequest.durations.contains(request.duration) else {
            throw UsageError("a sound effect lasts 0.5 to 30 seconds, not \(request.duration)")
        }
        let text = request.description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw UsageError("describe the sound effect") }
        let body: [String: Any] = [
            "text": text, "duration_seconds": request.duration, "prompt_influence": promptInfluence,
        ]
        let response = try await http.send(
            .POST, "\(baseURL)/v1/sound-generation?output_format=mp3_44100_128",
            headers: [("xi-api-key", key), ("Content-Type", "application/json"), ("Accept", "audio/mpeg")],
            body: try JSONSerialization.data(withJSONObject: body))
        guard response.status == 200, !response.body.isEmpty else {
            throw ProviderFailure(
                provider: "ElevenLabs", message: "HTTP \(response.status): \(ProviderHTTP.errorText(response.body))",
                status: response.status)
        }
        let scratch = try MediaConvert.scratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let downloaded = scratch.appendingPathComponent("effect.mp3")
        try response.body.write(to: downloaded)
        try await MediaConvert.effect(downloaded, to: output, duration: request.duration)
        try Provenance(
            provider: "ElevenLabs", model: "sound-generation", costUSD: costPerSecond * request.duration
        ).write(for: output)
    }
}

extension MediaConvert {
    /// A sound effect: 48 kHz stereo 16-bit, cut or padded with silence to exactly `duration` seconds, with 20 ms
    /// fades so the cut never clicks.
    static func effect(_ source: URL, to output: URL, duration: Double) async throws {
        let samples = Int((duration * 48000).rounded())
        let fadeStart = String(format: "%.4f", Double(samples) / 48000 - 0.02)
        try await AtomicFile.write(to: output) { temporary in
            try await ToolRunner.run(
                .ffmpeg,
                quiet + [
                    "-i", source.path, "-af",
                    "aresample=48000,apad=whole_len=\(samples),atrim=end_sample=\(samples),afade=t=in:d=0.02,"
                        + "afade=t=out:st=\(fadeStart):d=0.02",
                    "-ar", "48000", "-ac", "2", "-c:a", "pcm_s16le", "-f", "wav", temporary.path,
                ])
        }
    }
}
