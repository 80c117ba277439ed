import Foundation
import PixoraCore
import PixoraMedia
import Testing

@Suite("WebM export, checked with ffprobe and ffmpeg", .serialized)
struct WebMRenderTests {
    @Test("a timeline renders to WebM with VP9 and Opus at the canvas size, its length and the loudness target")
    func webm() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let state = try await fixtures.timeline()
        let output = fixtures.root.appendingPathComponent("out.webm")
        let thumbnail = fixtures.root.appendingPathComponent("out.jpg")
        let result = try await Renderer(assets: fixtures.folder).render(
            state, to: output, format: .webm, thumbnail: thumbnail)

        let info = try await MediaProbe.probe(output)
        #expect(info.formatName.contains("webm"))
        let video = try #require(info.video)
        #expect(video.codec == "vp9" && video.pixelFormat == "yuv420p")
        #expect(video.width == 360 && video.height == 640)
        #expect(video.frameRate == 30)
        #expect(abs(info.duration - state.duration) <= 1.0 / 30, "duration \(info.duration) vs \(state.duration)")
        let audio = try #require(info.audio)
        #expect(audio.codec == "opus" && audio.sampleRate == 48000 && audio.channels == 2)
        #expect(result.bytes > 10_000)

        let loudness = try await MediaCheck.loudness(of: output)
        #expect(abs(loudness.integrated + 14) <= 1, "integrated \(loudness.integrated) LUFS")
        #expect(loudness.truePeak <= -1.0, "true peak \(loudness.truePeak)")
        #expect(try await MediaCheck.blackStretches(in: output, minimum: 0.5).isEmpty)

        let thumb = try await MediaProbe.probe(thumbnail)
        #expect(thumb.video?.codec == "mjpeg" && thumb.video?.width == 360)
    }

    @Test("MP4 keeps its H.264 and AAC settings; WebM asks for VP9 with row threading and Opus")
    func encoderSettings() throws {
        let state = EditorState(
            title: "t", canvas: Canvas(width: 1280, height: 720, fps: 30),
            clips: [
                Clip(id: "a", sceneId: nil, asset: AssetRef(String(repeating: "a", count: 64) + ".mp4")!, duration: 2)
            ],
            transitions: [], captions: Captions(enabled: false, cues: []),
            audio: AudioMix(voice: AudioTrack(segments: []), music: AudioTrack(segments: [])))
        #expect(Renderer.encoderArguments(state, format: .mp4) == Renderer.encoderArguments(state))
        let webm = Renderer.encoderArguments(state, format: .webm).joined(separator: " ")
        #expect(webm.contains("-c:v libvpx-vp9 -row-mt 1 -crf 32 -b:v 0 -deadline good -cpu-used"))
        #expect(webm.contains("-c:a libopus -b:a 128k -ar 48000 -ac 2"))
        #expect(!webm.contains("faststart"))
    }
}
