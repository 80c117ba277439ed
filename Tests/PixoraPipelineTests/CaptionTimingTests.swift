import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import Testing

@testable import PixoraPipeline

/// Captions measured against the voice they caption: a music-less video is rendered through the real pipeline and
/// ffmpeg's silence detection finds where speech starts and stops in its audio.
@Suite("Captions on time", .serialized)
struct CaptionTimingTests {
    static let script =
        "Bees visit thousands of flowers every single day. They carry the nectar home, and pass it from bee to bee. "
        + "The water dries away in the warm hive. What is left is honey, sealed in wax for the winter."

    /// flite, and Piper when it is installed or required (PIXORA_REQUIRE_PIPER, as in CI, where a missing Piper
    /// then fails the joe case instead of dropping it): captions follow whatever word timings the voice gives.
    static let voices: [Voice] =
        [.slt]
        + (PiperInstallation.locate() == nil && !(Configuration.current.flag("PIXORA_REQUIRE_PIPER") ?? false)
            ? [] : [.joe])

    @Test("every phrase's cue starts within 150 ms of its spoken onset and ends with the phrase", arguments: voices)
    func cuesFollowTheVoice(voice: Voice) async throws {
        if voice.engine == .piper {
            try #require(PiperInstallation.locate() != nil, "Piper is required but not installed (install-piper.sh)")
        }
        let workspace = try Workspace()
        defer { workspace.remove() }
        let pipeline = VideoPipeline(generators: .embedded, store: workspace.store)
        let settings = Settings(durationSeconds: 15, voice: voice, music: false, quality: .p480, seed: 2)
        let plan = try await pipeline.plan(prompt: "how bees make honey", settings: settings, script: Self.script)
        let assets = try await pipeline.produceAssets(for: plan)
        let state = Assembler.editorState(plan: plan, assets: assets)
        #expect(state.validate().isEmpty, "\(state.validate())")
        let output = workspace.root.appendingPathComponent("voice.mp4")
        _ = try await Renderer(assets: workspace.store).render(state, to: output, thumbnail: nil)

        let cues = state.captions.cues
        let words = cues.flatMap { $0.words ?? [] }
        #expect(words.count == Self.script.split(separator: " ").count)
        func nearest(_ time: Double, _ times: [Double]) -> Double { times.map { abs($0 - time) }.min() ?? .infinity }

        // -60 dB hears everything above the noise floor of a synthesizer's pauses (how the issue measured it);
        // -30 dB, about 15 dB under the speech, only the words.
        for threshold in [-60.0, -30.0] {
            let phrases = try await MediaCheck.soundingStretches(in: output, threshold: threshold, minimumSilence: 0.25)
            #expect(phrases.count >= plan.scenes.count)
            for phrase in phrases {
                let error = nearest(phrase.start, cues.map(\.start))
                #expect(error <= 0.15, "\(threshold) dB: speech from \(phrase.start) s, nearest cue \(error) s away")
            }
            // Shorter pauses (commas) start a word, if not always a line.
            for onset in try await MediaCheck.soundingStretches(in: output, threshold: threshold) {
                let error = nearest(onset.start, words.map(\.start))
                #expect(error <= 0.15, "\(threshold) dB: speech from \(onset.start) s, nearest word \(error) s away")
            }
        }
        // A phrase's line goes when the phrase ends.
        for phrase in try await MediaCheck.soundingStretches(in: output, threshold: -30, minimumSilence: 0.25) {
            let error = nearest(phrase.end, cues.map(\.end))
            #expect(error <= 0.15, "speech until \(phrase.end) s, nearest cue end \(error) s away")
        }
    }
}
