import Foundation
import PixoraCore
import PixoraMedia
import Testing

@Suite("Sound effects in the render", .serialized)
struct EffectsRenderTests {
    /// A 48 kHz sine at `amplitude` (peak, full scale 1).
    static func sine(_ fixtures: MediaFixtures, _ frequency: Int, amplitude: Double, seconds: Double) async throws
        -> AssetRef
    {
        try await fixtures.make(
            "sine-\(frequency)-\(amplitude)-\(seconds)", ext: "wav",
            [
                "-f", "lavfi", "-i", "sine=frequency=\(frequency):duration=\(seconds):sample_rate=48000", "-af",
                "volume=\(amplitude * 8)", "-c:a", "pcm_s16le",
            ])
    }

    /// One 5 s clip with music (196 Hz) throughout and a narration (330 Hz, about as loud as a voice-over's
    /// speech: 11 dB over the duck's threshold) from 1 s to 4 s.
    static func timeline(_ fixtures: MediaFixtures) async throws -> EditorState {
        let clip = Clip(id: "c0", sceneId: nil, asset: try await fixtures.clip("testsrc2", seconds: 5), duration: 5)
        let voice = try await sine(fixtures, 330, amplitude: 0.105, seconds: 3)
        return EditorState(
            title: "effects", canvas: Canvas(width: 360, height: 640, fps: 30), clips: [clip], transitions: [],
            captions: Captions(enabled: false, cues: []),
            audio: AudioMix(
                voice: AudioTrack(segments: [
                    AudioSegment(asset: voice, start: 1, duration: 3)
                ]),
                music: AudioTrack(
                    volume: 0.5,
                    segments: [AudioSegment(asset: try await fixtures.tone(196, seconds: 5), start: 0, duration: 5)])))
    }

    /// Renders the timeline with a 1500 Hz effect added at `start` for `duration` seconds.
    static func render(_ fixtures: MediaFixtures, effectAt start: Double, duration: Double) async throws -> URL {
        let beep = try await sine(fixtures, 1500, amplitude: 0.1, seconds: 4)
        let state = try await timeline(fixtures).applying([.addEffect(beep, start: start, duration: duration)]).state
        let output = fixtures.root.appendingPathComponent("effects.mp4")
        try await Renderer(assets: fixtures.folder).render(state, to: output)
        return output
    }

    @Test("an effect is heard where it is placed, under the narration, and nowhere else")
    func effectPlaced() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let output = try await Self.render(fixtures, effectAt: 2, duration: 1)

        // Half-second windows: the effect fills windows 4 and 5 (2–3 s).
        let levels = try await MediaCheck.bandLevels(of: output, frequency: 1500, window: 0.5)
        try #require(levels.count >= 10, "\(levels)")
        let inside = try #require(levels[4...5].min())
        #expect(inside > -30, "effect at 2–3 s: \(levels)")
        // The window just after also holds the band filter's ring and the codec's last frame of the effect.
        #expect(levels[6] < inside - 12, "just after: \(levels)")
        for index in [0, 1, 2, 3, 7, 8, 9] {
            #expect(levels[index] < inside - 25, "window \(index): \(levels)")
        }
        let loudness = try await MediaCheck.loudness(of: output)
        #expect(abs(loudness.integrated + 14) <= 1, "integrated \(loudness.integrated) LUFS")
    }

    @Test("under the narration the effects dip only lightly while the music dips about 10 dB")
    func lightDuck() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        // The effect plays alone from 0 to 1 s and under the narration from 2 to 3 s.
        let output = try await Self.render(fixtures, effectAt: 0, duration: 3)

        let effect = try await MediaCheck.bandLevels(of: output, frequency: 1500, window: 0.5)
        let music = try await MediaCheck.bandLevels(of: output, frequency: 196, window: 0.5)
        let effectDip = effect[1] - effect[5]
        let musicDip = music[1] - music[5]
        #expect(effectDip > 1 && effectDip < 5, "effects dip \(effectDip) dB: \(effect)")
        #expect(musicDip > 7, "music dips \(musicDip) dB: \(music)")
    }
}
