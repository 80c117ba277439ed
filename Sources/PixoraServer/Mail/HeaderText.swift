import Foundation
import PixoraCore

/// Header values in the ASCII that RFC 5322 requires: non-ASCII text becomes RFC 2047 encoded words.
enum HeaderText {
    /// Free text such as a subject; line breaks become spaces so they cannot start a new header (the shared rule:
    /// U+2028 and NEL too, and other control characters are dropped).
    static func unstructured(_ text: String) -> String {
        let flat = TextSanitizer.singleLine(text)
        return flat.allSatisfy(\.isASCII) ? flat : encodedWords(flat)
    }

    /// A URL for `<…>` in a header (RFC 2369): only printable ASCII without spaces or angle brackets, else nil.
    static func angleURL(_ url: String) -> String? {
        let allowed = url.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && $0 != "<" && $0 != ">" }
        return allowed && url.count <= 900 ? url : nil
    }

    /// A display name: quoted when it holds characters with a meaning in address headers.
    static func phrase(_ text: String) -> String {
        let flat = TextSanitizer.singleLine(text)
        guard flat.allSatisfy(\.isASCII) else { return encodedWords(flat) }
        guard flat.contains(where: { "()<>[]:;@\\,.\"".contains($0) }) else { return flat }
        return "\"" + flat.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    /// `=?UTF-8?B?...?=` words of at most 75 characters (RFC 2047 §2), split between characters, never inside one,
    /// and folded onto continuation lines so no header line grows past the 78-character recommendation.
    private static func encodedWords(_ text: String) -> String {
        let maximumBytes = 45  // 60 base64 characters plus the 12 of the wrapper stay under 75
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty, chunk.count + bytes.count > maximumBytes {
                words.append(chunk.base64Word)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(chunk.base64Word) }
        return words.joined(separator: "\r\n ")
    }
}

extension [UInt8] {
    fileprivate var base64Word: String { "=?UTF-8?B?\(Data(self).base64EncodedString())?=" }
}
