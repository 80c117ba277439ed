import Foundation
import PixoraCore
import PixoraMedia
import Testing

@testable import PixoraGenerators

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Key phrases no planner would write but a user or a language model can: the schemathesis case (U+001F made
/// rsvg-convert reject the picture and the paid job retry), every other control, XML specials, a combining mark
/// on `<` and `"` (one Character each, which a Character-wise escaper misses), RTL text and overrides, emoji, and
/// a 300-letter word.
@Suite("Hostile text in pictures")
struct HostileTextImageTests {
    static let phrase =
        "Bees\u{1F}make\u{0} <honey> & \"wax\" 'n' <\u{301}svg \"\u{301} \u{7}\u{1B}[31m "
        + "\u{85}\u{9F}\u{FFFE}\u{FFFF} \u{202E}gpj.exe \u{200F}שלום مرحبا 👩‍👩‍👧 %{title} :;,[] \\ "
        + String(repeating: "m", count: 300)

    @Test("the SVG is well-formed XML and rsvg-convert renders it, in every style", arguments: VisualStyle.allCases)
    func rendersInEveryStyle(style: VisualStyle) async throws {
        let request = ImageRequest(
            visual: "a honeybee \u{1F} on a <comb> & \"flower\"", keyPhrase: Self.phrase, mood: .warm, style: style,
            width: 320, height: 568, seed: 5)
        let svg = ProceduralImageGenerator().svg(for: request)
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(!svg.unicodeScalars.contains { TextSanitizer.isControl($0) })

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("picture.png")
        try await ProceduralImageGenerator().makeImage(request, to: png)
        let size = try PNGSize(contentsOf: png)
        #expect(size.width == 320 && size.height == 568)
    }

    @Test("XML specials are escaped scalar by scalar, even with a combining mark attached")
    func escapesSpecials() {
        let escaped = SVGMarkup.escaped("<\u{301}a & \"\u{301}b\" '\u{1F}")
        #expect(escaped == "&lt;\u{301}a &amp; &quot;\u{301}b&quot; &apos;")
    }

    @Test("a 300-letter word is cut to the title box instead of overflowing it", arguments: VisualStyle.allCases)
    func longWordFits(style: VisualStyle) {
        let layout = IllustrationLayout(width: 480, height: 854, style: style, mirrored: false)
        let title = TitleBlock(
            phrase: String(repeating: "W", count: 300) + " and more", layout: layout,
            palette: MoodPalette(mood: .calm, style: style), font: TitleFont(style: style)
        ).fitted
        #expect(!title.lines.isEmpty)
        for width in title.lineWidths {
            #expect(width <= layout.titleBox.width + 0.5, "\(width) > \(layout.titleBox.width)")
        }
    }
}
