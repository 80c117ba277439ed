import Foundation
import PixoraCore
import PixoraMedia
import Testing

/// Captions and overlays drawn alone on a black picture, then found again in the rendered frames by their bright
/// pixels: they must stay inside the safe area of the frame's shape, whatever the text.
@Suite("Safe areas on rendered frames", .serialized)
struct SafeAreaRenderTests {
    static let long = "Pneumonoultramicroscopicsilicovolcanoconiosis"

    @Test(
        "a caption and an overlay with very long words stay above the bottom band and inside the frame",
        arguments: [(360, 640), (640, 360)])
    func staysInside(width: Int, height: Int) async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let clip = try await fixtures.clip("color", seconds: 3, width: width, height: height)
        let canvas = Canvas(width: width, height: height, fps: 30)
        var state = EditorState(
            title: "safe", canvas: canvas, clips: [Clip(id: "c", sceneId: nil, asset: clip, duration: 3)],
            transitions: [],
            captions: Captions(enabled: true, cues: [Cue(start: 0, end: 1, text: "Say \(Self.long)\(Self.long) now")]),
            overlays: [
                // Asked for the bottom right corner, where a phone's buttons and the app's caption are.
                TextOverlay(id: "low", text: "\(Self.long)\(Self.long) here", start: 1, end: 2, x: 0.95, y: 0.97)
            ],
            audio: AudioMix(voice: AudioTrack(segments: []), music: AudioTrack(segments: [])))
        state.captions.style.box = false
        let output = fixtures.root.appendingPathComponent("safe.mp4")
        try await Renderer(assets: fixtures.folder).render(state, to: output)

        let safe = SafeArea(canvas)
        let (w, h) = (Double(width), Double(height))
        for time in [0.5, 1.5] {
            let text = try #require(try await MediaCheck.brightExtent(of: output, at: time), "text at \(time) s")
            let what = "\(width)×\(height) at \(time) s: x \(text.minX)–\(text.maxX), y \(text.minY)–\(text.maxY)"
            #expect(Double(text.maxY) <= h * (1 - safe.bottom), "above the bottom band: \(what)")
            #expect(Double(text.minY) >= h * safe.top, "below the top band: \(what)")
            #expect(Double(text.minX) >= w * safe.left - 1 && Double(text.maxX) <= w * (1 - safe.right) + 1, "\(what)")
            // The long words were broken: the text spans more than one line.
            #expect(Double(text.maxY - text.minY) > h * 0.06, "wrapped: \(what)")
        }
    }
}
