import Foundation
import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraGenerators

@Suite("Procedural image generator")
struct ImageGeneratorTests {
    let generator = ProceduralImageGenerator()

    static func request(
        _ visual: String, phrase: String = "Busy bees make honey", mood: Mood = .warm, style: VisualStyle = .pastel,
        width: Int = 720, height: Int = 1280, seed: UInt64 = 7
    ) -> ImageRequest {
        ImageRequest(
            visual: visual, keyPhrase: phrase, mood: mood, style: style, width: width, height: height, seed: seed)
    }

    static let bees = request("A honeybee collecting nectar beside a golden honeycomb in a sunny meadow")
    static let city = request(
        "A glowing city skyline at night with tall buildings", phrase: "The city never sleeps", mood: .mysterious,
        style: .cinematic)

    @Test("the same request gives the same SVG, from any generator value")
    func deterministic() {
        let first = generator.svg(for: Self.bees)
        #expect(first == ProceduralImageGenerator().svg(for: Self.bees))
        #expect(first != generator.svg(for: Self.request(Self.bees.visual, seed: 8)))
    }

    @Test("a bee and honey visual draws the bee and the honeycomb; a city visual draws neither")
    func motifsFollowTheWords() {
        let bees = generator.svg(for: Self.bees)
        #expect(bees.contains("motif-bee\""))
        #expect(bees.contains("motif-honeycomb\""))
        let city = generator.svg(for: Self.city)
        #expect(city.contains("motif-city\""))
        #expect(!city.contains("motif-bee\""))
        #expect(!city.contains("motif-honeycomb\""))
    }

    @Test("plural and -ing forms of a keyword find its motif")
    func inflectedWords() {
        let visual = "Cities full of rockets, leaves and puppies; cooking"
        #expect(Motif.matches(in: visual) == [.city, .rocket, .leaf, .dog, .apple])
        let svg = generator.svg(for: Self.request(visual))
        for motif in ["city", "rocket", "leaf"] {
            #expect(svg.contains("motif-\(motif)\""), "missing \(motif)")
        }
        #expect(!svg.contains("motif-dog\""), "at most three motifs are drawn")
    }

    @Test("every motif has artwork, and its first keyword finds it and nothing else")
    func motifLibrary() {
        #expect(Motif.allCases.count >= 30)
        let palette = MoodPalette(mood: .calm, style: .vibrant)
        for motif in Motif.allCases {
            #expect(Motif.matches(in: "A \(motif.keywords[0]) here") == [motif], "\(motif)")
            #expect(motif.art(MotifPaint(palette: palette, idPrefix: "m")).count > 100, "\(motif) has no artwork")
        }
    }

    @Test("a sky word gives the hero's place to the subject of the scene")
    func subjectLeads() {
        #expect(Motif.matches(in: "Bees and honey at sunset under the first stars") == [.bee, .honeycomb, .sun, .star])
        #expect(Motif.matches(in: "A sunny day") == [.sun])
    }

    @Test("words that name no motif still get a composed focal point")
    func unmatchedWords() {
        let svg = generator.svg(for: Self.request("Quarterly zeitgeist synergy", style: .vibrant))
        #expect(!svg.contains("class=\"motif "))
        #expect(svg.contains("class=\"emblem\""))
    }

    @Test("the key phrase is escaped, never written raw")
    func escapedKeyPhrase() {
        let svg = generator.svg(
            for: Self.request("a cup of coffee", phrase: "Tea & <\"Biscuits\"> 'now'", style: .pastel))
        #expect(svg.contains("<title>Tea &amp; &lt;&quot;Biscuits&quot;&gt; &apos;now&apos;</title>"))
        #expect(svg.contains("&amp;"))
        #expect(!svg.contains("<\"Biscuits\">"))
        #expect(!svg.contains("& <"))
    }

