/// The one rule for characters in user text that are not text: every boundary that writes user text into another
/// format (SVG, ASS subtitles, file names, mail, logs) cleans it with this first and then applies its own escaping.
///
/// Removed: C0 and C1 control characters (NUL, U+001F and the like make XML parsers reject a whole picture and
/// truncate C strings), DEL, and Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF, the last two of every plane;
/// XML forbids some and no font draws any). Line breaks of every kind (LF, CR, CRLF, NEL, U+2028, U+2029) are one
/// rule too, so no boundary misses the rarer ones. Everything else (emoji, right-to-left text and its marks, long
/// words) is text and is kept; boundaries that must not show bidirectional controls remove them on purpose.
public enum TextSanitizer {
    /// Each line break normalised to `\n`, tabs to spaces, every other control character and noncharacter removed.
    public static func lines(_ text: String) -> String {
        clean(text, lineBreak: "\n")
    }

    /// Text for a place that holds one line: line breaks and tabs become spaces, the rest as in `lines`.
    public static func singleLine(_ text: String) -> String {
        clean(text, lineBreak: " ")
    }

    /// `singleLine` without the controls that reorder text (U+200E/F, U+061C, U+202A–E, U+2066–9), for places
    /// where reordering would let a name pretend to be another (`…gpj.exe` shown as `…exe.jpg`).
    public static func singleLineWithoutBidiControls(_ text: String) -> String {
        String(String.UnicodeScalarView(singleLine(text).unicodeScalars.filter { !isBidiControl($0) }))
    }

    /// A line break of any kind.
    public static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// A character that is never text: a control character (tab and line breaks included) or a noncharacter.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar.properties.isNoncharacterCodePoint
    }

    /// A character that changes the display order of the text around it.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func clean(_ text: String, lineBreak: Unicode.Scalar) -> String {
        var result = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\n" && previousWasCR { continue }
            if isLineBreak(scalar) {
                result.append(lineBreak)
            } else if scalar == "\t" {
                result.append(" ")
            } else if !isControl(scalar) {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
