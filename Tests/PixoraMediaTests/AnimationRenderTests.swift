import Foundation
import PixoraCore
import PixoraMedia
import Testing

/// Overlay entrances and exits measured on rendered frames: white text on a black picture, found by its bright
/// pixels.
@Suite("Overlay animations on rendered frames", .serialized)
struct AnimationRenderTests {
    /// A 3 s black clip with one overlay from 0.5 to 2.5 s.
    static func render(
        _ fixtures: MediaFixtures, _ animation: OverlayAnimation, text: String = "HELLO", name: String
    ) async throws -> URL {
        let clip = try await fixtures.clip("color", seconds: 3)
        let state = EditorState(
            title: "motion", canvas: Canvas(width: 360, height: 640, fps: 30),
            clips: [Clip(id: "c", sceneId: nil, asset: clip, duration: 3)], transitions: [],
            captions: Captions(enabled: false, cues: []),
            overlays: [
                TextOverlay(id: "t", text: text, start: 0.5, end: 2.5, y: 0.5, animation: animation)
            ],
            audio: AudioMix(voice: AudioTrack(segments: []), music: AudioTrack(segments: [])))
        let output = fixtures.root.appendingPathComponent("\(name).mp4")
        try await Renderer(assets: fixtures.folder).render(state, to: output)
        return output
    }

    /// Sum of the frame's grey levels: on black, proportional to how much text shows and how opaque it is.
    static func light(_ url: URL, at time: Double) async throws -> Double {
        Double(try await FrameMeasure.gray(url, at: time).reduce(0) { $0 + Int($1) })
    }

    static func brightCount(_ url: URL, at time: Double) async throws -> Int {
        try await FrameMeasure.gray(url, at: time).filter { $0 >= 128 }.count
    }

    @Test("a fade-in ramps the text's light over its duration and a fade-out takes it away")
    func fade() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let output = try await Self.render(
            fixtures,
            OverlayAnimation(in: AnimationStep(.fade, duration: 1), out: AnimationStep(.fade, duration: 0.5)),
            name: "fade")
        let full = try await Self.light(output, at: 1.8)
        #expect(full > 0)
        // 0.2, 0.5 and 0.8 of the way through the fade-in (frames at 0.7, 1.0, 1.3 s).
        let ramp = [
            try await Self.light(output, at: 0.7), try await Self.light(output, at: 1.0),
            try await Self.light(output, at: 1.3),
        ].map { $0 / full }
        for (fraction, expected) in zip(ramp, [0.2, 0.5, 0.8]) {
            #expect(abs(fraction - expected) < 0.12, "ramp \(ramp)")
        }
        #expect(try await Self.light(output, at: 0.4) == 0, "nothing before the overlay starts")
        let leaving = try await Self.light(output, at: 2.25) / full
        #expect(abs(leaving - 0.5) < 0.15, "half-way through the fade-out: \(leaving)")
    }

    @Test("slide-up moves the text's box up into place; slide-left moves it left")
    func slides() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let up = try await Self.render(fixtures, OverlayAnimation(in: AnimationStep(.slideUp, duration: 1)), name: "up")
        var tops: [Int] = []
        for time in [0.7, 1.0, 1.3, 1.8] {
            tops.append(try #require(try await MediaCheck.brightExtent(of: up, at: time, threshold: 60)).minY)
        }
        #expect(tops[0] > tops[1] && tops[1] > tops[2] && tops[2] > tops[3], "tops \(tops)")
        // It starts 6% of the height (38 px) below its place and ends there.
        #expect(abs(Double(tops[0] - tops[3]) - 0.8 * 38) < 8, "tops \(tops)")

        let left = try await Self.render(
            fixtures, OverlayAnimation(out: AnimationStep(.slideLeft, duration: 1)), name: "left")
        var lefts: [Int] = []
        for time in [1.2, 1.7, 1.9, 2.1] {
            lefts.append(try #require(try await MediaCheck.brightExtent(of: left, at: time, threshold: 60)).minX)
        }
        #expect(lefts[0] > lefts[1] && lefts[1] > lefts[2] && lefts[2] > lefts[3], "lefts \(lefts)")
    }

    @Test("typewriter reveals more text over time from a fixed left edge; pop grows the text")
    func typewriterAndPop() async throws {
        let fixtures = try MediaFixtures()
        defer { fixtures.remove() }
        let typed = try await Self.render(
            fixtures, OverlayAnimation(in: AnimationStep(.typewriter, duration: 1.2)), text: "ABCDEFGH", name: "typed")
        var counts: [Int] = []
        var extents: [(minX: Int, maxX: Int)] = []
        for time in [0.7, 1.0, 1.3, 2.0] {
            counts.append(try await Self.brightCount(typed, at: time))
            let box = try #require(try await MediaCheck.brightExtent(of: typed, at: time))
            extents.append((box.minX, box.maxX))
        }
        #expect(counts[0] > 0 && counts[0] < counts[1] && counts[1] < counts[2] && counts[2] < counts[3], "\(counts)")
        #expect(extents.allSatisfy { abs($0.minX - extents[3].minX) <= 2 }, "left edge stays: \(extents)")
        #expect(extents[0].maxX < extents[1].maxX && extents[1].maxX < extents[2].maxX, "\(extents)")

        let pop = try await Self.render(fixtures, OverlayAnimation(in: AnimationStep(.pop, duration: 1)), name: "pop")
        let small = try #require(try await MediaCheck.brightExtent(of: pop, at: 0.7))
        let settled = try #require(try await MediaCheck.brightExtent(of: pop, at: 1.8))
        #expect(small.maxX - small.minX < (settled.maxX - settled.minX) / 2, "\(small) then \(settled)")
    }

    @Test("the script keeps escapes whole while typing and cuts the overlay into entrance, hold and exit")
    func script() throws {
        let canvas = Canvas(width: 360, height: 640, fps: 30)
        let state = EditorState(
            title: "s", canvas: canvas,
            clips: [
                Clip(id: "c", sceneId: nil, asset: AssetRef(String(repeating: "a", count: 64) + ".mp4")!, duration: 3)
            ],
            transitions: [], captions: Captions(enabled: false, cues: []),
            overlays: [
                TextOverlay(
                    id: "t", text: "{x}", start: 0, end: 3,
                    animation: OverlayAnimation(
                        in: AnimationStep(.typewriter, duration: 0.3), out: AnimationStep(.fade, duration: 0.5)))
            ],
            audio: AudioMix(voice: AudioTrack(segments: []), music: AudioTrack(segments: [])))
        let lines = SubtitleDocument(state: state).text.split(separator: "\n").filter { $0.hasPrefix("Dialogue:") }
        #expect(lines.count == 5, "\(lines)")
        #expect(lines[0].hasSuffix("}\\{{\\alpha&HFF&}x\\}"), "\(lines[0])")
        #expect(lines[1].hasSuffix("}\\{x{\\alpha&HFF&}\\}"), "\(lines[1])")
        #expect(lines[2].contains("0:00:00.20,0:00:00.30") && lines[2].hasSuffix("}\\{x\\}"), "\(lines[2])")
        #expect(lines[3].contains("0:00:00.30,0:00:02.50"), "\(lines[3])")
        #expect(lines[4].contains("0:00:02.50,0:00:03.00") && lines[4].contains("\\fad(0,500)"), "\(lines[4])")
    }
}