    @Test(
        "the title stays inside the frame and above the caption area",
        arguments: [(1280, 720), (720, 1280), (720, 720)], VisualStyle.allCases)
    func titleStaysInSafeArea(size: (width: Int, height: Int), style: VisualStyle) {
        let phrase = "An unusually long key phrase that has to wrap over several lines to fit"
        let svg = generator.svg(
            for: Self.request(
                "mountain path at sunrise", phrase: phrase, style: style, width: size.width, height: size.height))
        let baselines = Self.titleBaselines(in: svg)
        #expect(!baselines.isEmpty)
        #expect((1...3).contains(baselines.count))
        for (x, y) in baselines {
            #expect(y < Double(size.height) * 0.72, "baseline \(y) too low for \(size)")
            #expect(y > 0)
            #expect((0...Double(size.width)).contains(x))
        }
    }

    @Test(
        "each canvas shape renders a PNG of exactly its size and leaves no temporary files",
        arguments: [(720, 1280), (1280, 720), (1080, 1080)])
    func exactSize(size: (width: Int, height: Int)) async throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("scene.png")
        let request = Self.request(Self.bees.visual, style: .retro, width: size.width, height: size.height)
        try await generator.makeImage(request, to: output)
        let probe = try await ToolRunner.run(
            .ffprobe,
            [
                "-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0:s=x",
                output.path,
            ])
        #expect(probe.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "\(size.width)x\(size.height)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["scene.png"])
    }

    @Test(
        "the title box keeps 10 % margins, the most Ken Burns motion can crop, and long phrases fit inside it",
        arguments: [(1280.0, 720.0), (720.0, 1280.0), (720.0, 720.0)])
    func titleInsideKenBurnsCrop(size: (width: Double, height: Double)) {
        for style in VisualStyle.allCases {
            for mirrored in [false, true] {
                let layout = IllustrationLayout(
                    width: size.width, height: size.height, style: style, mirrored: mirrored)
                let box = layout.titleBox
                #expect(
                    box.x >= size.width * 0.1 - 0.001 && box.x + box.width <= size.width * 0.9 + 0.001,
                    "\(size) \(style)")
                #expect(box.y >= size.height * 0.1 - 0.001 && box.y + box.height <= layout.captionTop)
                let range = layout.titleSizeRange
                let title = TitleLayout.fit(
                    "A turning point that changed everything forever", font: TitleFont(style: style), width: box.width,
                    height: box.height, maximumSize: range.maximum, minimumSize: range.minimum)
                #expect(
                    title.lineWidths.allSatisfy { $0 <= box.width + 0.5 },
                    "\(size) \(style): \(title.lineWidths) > \(box.width)")
            }
        }
    }

    @Test("two different scenes give clearly different pictures, even in the same mood and style")
    func scenesDiffer() async throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let laptop = Self.request("A developer writing code on a laptop late at night", phrase: "Ship it tonight")
        var thumbnails: [(name: String, pixels: [UInt8])] = []
        for (name, request) in [("bees", Self.bees), ("laptop", laptop), ("city", Self.city)] {
            let output = directory.appendingPathComponent("\(name).png")
            try await generator.makeImage(request, to: output)
            thumbnails.append((name, try await MediaCheck.thumbnailPixels(of: output, at: 0)))
        }
        for other in thumbnails.dropFirst() {
            let difference = MediaCheck.difference(thumbnails[0].pixels, other.pixels)
            #expect(difference > 25, "mean difference \(difference) of 255 between bees and \(other.name): too alike")
        }
    }

    @Test("a picture is not flat: its brightness spans a wide range")
    func notFlat() async throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("scene.png")
        try await generator.makeImage(Self.request("a calm lake with a boat", mood: .calm, style: .minimal), to: output)
        let pixels = try await MediaCheck.thumbnailPixels(of: output, at: 0)
        let low = try #require(pixels.min())
        let high = try #require(pixels.max())
        #expect(high - low > 120, "brightness spans only \(low)…\(high)")
    }

    @Test(
        "renders example pictures for review",
        .enabled(if: ProcessInfo.processInfo.environment["PIXORA_IMAGE_EXAMPLES"] != nil))
    func examples() async throws {
        let directory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["PIXORA_IMAGE_EXAMPLES"]!)
        let scenes: [(String, ImageRequest)] = [
            ("bees-warm-pastel-9x16", Self.bees),
            (
                "city-mysterious-cinematic-16x9",
                Self.request(
                    Self.city.visual, phrase: Self.city.keyPhrase, mood: .mysterious, style: .cinematic, width: 1280,
                    height: 720)
            ),
            (
                "mountain-uplifting-retro-1x1",
                Self.request(
                    "Hikers on a mountain path toward the summit", phrase: "Every step counts", mood: .uplifting,
                    style: .retro, width: 720, height: 720, seed: 3)
            ),
            (
                "idea-energetic-vibrant-16x9",
                Self.request(
                    "A lightbulb idea with gears and a laptop", phrase: "Ideas become products", mood: .energetic,
                    style: .vibrant, width: 1280, height: 720, seed: 11)
            ),
            (
                "ocean-calm-minimal-9x16",
                Self.request(
                    "A sailboat on the calm ocean", phrase: "Slow down & breathe", mood: .calm, style: .minimal, seed: 5
                )
            ),
            (
                "abstract-dramatic-cinematic-9x16",
                Self.request(
                    "Quarterly results and the road ahead", phrase: "What comes next?", mood: .dramatic,
                    style: .cinematic, seed: 9)
            ),
            (
                "forest-somber-pastel-1x1",
                Self.request(
                    "A quiet forest in the rain", phrase: "Remember them", mood: .somber, style: .pastel, width: 720,
                    height: 720, seed: 2)
            ),
            (
                "space-mysterious-pastel-16x9",
                Self.request(
                    "An astronaut rocket leaving the planet for the stars", phrase: "Reach for the stars",
                    mood: .mysterious, style: .pastel, width: 1280, height: 720, seed: 21)
            ),
            (
                "desert-warm-cinematic-1x1",
                Self.request(
                    "A camel crossing desert dunes at sunset", phrase: "The long road home", mood: .warm,
                    style: .cinematic, width: 720, height: 720, seed: 13)
            ),
            (
                "coffee-calm-retro-16x9",
                Self.request(
                    "Morning coffee and a good book by the window", phrase: "Slow mornings, big ideas", mood: .calm,
                    style: .retro, width: 1280, height: 720, seed: 6)
            ),
            (
                "laptop-warm-pastel-9x16",
                Self.request("A developer writing code on a laptop late at night", phrase: "Ship it tonight")
            ),
            (
                "cat-playful-vibrant-9x16",
                Self.request(
                    "A playful cat and a dog with music", phrase: "Best friends forever", mood: .playful,
                    style: .vibrant, seed: 4)
            ),
        ]
        let gallery = directory.appendingPathComponent("motifs")
        for (index, motif) in Motif.allCases.enumerated() {
            let style = VisualStyle.allCases[index % VisualStyle.allCases.count]
            let mood = Mood.allCases[index % Mood.allCases.count]
            let request = Self.request(
                motif.keywords[0], phrase: motif.rawValue, mood: mood, style: style, width: 360, height: 360)
            try await generator.makeImage(
                request, to: gallery.appendingPathComponent(String(format: "%02d-%@.png", index, motif.rawValue)))
        }
        for (name, request) in scenes {
            try generator.svg(for: request).write(
                to: directory.appendingPathComponent("\(name).svg"), atomically: true, encoding: .utf8)
            let started = ContinuousClock.now
            try await generator.makeImage(request, to: directory.appendingPathComponent("\(name).png"))
            print("\(name): \(ContinuousClock.now - started)")
        }
    }

    /// (x, y) of every line of the title.
    static func titleBaselines(in svg: String) -> [(Double, Double)] {
        guard let start = svg.range(of: "<g class=\"title\">") else { return [] }
        let title = svg[start.upperBound...]
        var found: [(Double, Double)] = []
        var rest = title[...]
        while let text = rest.range(of: "<text x=\"") {
            let afterX = rest[text.upperBound...]
            guard let xEnd = afterX.firstIndex(of: "\""), let yStart = afterX.range(of: "y=\"") else { break }
            let afterY = afterX[yStart.upperBound...]
            guard let yEnd = afterY.firstIndex(of: "\"") else { break }
            let x = Double(afterX[..<xEnd]) ?? -1
            let y = Double(afterY[..<yEnd]) ?? -1
            // Retro draws each line twice, shadow a few pixels off the face; count lines once.
            if !found.contains(where: { abs($0.1 - y) < 12 }) { found.append((x, y)) }
            rest = afterY[yEnd...]
        }
        return found
    }

    static func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pixora-image-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}
