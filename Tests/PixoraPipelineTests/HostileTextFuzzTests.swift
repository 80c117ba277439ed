import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia
import Testing

@testable import PixoraPipeline

/// Seeded random Unicode text with something from every kind that breaks formats in each string: a control
/// character (C0, C1, DEL or a noncharacter), a line break of some kind, markup (quotes, backslashes, ffmpeg's
/// `%{…}` and `:;,[]`, ASS override tags, XML specials, a combining mark on `<` or `"`), a bidirectional mark or
/// right-to-left word, an emoji or another script, scalars drawn from all of Unicode, and a long word; then more
/// pieces of any kind, all in a seeded order. The same seed always gives the same text.
struct HostileText {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed, label: "hostile-text") }

    static let lineBreaks = ["\r\n", "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}", "\u{B}", "\u{C}"]
    static let markup = [
        "\"", "'", "\\", "\\\\", "%{title}", "%{pts\\:hms}", ":", ";", ",", "[", "]", "[0:v]", "=", "'\\''",
        "{\\pos(0,0)}", "{\\c&H0000FF&}", "\\N", "{", "}", "<", ">", "&", "&amp;", "<\u{301}", "\"\u{301}", "{\u{301}",
        "]]>", "<!--", "\u{1B}[31m",
    ]
    static let bidi = ["\u{200F}", "\u{202E}", "\u{202C}", "\u{2066}", "\u{200B}", "\u{FEFF}", "שלום", "مرحبا بالعالم"]
    static let scripts = ["🐝", "👩‍👩‍👧", "🏳️‍🌈", "1️⃣", "e\u{301}\u{302}\u{303}", "漢字", "honey", "bees", "night"]

    mutating func control() -> String {
        let scalars: [UInt32] = Array(0x00...0x1F) + Array(0x7F...0x9F) + [0xFFFE, 0xFFFF, 0xFDD0, 0x10FFFF]
        return String(Unicode.Scalar(random.pick(scalars))!)
    }

    /// Scalars from anywhere in Unicode (surrogates, which a Swift String cannot hold, are skipped).
    mutating func scalars(_ count: Int) -> String {
        var text = String.UnicodeScalarView()
        while text.count < count {
            if let scalar = Unicode.Scalar(UInt32(random.next() % 0x110000)) { text.append(scalar) }
        }
        return String(text)
    }

    mutating func longWord(_ length: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return String((0..<length).map { _ in random.pick(letters) })
    }

    mutating func piece(kind: Int, longestWord: Int) -> String {
        switch kind {
        case 0: control()
        case 1: random.pick(Self.lineBreaks)
        case 2: random.pick(Self.markup)
        case 3: random.pick(Self.bidi)
        case 4: random.pick(Self.scripts)
        case 5: scalars(3)
        default: longWord(longestWord)
        }
    }

    /// One piece of every kind and `extra` more, shuffled, joined by spaces or run together.
    mutating func text(extra: Int, longestWord: Int = 300) -> String {
        var kinds = Array(0...6) + (0..<extra).map { _ in Int(random.next() % 6) }
        for index in kinds.indices.reversed() where index > 0 {
            kinds.swapAt(index, Int(random.next() % UInt64(index + 1)))
        }
        var text = ""
        for (index, kind) in kinds.enumerated() {
            if index > 0 && random.next() % 3 != 0 { text += " " }
            text += piece(kind: kind, longestWord: longestWord)
        }
        return text
    }
}

/// Plan → assets → EditorState → MP4 with random hostile text in every text field of the plan and in an overlay.
/// Every run must give a playable video of the timeline's length: no SVG that rsvg refuses, no subtitle script that
/// libass misreads, no filtergraph that ffmpeg cannot parse. Narration words are at most 40 letters, because flite
/// reads a 300-letter word for 25–45 s; 300-letter words go everywhere else (title, visual, key phrase, overlay).
@Suite("Hostile text through the whole chain (seeded fuzz)", .serialized)
struct HostileTextFuzzTests {
    static func plan(seed: UInt64) -> Plan {
        var text = HostileText(seed: seed)
        var random = SeededRandom(seed: seed, label: "hostile-plan")
        let count = 1 + Int(random.next() % 2)
        let moods = Mood.allCases
        let scenes = (0..<count).map { index in
            PlanScene(
                id: "s\(index + 1)", narration: "Bees " + text.text(extra: 3, longestWord: 40),
                visual: "a honeybee " + text.text(extra: 2), keyPhrase: text.text(extra: 2), mood: random.pick(moods),
                duration: 3 + random.unit(0...1), musicGroup: 0, transition: Transition(kind: .fade, duration: 0.5))
        }
        let settings = Settings(
            aspectRatio: seed % 2 == 0 ? .landscape : .vertical, durationSeconds: 6,
            style: random.pick(VisualStyle.allCases), quality: .p480, seed: seed)
        return Plan(
            title: "T " + text.text(extra: 1), summary: text.text(extra: 1),
            script: scenes.map(\.narration).joined(separator: " "), prompt: text.text(extra: 2), settings: settings,
            scenes: scenes)
    }

    @Test(
        "random hostile text in the plan and an overlay still makes a playable MP4 of the right length",
        arguments: [UInt64(1), 2, 3])
    func makesVideo(seed: UInt64) async throws {
        let plan = Self.plan(seed: seed)
        #expect(plan.validate().isEmpty)
        let workspace = try Workspace()
        defer { workspace.remove() }
        let pipeline = VideoPipeline(store: workspace.store)
        let assets = try await pipeline.produceAssets(for: plan)
        var state = Assembler.editorState(plan: plan, assets: assets)
        var text = HostileText(seed: seed &+ 100)
        // An overlay holds at most 300 code points (as JSON Schema counts), so its text is cut to fit that.
        var overlay = ""
        for character in "x " + text.text(extra: 4) {
            guard overlay.codePointCount + character.unicodeScalars.count <= 300 else { break }
            overlay.append(character)
        }
        state.overlays.append(TextOverlay(id: "hostile", text: overlay, start: 0, end: state.duration))
        #expect(state.validate().isEmpty, "\(state.validate())")

        let output = workspace.root.appendingPathComponent("hostile.mp4")
        try await Renderer(assets: workspace.store).render(state, to: output)
        let info = try await MediaProbe.probe(output)
        let canvas = plan.settings.canvas
        #expect(info.video?.width == canvas.width && info.video?.height == canvas.height)
        #expect(info.audio != nil)
        let duration = info.duration
        #expect(abs(duration - state.duration) <= 1.0 / 30 + 0.05, "duration \(duration) vs \(state.duration)")
    }

    @Test("the generator is seeded: the same seed gives the same plan, another seed another")
    func seeded() {
        #expect(Self.plan(seed: 7) == Self.plan(seed: 7))
        #expect(Self.plan(seed: 7) != Self.plan(seed: 8))
    }
}
