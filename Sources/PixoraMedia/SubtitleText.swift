import PixoraCore

/// User text as the Text field of an ASS `Dialogue` line: shown exactly as typed, never read as markup.
///
/// libass reads `{…}` as an override block (`{\pos(0,0)}`, `{\c&H0000FF&}`) and `\N`, `\n`, `\h` as breaks and
/// hard spaces. Braces are written as libass's literal escapes `\{` and `\}`; a backslash gets a WORD JOINER
/// (U+2060, drawn as nothing) after it, so it can never pair with the next character into an escape. Everything is
/// done scalar by scalar, because `{` followed by a combining mark is one Swift Character that equals no `{`.
/// Line breaks of every kind become `\N` (a raw one would end the Dialogue line and start a forged one), other
/// control characters go (libass reads C strings: a NUL drops the rest of its line), and as libass wraps only at
/// spaces, a word wider than a line is broken with a space instead of running off the frame.
public enum SubtitleText {
    /// `lineWidth`: the widest line in ems of the style's font size.
    public static func escaped(_ text: String, lineWidth: Double = .infinity) -> String {
        var result = ""
        let lines = TextSanitizer.lines(text).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { result += "\\N" }
            for scalar in brokenWords(String(line), lineWidth: lineWidth).unicodeScalars {
                switch scalar {
                case "{": result += "\\{"
                case "}": result += "\\}"
                case "\\": result += "\\\u{2060}"
                default: result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Breaks words wider than `lineWidth` ems between whole graphemes (an emoji or an accented letter stays whole).
    /// Advances are generous guesses for DejaVu Sans Bold (capitals, `m`, `w`, other scripts and emoji up to 1.1 em,
    /// the rest of ASCII up to 0.7 em), so a broken word fits even when it is all `m`.
    static func brokenWords(_ line: String, lineWidth: Double) -> String {
        var result = ""
        var width = 0.0
        for character in line {
            if character == " " {
                width = 0
            } else {
                let advance = Self.advance(of: character)
                if width > 0 && width + advance > lineWidth {
                    result.append(" ")
                    width = 0
                }
                width += advance
            }
            result.append(character)
        }
        return result
    }

    /// A character's advance in ems, a generous guess (see `brokenWords`).
    static func advance(of character: Character) -> Double {
        character == " " ? 0.4 : character.isASCII && !(character.isUppercase || "mw@%".contains(character)) ? 0.7 : 1.1
    }
}
