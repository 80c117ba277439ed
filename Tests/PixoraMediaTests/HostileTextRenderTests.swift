import Foundation
import PixoraCore
import Testing

@testable import PixoraMedia

/// User text in the two places the renderer writes it: the ASS script libass reads, and the filtergraph that names
/// the script's file. Each test fails if its escaping is removed: the assertions are on the written text and, where
/// only a real run can tell, on the pixels ffmpeg and libass produce.
@Suite("Hostile text in subtitles and filtergraphs", .serialized)
struct HostileTextRenderTests {
    static let canvas = Canvas(width: 320, height: 240, fps: 10)

    static func state(overlay text: String, size: Double = 0.08) -> EditorState {
        let clip = AssetRef(String(repeating: "a", count: 64) + ".mp4")!
        return EditorState(
            title: "t", canvas: canvas, clips: [Clip(id: "c", sceneId: nil, asset: clip, duration: 1)],
            transitions: [], captions: Captions(enabled: false, cues: []),
            overlays: [
                TextOverlay(id: "t", text: text, start: 0, end: 1, x: 0.5, y: 0.5, style: TextStyle(size: size))
            ],
            audio: AudioMix(voice: AudioTrack(segments: []), music: AudioTrack(segments: [])))
    }

    /// The Dialogue lines of a script.
    static func dialogues(_ script: String) -> [String] {
        script.components(separatedBy: "\n").filter { $0.hasPrefix("Dialogue:") }
    }

    @Test("override tags, escapes and line breaks in user text stay literal text in the ASS script")
    func scriptKeepsTextLiteral() throws {
        let typed =
            "{\\pos(0,0)}a\\Nb\\h{\u{301}\\c&H0000FF&}"
            + "\rDialogue: 9,0:00:00.00,9:00:00.00,S0,,0,0,0,,forged\u{0}\u{1F}\u{2028}z"
        // Small type: the forged line's 40-character "word" fits a line, so no break is added to it.
        let script = SubtitleDocument(state: Self.state(overlay: typed, size: 0.02)).text
        let lines = Self.dialogues(script)
        try #require(lines.count == 1, "a line break in user text forged a Dialogue line: \(lines)")
        let text = try #require(lines[0].components(separatedBy: "{\\an5\\pos(160,120)}").last)
        #expect(
            text == "\\{\\\u{2060}pos(0,0)\\}a\\\u{2060}Nb\\\u{2060}h\\{\u{301}\\\u{2060}c&H0000FF&\\}\\N"
                + "Dialogue: 9,0:00:00.00,9:00:00.00,S0,,0,0,0,,forged\\Nz")
        #expect(!script.unicodeScalars.contains { TextSanitizer.isControl($0) && $0 != "\n" })
        #expect(!script.contains("\r"))
    }

    @Test("a word wider than the frame is broken with spaces so libass can wrap it; emoji stay whole")
    func longWordsBreak() {
        let word = String(repeating: "m", count: 300)
        let escaped = SubtitleText.escaped(word + " 👩‍👩‍👧👩‍👩‍👧", lineWidth: 10)
        let pieces = escaped.split(separator: " ")
        #expect(pieces.count > 20)
        #expect(pieces.allSatisfy { $0.count <= 14 })
        #expect(escaped.contains("👩‍👩‍👧"))
        #expect(SubtitleText.escaped("short words stay", lineWidth: 10) == "short words stay")
    }

    @Test("a file name with quotes, colons, brackets, commas, semicolons, backslashes and spaces survives both levels")
    func filterArgumentEscaping() {
        #expect(FilterArgument.escaped("/tmp/plain/text.ass") == "/tmp/plain/text.ass")
        #expect(FilterArgument.escaped("a:b") == "a\\\\:b")
        #expect(FilterArgument.escaped("it's") == "it\\\\\\'s")
        #expect(FilterArgument.escaped("[x],y;z") == "\\[x\\]\\,y\\;z")
        #expect(FilterArgument.escaped("a\\b") == "a\\\\\\\\b")
        let builder = RenderGraphBuilder(
            state: Self.state(overlay: "x"), clipPaths: ["/a/0.mp4"], voicePaths: [], musicPaths: [],
            subtitlePath: "/w/it's: [a], b;c/text.ass", fontsDirectory: "/fonts")
        #expect(
            builder.graph(loudness: .none).filter.contains(
                "subtitles=filename=/w/it\\\\\\'s\\\\:\\\\\\ \\[a\\]\\,\\\\\\ b\\;c/text.ass:fontsdir=/fonts,"))
    }

    @Test("ffmpeg finds the script in a hostile folder, and libass draws injected override tags as text")
    func burnsInLiterally() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-hostile-\(UUID().uuidString)")
        let folder = root.appendingPathComponent(" it's: a [test], ok; \\ =x\t")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }

        // Escaped, the tag is four grey-white words; read as a tag, it would paint them red.
        let injected = "{\\c&H0000FF&}XXXX"
        let literal = try await Self.pixels(Self.state(overlay: injected), in: folder)
        #expect(literal.red == 0, "an override tag in user text was applied")
        #expect(literal.white > 200, "the script was not drawn")

        // A 300-letter word at a large size: broken, it wraps inside the frame; unbroken, it would run off both sides.
        let word = String(repeating: "m", count: 300)
        let long = try await Self.pixels(Self.state(overlay: word, size: 0.1), in: folder)
        #expect(long.white > 200)
        #expect(long.edge == 0, "text reached the frame's left or right edge")
    }

    /// Red, white and edge-column pixel counts of one frame with `state`'s text burnt over black.
    static func pixels(_ state: EditorState, in folder: URL) async throws -> (red: Int, white: Int, edge: Int) {
        let script = folder.appendingPathComponent("text.ass")
        try Data(SubtitleDocument(state: state).text.utf8).write(to: script)
        let frame = folder.appendingPathComponent("frame.rgb")
        let filter =
            "subtitles=filename=\(FilterArgument.escaped(script.path)):fontsdir="
            + "\(FilterArgument.escaped(try SystemFile.fontsDirectory.locate())),format=rgb24"
        try await ToolRunner.run(
            .ffmpeg,
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", "color=black:s=\(canvas.width)x\(canvas.height):d=1", "-vf", filter, "-frames:v", "1",
                "-f", "rawvideo", frame.path,
            ])
        let bytes = [UInt8](try Data(contentsOf: frame))
        var (red, white, edge) = (0, 0, 0)
        for index in stride(from: 0, to: bytes.count - 2, by: 3) {
            let (r, g, b) = (Int(bytes[index]), Int(bytes[index + 1]), Int(bytes[index + 2]))
            if r > 150 && g < 80 && b < 80 { red += 1 }
            if min(r, g, b) > 150 { white += 1 }
            let column = (index / 3) % canvas.width
            if (column < 2 || column >= canvas.width - 2) && max(r, g, b) > 60 { edge += 1 }
        }
        return (red, white, edge)
    }
}
