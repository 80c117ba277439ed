import Foundation
import PixoraCore
import PixoraMedia
import Testing

/// Colour looks measured on rendered frames of a colourful test picture.
@Suite("Colour looks on rendered frames", .serialized)
struct LookRenderTests {
    /// One 2 s clip of ffmpeg's colour test pattern, no text or sound.
    static func state(_ fixtures: MediaFixtures, look: Look?) async throws -> EditorState {
        let clip = try await fixtures.clip("testsrc2", seconds: 2)
        return EditorState(
            title: "looks", canvas: Canvas(width: 360, height: 640, fps: 30),
            clips: [Clip(id: "c", sceneId: nil, asset: clip, duration: 2)], transitions: [],
            captions: Captions(enabled: false, cues: []),
            audio: AudioMix(voice: AudioTrack(segments: []), music: AudioTrack(segments: [])), look: look)
    }

    static func render(_ fixtures: MediaFixtures, _ look: Look?, name: String) async throws -> URL {
        let output = fixtures.root.appendingPathComponent("\(name).mp4")
        try await Renderer(assets: fixtures.folder).render(try await state(fixtures, look: look), to: output)
        return output
    }

    /// A LUT that turns every colour into its negative.
    static func invertingLUT(_ fixtures: MediaFixtures) throws -> AssetRef {
        let identity = CubeLUT.identity(size: 2)
        let table = CubeLUT(size: 2, values: identity.values.map { 1 - $0 })
        let ref = AssetRef(key: try ContentKey(generator: "fixture", version: 1, inputs: ["invert"]), ext: "cube")
        let location = fixtures.folder.location(of: ref)
        try FileManager.default.createDirectory(
            at: location.deletingLastPathComponent(), withIntermediateDirectories: true)
        try table.canonical.write(to: location)
        return ref
    }

    @Test("bw has no saturation, warm and cool move the red-blue balance, intensity scales the grade")
    func presets() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let none = try await Self.render(fixtures, nil, name: "none")
        let bw = try await Self.render(fixtures, Look(preset: .bw), name: "bw")
        let warm = try await Self.render(fixtures, Look(preset: .warm), name: "warm")
        let halfWarm = try await Self.render(fixtures, Look(preset: .warm, intensity: 0.5), name: "half-warm")
        let cool = try await Self.render(fixtures, Look(preset: .cool), name: "cool")
        let off = try await Self.render(fixtures, Look(preset: .warm, intensity: 0), name: "off")

        let time = 1.0
        let original = try await FrameMeasure.saturation(none, at: time)
        let grey = try await FrameMeasure.saturation(bw, at: time)
        #expect(original > 20, "the test picture is colourful: \(original)")
        #expect(grey < 1.5, "bw saturation \(grey)")

        func redOverBlue(_ url: URL) async throws -> Double {
            let mean = try await FrameMeasure.meanRGB(url, at: time)
            return mean.r - mean.b
        }
        let base = try await redOverBlue(none)
        let warmShift = try await redOverBlue(warm) - base
        let halfShift = try await redOverBlue(halfWarm) - base
        let coolShift = try await redOverBlue(cool) - base
        #expect(warmShift > 10, "warm raises red against blue by \(warmShift)")
        #expect(coolShift < -10, "cool lowers it by \(coolShift)")
        #expect(halfShift > warmShift * 0.3 && halfShift < warmShift * 0.7, "half: \(halfShift) of \(warmShift)")
        #expect(try await FrameMeasure.psnr(off, none) >= 45)
    }

    @Test("every preset renders and changes the picture")
    func everyPreset() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let none = try await Self.render(fixtures, nil, name: "none")
        for preset in LookPreset.allCases where preset != .none {
            let graded = try await Self.render(fixtures, Look(preset: preset), name: preset.rawValue)
            let psnr = try await FrameMeasure.psnr(graded, none)
            // An unchanged picture re-encoded the same way is identical (infinite PSNR).
            #expect(psnr < 42, "\(preset.rawValue) changes the picture (PSNR \(psnr) dB)")
        }
    }

    @Test("an inverting LUT inverts, blended by intensity; a clip's own look overrides the video's")
    func lutAndOverride() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let lut = try Self.invertingLUT(fixtures)
        let none = try await Self.render(fixtures, nil, name: "none")
        let inverted = try await Self.render(fixtures, Look(lut: lut), name: "inverted")
        let half = try await Self.render(fixtures, Look(lut: lut, intensity: 0.5), name: "half")
        let original = try await FrameMeasure.meanRGB(none, at: 1)
        let negative = try await FrameMeasure.meanRGB(inverted, at: 1)
        for (a, b) in [(original.r, negative.r), (original.g, negative.g), (original.b, negative.b)] {
            #expect(abs(a + b - 255) < 8, "\(a) + \(b) ≈ 255")
        }
        // Half of a picture and half of its negative is mid grey everywhere.
        let grey = try await FrameMeasure.gray(half, at: 1)
        let spread = grey.map { abs(Double($0) - 128) }.reduce(0, +) / Double(grey.count)
        #expect(spread < 6, "mean distance from mid grey \(spread)")

        // Two clips under a bw look; the second asks for none of it.
        var state = try await Self.state(fixtures, look: Look(preset: .bw))
        let second = try await fixtures.clip("testsrc2", seconds: 2)
        state.clips.append(Clip(id: "d", sceneId: nil, asset: second, duration: 2, look: Look(preset: .none)))
        state.transitions = [Transition(kind: .cut, duration: 0)]
        let output = fixtures.root.appendingPathComponent("override.mp4")
        try await Renderer(assets: fixtures.folder).render(state, to: output)
        #expect(try await FrameMeasure.saturation(output, at: 1) < 1.5)
        #expect(try await FrameMeasure.saturation(output, at: 3) > 20)
    }
}
