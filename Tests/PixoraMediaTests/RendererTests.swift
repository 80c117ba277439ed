import Foundation
import PixoraCore
import PixoraMedia
import Testing

@Suite("Renderer output, checked with ffprobe and ffmpeg", .serialized)
struct RendererTests {
    @Test(
        "a 9:16 timeline renders to the exact canvas, fps and duration with normalised audio, captions and no black gaps"
    )
    func rendersTimeline() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let state = try await fixtures.timeline()
        let output = fixtures.root.appendingPathComponent("out.mp4")
        let thumbnail = fixtures.root.appendingPathComponent("out.jpg")
        let result = try await Renderer(assets: fixtures.folder).render(state, to: output, thumbnail: thumbnail)

        let info = try await MediaProbe.probe(output)
        let video = try #require(info.video)
        #expect(video.codec == "h264" && video.pixelFormat == "yuv420p")
        #expect(video.width == 360 && video.height == 640)
        #expect(video.frameRate == 30)
        #expect(
            abs(info.duration - state.duration) <= 1.0 / 30 + 0.03, "duration \(info.duration) vs \(state.duration)")
        let audio = try #require(info.audio)
        #expect(audio.codec == "aac" && audio.sampleRate == 48000 && audio.channels == 2)
        #expect(result.bytes > 10_000)

        let loudness = try await MediaCheck.loudness(of: output)
        #expect(abs(loudness.integrated + 14) <= 1, "integrated \(loudness.integrated) LUFS")
        #expect(loudness.truePeak <= -1.0, "true peak \(loudness.truePeak)")

        #expect(try await MediaCheck.blackStretches(in: output, minimum: 0.5).isEmpty)

        let first = try await MediaCheck.thumbnailPixels(of: output, at: 1)
        let third = try await MediaCheck.thumbnailPixels(of: output, at: 6.5)
        #expect(MediaCheck.difference(first, third) > 20)

        // Mid-crossfade (2.5–3.0 s) the picture is a blend: different from both sides, closer to each than they are to each other.
        let before = try await MediaCheck.thumbnailPixels(of: output, at: 2.4)
        let middle = try await MediaCheck.thumbnailPixels(of: output, at: 2.75)
        let after = try await MediaCheck.thumbnailPixels(of: output, at: 3.1)
        #expect(MediaCheck.difference(middle, before) > 3 && MediaCheck.difference(middle, after) > 3)
        #expect(MediaCheck.difference(before, after) > MediaCheck.difference(middle, before))
        #expect(MediaCheck.difference(before, after) > MediaCheck.difference(middle, after))

        let thumb = try await MediaProbe.probe(thumbnail)
        #expect(thumb.video?.codec == "mjpeg" && thumb.video?.width == 360)
    }

    @Test("captions change the bottom of the picture while a cue is shown")
    func captionsAreDrawn() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let renderer = Renderer(assets: fixtures.folder)
        let with = fixtures.root.appendingPathComponent("with.mp4")
        let without = fixtures.root.appendingPathComponent("without.mp4")
        try await renderer.render(try await fixtures.timeline(captions: true), to: with)
        try await renderer.render(try await fixtures.timeline(captions: false), to: without)
        let bottom = (0.0, 0.7, 1.0, 0.3)
        let a = try await MediaCheck.thumbnailPixels(of: with, at: 4, region: bottom)
        let b = try await MediaCheck.thumbnailPixels(of: without, at: 4, region: bottom)
        #expect(MediaCheck.difference(a, b) > 3)
        let top = (0.0, 0.0, 1.0, 0.1)
        let c = try await MediaCheck.thumbnailPixels(of: with, at: 4, region: top)
        let d = try await MediaCheck.thumbnailPixels(of: without, at: 4, region: top)
        #expect(MediaCheck.difference(c, d) < 1)
    }

    @Test("a missing asset fails before ffmpeg runs and leaves no output")
    func missingAsset() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        var state = try await fixtures.timeline()
        state.clips[1].asset = AssetRef(String(repeating: "e", count: 64) + ".mp4")!
        let output = fixtures.root.appendingPathComponent("out.mp4")
        await #expect(throws: MediaError.assetMissing(String(repeating: "e", count: 64) + ".mp4")) {
            try await Renderer(assets: fixtures.folder).render(state, to: output)
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test("a clip shown longer than its file holds its last frame: exact length, no black")
    func clipLongerThanItsFile() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        var state = try await fixtures.timeline(captions: false)
        let last = state.clips.count - 1
        state.clips[last].trimIn = 1
        state.clips[last].duration += 1.5  // 2.5 s past the end of its 3-second file.
        let output = fixtures.root.appendingPathComponent("out.mp4")
        try await Renderer(assets: fixtures.folder).render(state, to: output)
        let info = try await MediaProbe.probe(output)
        #expect(
            abs(info.duration - state.duration) <= 1.0 / 30 + 0.03, "duration \(info.duration) vs \(state.duration)")
        #expect(try await MediaCheck.blackStretches(in: output, minimum: 0.3).isEmpty)
        // The held frame does not change.
        let a = try await MediaCheck.thumbnailPixels(of: output, at: state.duration - 1.2)
        let b = try await MediaCheck.thumbnailPixels(of: output, at: state.duration - 0.2)
        #expect(MediaCheck.difference(a, b) < 1)
    }

    @Test("a clip that starts past the end of its file is a document error naming the clip")
    func trimPastTheEnd() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        var state = try await fixtures.timeline()
        state.clips[2].trimIn = 3.5
        do {
            try await Renderer(assets: fixtures.folder).render(
                state, to: fixtures.root.appendingPathComponent("out.mp4"))
            Issue.record("expected an error")
        } catch let error as InvalidDocument {
            #expect(error.issues.map(\.description) == ["clips[2].trimIn: is 3.5 s but the clip is only 3 s long"])
        }
    }

    @Test("a failing ffmpeg reports its last lines and leaves no partial file")
    func failingTool() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let state = try await fixtures.timeline()
        // Corrupt the voice asset: the loudness pass cannot decode it.
        let voice = try fixtures.folder.url(for: state.audio.voice.segments[0].asset)
        try Data("not a wav file".utf8).write(to: voice)
        let output = fixtures.root.appendingPathComponent("out.mp4")
        do {
            try await Renderer(assets: fixtures.folder).render(state, to: output)
            Issue.record("expected an error")
        } catch let error as MediaError {
            guard case .toolFailed(let tool, _, let lines) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(tool == "ffmpeg")
            #expect(!lines.isEmpty)
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixtures.root.path).filter {
            $0.hasSuffix(".mp4") || $0.contains("partial")
        }
        #expect(leftovers.isEmpty)
    }
}
