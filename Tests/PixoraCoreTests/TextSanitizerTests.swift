import PixoraCore
import Testing

@Suite("Text sanitizer: the shared rule for characters that are not text")
struct TextSanitizerTests {
    /// Every C0 control, DEL, every C1 control, and the noncharacters XML and fonts refuse.
    static let controls: [Unicode.Scalar] =
        (0x00...0x1F).map { Unicode.Scalar($0)! } + (0x7F...0x9F).map { Unicode.Scalar($0)! }
        + [0xFFFE, 0xFFFF, 0xFDD0, 0x1FFFE].map { Unicode.Scalar($0)! }

    @Test("no control character or noncharacter survives, and each line break kind becomes one break")
    func controlsGo() {
        let text = "a" + String(String.UnicodeScalarView(Self.controls)) + "b"
        for clean in [TextSanitizer.lines(text), TextSanitizer.singleLine(text)] {
            let left = clean.unicodeScalars.filter { TextSanitizer.isControl($0) && $0 != "\n" }
            #expect(left.isEmpty, "\(clean.debugDescription)")
        }
        #expect(!TextSanitizer.singleLine(text).contains("\n"))
        let breaks = "one\r\ntwo\rthree\nfour\u{85}five\u{2028}six\u{2029}seven"
        #expect(TextSanitizer.lines(breaks) == "one\ntwo\nthree\nfour\nfive\nsix\nseven")
        #expect(TextSanitizer.singleLine("a\r\nb\tc\u{0}d\u{1F}e") == "a b cde")
    }

    @Test("emoji, right-to-left text and its marks, quotes and long words are text and stay")
    func textStays() {
        let marks = "\u{200F}مرحبا\u{202E}abc\u{202C}"
        let text = "👩‍👩‍👧 שלום \(marks) \"q\" 'a' \\ %{x} :;,[] " + String(repeating: "w", count: 300)
        #expect(TextSanitizer.singleLine(text) == text)
        let withoutMarks = text.replacingOccurrences(of: marks, with: "مرحباabc")
        #expect(TextSanitizer.singleLineWithoutBidiControls(text) == withoutMarks)
    }
}
