import Foundation
import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraGenerators

@Suite("Hero look and start/end frames in the procedural image generator")
struct HeroLookTests {
    let generator = ProceduralImageGenerator()
    static let settings = Settings(style: .cinematic, tone: .informative, seed: 4)
    static let look = HeroLook.derive(topic: "how bees make honey", settings: settings, variation: 0)

    static func scene(
        _ visual: String, mood: Mood = .warm, style: VisualStyle = .pastel, look: HeroLook? = HeroLookTests.look,
        frame: FrameMoment? = nil, seed: UInt64 = 9
    ) -> ImageRequest {
        ImageRequest(
            visual: visual, keyPhrase: "Nectar to honey", mood: mood, style: style, width: 640, height: 360, seed: seed,
            look: look, frame: frame)
    }

    /// Renders each request into a scratch folder and measures its colours and grey-scale thumbnail.
    func measured(_ requests: [ImageRequest]) async throws -> [(colours: PictureColours, grey: [UInt8])] {
        let folder = try ImageGeneratorTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var results: [(PictureColours, [UInt8])] = []
        for (index, request) in requests.enumerated() {
            let output = folder.appendingPathComponent("\(index).png")
            try await generator.makeImage(request, to: output)
            results.append(
                (try await PictureColours(contentsOf: output), try await MediaCheck.thumbnailPixels(of: output, at: 0)))
        }
        return results
    }

    @Test("a request without a look or frame keeps the content key it had before either existed")
    func lookLessKeysUnchanged() throws {
        /// ImageRequest as it was encoded before the studio added `look` and `frame`.
        struct Before: Encodable {
            var visual = "bees on a honeycomb"
            var keyPhrase = "Busy bees"
            var mood = Mood.warm
            var style = VisualStyle.retro
            var width = 1280
            var height = 720
            var seed: UInt64 = 3
        }
        let now = ImageRequest(
            visual: "bees on a honeycomb", keyPhrase: "Busy bees", mood: .warm, style: .retro, width: 1280,
            height: 720, seed: 3)
        let encoded = String(decoding: try CanonicalJSON.encode(now), as: UTF8.self)
        #expect(!encoded.contains("look") && !encoded.contains("frame"))
        #expect(encoded == String(decoding: try CanonicalJSON.encode(Before()), as: UTF8.self))
        let key = { (inputs: any Encodable) in
            try ContentKey(generator: generator.id, version: generator.version, inputs: inputs)
        }
        #expect(try key(now) == key(Before()))
        var withLook = now
        withLook.look = Self.look
        var endFrame = now
        endFrame.frame = .end
        #expect(try Set([key(now), key(withLook), key(endFrame)]).count == 3)
    }

