import Foundation
import PixoraCore
import PixoraMedia
import Testing

@Suite("Renders made of cached segments, measured against a full render", .serialized)
struct SegmentRenderTests {
    @Test("segments joined by stream copy match a full render: frames, timestamps, audio, PSNR ≥ 35 dB per frame")
    func matchesFullRender() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let state = try await Self.movingTimeline(fixtures)
        let full = fixtures.root.appendingPathComponent("full.mp4")
        let joined = fixtures.root.appendingPathComponent("joined.mp4")
        let thumbnail = fixtures.root.appendingPathComponent("joined.jpg")
        try await Renderer(assets: fixtures.folder).render(state, to: full)
        let result = try await Renderer(assets: fixtures.folder, segments: fixtures.folder).render(
            state, to: joined, thumbnail: thumbnail)
        // Three clip bodies and two transition windows.
        #expect(result.segments == SegmentUse(encoded: 5, reused: 0))

        let fullTimes = try await FrameMeasure.frameTimes(full)
        let joinedTimes = try await FrameMeasure.frameTimes(joined)
        #expect(joinedTimes.count == fullTimes.count && !joinedTimes.isEmpty)
        #expect(joinedTimes.count == Int((state.duration * 30).rounded(.up)), "\(joinedTimes.count) frames")
        // One frame every 1/30 s from zero: nothing duplicated, dropped or out of order at a join.
        for (index, time) in joinedTimes.enumerated() {
            #expect(abs(time - Double(index) / 30) < 0.002, "frame \(index) at \(time) s")
        }
        let scores = try await FrameMeasure.psnrPerFrame(joined, full)
        #expect(scores.count == fullTimes.count)
        let worst = try #require(scores.min())
        #expect(worst >= 35, "worst frame \(scores.firstIndex(of: worst) ?? -1): \(worst) dB")

        let info = try await MediaProbe.probe(joined)
        #expect(info.video?.codec == "h264" && info.video?.width == 360 && info.video?.frameRate == 30)
        let audio = try #require(info.audio)
        #expect(audio.codec == "aac" && audio.sampleRate == 48000 && audio.channels == 2)
        #expect(abs(info.duration - state.duration) <= 1.0 / 30 + 0.03, "duration \(info.duration)")
        let loudness = try await MediaCheck.loudness(of: joined)
        #expect(abs(loudness.integrated + 14) <= 1, "integrated \(loudness.integrated) LUFS")
        #expect(try await MediaProbe.probe(thumbnail).video?.codec == "mjpeg")
    }

    @Test("encoded losslessly, a render of segments and a full render are the same pictures, frame by frame")
    func losslessIdentity() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        var state = try await Self.movingTimeline(fixtures)
        state.output.crf = 0
        // Graded clips: a segment grades only its own frames, which must be the ones the whole clip gives.
        state.clips[0].look = Look(preset: .vintage, intensity: 0.7)
        state.clips[2].look = Look(preset: .warm, intensity: 1)
        let full = fixtures.root.appendingPathComponent("full.mp4")
        let joined = fixtures.root.appendingPathComponent("joined.mp4")
        try await Renderer(assets: fixtures.folder).render(state, to: full)
        try await Renderer(assets: fixtures.folder, segments: fixtures.folder).render(state, to: joined)
        let frames = try await FrameMeasure.frameTimes(joined).count
        #expect(frames == Int((state.duration * 30).rounded(.up)))
        #expect(try await FrameMeasure.frameTimes(full).count == frames)
        let scores = try await FrameMeasure.psnrPerFrame(joined, full)
        #expect(scores.count == frames)
        // Identical pictures: no frame moved, repeated or drawn differently at a join.
        let different = scores.indices.filter { scores[$0].isFinite }
        #expect(different.isEmpty, "frames that differ: \(different.map { "\($0): \(scores[$0]) dB" })")
    }

    @Test("an unchanged timeline encodes nothing; an edit re-encodes only the segments whose pixels it changes")
    func reusesSegments() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        var state = try await fixtures.timeline()
        let renderer = Renderer(assets: fixtures.folder, segments: fixtures.folder)
        let output = fixtures.root.appendingPathComponent("out.mp4")
        #expect(try await renderer.render(state, to: output).segments == SegmentUse(encoded: 5, reused: 0))
        #expect(try await renderer.render(state, to: output).segments == SegmentUse(encoded: 0, reused: 5))

        // Another kind of transition, same length: only its window.
        state.transitions[1].kind = .wipeleft
        #expect(try await renderer.render(state, to: output).segments == SegmentUse(encoded: 1, reused: 4))

        // The title overlay (0–2 s) shows in the first clip's body alone.
        state.overlays[0].text = "Another title"
        #expect(try await renderer.render(state, to: output).segments == SegmentUse(encoded: 1, reused: 4))

        // The last clip's picture: its body and the window into it.
        state.clips[2].asset = try await fixtures.clip("testsrc", seconds: 3)
        let edited = try await renderer.render(state, to: output)
        #expect(edited.segments == SegmentUse(encoded: 2, reused: 3))
        let full = fixtures.root.appendingPathComponent("full.mp4")
        try await Renderer(assets: fixtures.folder).render(state, to: full)
        let scores = try await FrameMeasure.psnrPerFrame(output, full)
        let worst = try #require(scores.min())
        #expect(worst >= 35, "worst frame \(worst) dB")
    }

    @Test("a segment's captions are only the events shown during it, with their times on the whole timeline")
    func captionWindow() throws {
        let script = """
            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
            Dialogue: 0,0:00:00.50,0:00:02.00,S0,,0,0,10,,{\\an2}first, with a comma
            Dialogue: 0,0:00:03.00,0:01:04.00,S0,,0,0,10,,second
            """
        let first = try #require(SubtitleWindow.events(of: script, from: 0, to: 1))
        #expect(first.contains("first, with a comma") && !first.contains("second") && first.hasPrefix("[Events]"))
        #expect(SubtitleWindow.events(of: script, from: 2.1, to: 2.9) == nil)
        #expect(SubtitleWindow.events(of: script, from: 63.9, to: 70)?.contains("second") == true)
        // A frame that starts on an event's last centisecond still gets it.
        #expect(SubtitleWindow.events(of: script, from: 2.0, to: 2.5)?.contains("first") == true)
    }

    /// The fixture timeline with a last clip whose picture changes every frame, so a frame shown one step early or
    /// late at a join cannot pass for the right one.
    static func movingTimeline(_ fixtures: MediaFixtures) async throws -> EditorState {
        var state = try await fixtures.timeline()
        state.clips[2].asset = try await fixtures.clip("testsrc", seconds: 3)
        return state
    }
}
