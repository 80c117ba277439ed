import Foundation
import PixoraCore

/// `Content-Disposition: attachment` for a download named after user text (a video's title).
///
/// A header value must be ASCII without CR/LF, and a file name must not climb folders, hide itself or pretend to
/// another extension. So the name is cleaned once (control characters, bidirectional controls that can show
/// `gpj.exe` as `exe.jpg`, path separators and characters Windows refuses, leading dots, excess length) and sent
/// twice (RFC 6266): `filename="…"` in plain ASCII for old clients, and `filename*=UTF-8''…` (RFC 5987,
/// percent-encoded) with the title as written, emoji and right-to-left scripts included.
enum ContentDisposition {
    /// Longest stem kept, in UTF-8 bytes (file systems allow 255 a name; one Character can hold hundreds).
    static let longestStem = 200

    /// `fileName` is `<title>.<extension>`; an empty or unusable title becomes `fallback`.
    static func attachment(fileName: String, fallback: String = "video") -> String {
        let (stem, ext) = split(fileName)
        let cleanStem = cleaned(stem)
        let unicodeStem = cleanStem.isEmpty ? fallback : cleanStem
        let asciiStem = ascii(unicodeStem)
        let suffix = ext.isEmpty ? "" : "." + ext
        let plain = (asciiStem.isEmpty ? fallback : asciiStem) + suffix
        return "attachment; filename=\"\(plain)\"; filename*=UTF-8''\(percentEncoded(unicodeStem + suffix))"
    }

    /// The stem and an extension of ASCII letters and digits (anything else stays in the stem).
    private static func split(_ name: String) -> (String, String) {
        guard let dot = name.lastIndex(of: ".") else { return (name, "") }
        let ext = name[name.index(after: dot)...]
        guard (1...5).contains(ext.count), ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            return (name, "")
        }
        return (String(name[..<dot]), String(ext))
    }

    private static func cleaned(_ stem: String) -> String {
        let unsafe = Set("/\\:*?\"<>|".unicodeScalars)
        let scalars = TextSanitizer.singleLineWithoutBidiControls(stem).unicodeScalars
            .map { unsafe.contains($0) ? " " : $0 }
        var text = String(String.UnicodeScalarView(scalars))
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while let first = text.first, first == "." || first == " " { text.removeFirst() }
        var bytes = 0
        text = String(
            text.prefix { character in
                bytes += character.utf8.count
                return bytes <= longestStem
            })
        while let last = text.last, last == "." || last == " " { text.removeLast() }
        return text
    }

    /// Letters, digits and a few marks of ASCII (accents dropped: `é` is `e`); runs of anything else become one `_`.
    private static func ascii(_ stem: String) -> String {
        var result = ""
        for scalar in stem.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil).unicodeScalars {
            if isLetterOrDigit(scalar) || " -_.,()'&+".unicodeScalars.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if result.last != "_" {
                result += "_"
            }
        }
        return result.trimmingCharacters(in: CharacterSet(charactersIn: "_ ."))
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }

    /// RFC 5987 `attr-char` kept, every other byte of the UTF-8 as `%XX`.
    private static func percentEncoded(_ text: String) -> String {
        let kept = Set("!#$&+-.^_`|~".utf8)
        var result = ""
        for byte in text.utf8 {
            if isLetterOrDigit(Unicode.Scalar(byte)) || kept.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }
}