    @Test("derived looks are deterministic, valid, name the topic's subject and differ by variation")
    func derivedCandidates() {
        let candidates = (0..<4).map {
            HeroLook.derive(topic: "how bees make honey", settings: Self.settings, variation: $0)
        }
        #expect(candidates[0] == HeroLook.derive(topic: "how bees make honey", settings: Self.settings, variation: 0))
        for look in candidates {
            #expect(look.validate().isEmpty, "\(look.validate())")
            #expect(look.motif == "bee")
            #expect(look.style == .cinematic)
        }
        #expect(Set(candidates.map(\.palette)).count == 4)
        #expect(Set(candidates.map(\.seed)).count == 4)
        #expect(
            HeroLook.derive(topic: "Quarterly zeitgeist synergy", settings: Self.settings, variation: 0).motif
                == "quarterly")
    }

    @Test("a look fixes style and subject: its motif leads every picture and its style replaces the scene's")
    func lookFixesStyleAndSubject() {
        let city = Self.scene("a glowing city skyline at night", style: .pastel)
        let svg = generator.svg(for: city)
        #expect(svg.contains("motif-bee\""))
        #expect(svg.contains("motif-city\""))
        #expect(svg.contains("id=\"motif-shadow\"") && svg.contains("disc-glow"), "cinematic finish expected")
        var lookLess = city
        lookLess.look = nil
        #expect(!generator.svg(for: lookLess).contains("motif-bee\""))
        #expect(generator.svg(for: Self.scene("bees", frame: .start)) == generator.svg(for: Self.scene("bees")))
    }

    @Test("two scenes in one look share their dominant colours, even in opposite moods; another look does not")
    func lookSharesColours() async throws {
        let other = HeroLook.derive(topic: "how bees make honey", settings: Self.settings, variation: 1)
        let pictures = try await measured([
            Self.scene("bees collecting nectar in a sunny meadow", mood: .calm),
            Self.scene("a beekeeper opens the hive beside a quiet forest", mood: .dramatic, seed: 2),
            Self.scene("a beekeeper opens the hive beside a quiet forest", mood: .dramatic, look: other, seed: 2),
        ])
        let same = pictures[0].colours.overlap(with: pictures[1].colours)
        let different = pictures[1].colours.overlap(with: pictures[2].colours)
        let sameDistance = pictures[0].colours.meanDistance(to: pictures[1].colours)
        let differentDistance = pictures[1].colours.meanDistance(to: pictures[2].colours)
        print("look colours: same \(same) / \(sameDistance), different \(different) / \(differentDistance)")
        #expect(same > 0.75, "same look, colour overlap \(same)")
        #expect(different < 0.65 && same - different > 0.2, "different looks, colour overlap \(different)")
        #expect(sameDistance < 25, "same look, mean colours \(sameDistance) apart")
        #expect(differentDistance > 28, "different looks, mean colours only \(differentDistance) apart")
    }

    @Test("hero variations differ visibly in colour and composition")
    func variationsDiffer() async throws {
        let requests = (0..<3).map { variation in
            let look = HeroLook.derive(topic: "how bees make honey", settings: Self.settings, variation: variation)
            return Self.scene("how bees make honey", look: look, seed: look.seed)
        }
        let pictures = try await measured(requests)
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            let overlap = pictures[a].colours.overlap(with: pictures[b].colours)
            let distance = pictures[a].colours.meanDistance(to: pictures[b].colours)
            let difference = MediaCheck.difference(pictures[a].grey, pictures[b].grey)
            print("variations \(a)/\(b): colour overlap \(overlap), mean distance \(distance), grey \(difference)")
            #expect(overlap < 0.7, "variations \(a) and \(b) share \(overlap) of their colours")
            #expect(distance > 20, "variations \(a) and \(b): mean colours only \(distance) apart")
            #expect(difference > 10, "variations \(a) and \(b) differ by only \(difference) of 255")
        }
    }

    @Test(
        "an end frame keeps the start frame's palette but moves the composition",
        arguments: [(640, 360), (360, 640), (480, 480)], [VisualStyle.cinematic, .minimal, .retro])
    func endFrameMoves(size: (width: Int, height: Int), style: VisualStyle) async throws {
        var look = Self.look
        look.style = style
        var start = Self.scene("bees collecting nectar in a sunny meadow", look: look, frame: .start)
        start.width = size.width
        start.height = size.height
        var end = start
        end.frame = .end
        let pictures = try await measured([start, end])
        let overlap = pictures[0].colours.overlap(with: pictures[1].colours)
        let distance = pictures[0].colours.meanDistance(to: pictures[1].colours)
        let moved = MediaCheck.difference(pictures[0].grey, pictures[1].grey)
        print("start/end \(size) \(style): overlap \(overlap), mean distance \(distance), grey difference \(moved)")
        #expect(overlap > 0.7, "start and end share only \(overlap) of their colours")
        #expect(distance < 20, "mean colours \(distance) apart")
        #expect(moved > 4, "the end frame differs from the start by only \(moved) of 255: no motion to morph")
    }

    @Test(
        "an end frame's hero stays in the frame and moves away from the title",
        arguments: [(1280.0, 720.0), (720.0, 1280.0), (720.0, 720.0)])
    func endHeroClearOfTitle(size: (width: Double, height: Double)) {
        for style in VisualStyle.allCases {
            for mirrored in [false, true] {
                let layout = IllustrationLayout(
                    width: size.width, height: size.height, style: style, mirrored: mirrored)
                let (centre, grown) = LaterMoment.hero(at: layout.hero, size: layout.heroSize, layout: layout)
                let box = CanvasBox(centre: centre, size: grown)
                #expect(
                    box.x >= 0 && box.y >= 0 && box.maxX <= size.width && box.maxY <= size.height, "\(size) \(style)")
                let title = CanvasPoint(x: layout.titleBox.midX, y: layout.titleBox.midY)
                let distance = { (point: CanvasPoint) in hypot(point.x - title.x, point.y - title.y) }
                #expect(distance(centre) > distance(layout.hero) + 0.05 * layout.unit, "\(size) \(style) \(mirrored)")
                #expect(grown > layout.heroSize * 1.1)
            }
        }
    }

    @Test("with a look, the key phrase side reported for composites is the side the picture draws it on")
    func keyPhraseSideFollowsLook() {
        var sides: Set<KeyPhraseSide> = []
        for variation in 0..<6 {
            let look = HeroLook.derive(topic: "how bees make honey", settings: Self.settings, variation: variation)
            let request = Self.scene("bees in a meadow", look: look, seed: UInt64(variation))
            let anchor = generator.svg(for: request).contains("text-anchor=\"start\"") ? KeyPhraseSide.left : .right
            #expect(generator.keyPhraseSide(for: request) == anchor, "variation \(variation)")
            sides.insert(anchor)
        }
        #expect(sides.count == 2, "every variation put the title on one side, so the check proves little")
    }
}
