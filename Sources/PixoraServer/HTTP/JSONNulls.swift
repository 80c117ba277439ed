import Foundation
import NIOCore

/// Request JSON with every NUL character (`\u0000`) taken out of its strings, before anything is decoded.
///
/// JSON may carry NUL, but no text Pixora keeps can: PostgreSQL refuses it in TEXT (the whole request failed with
/// 500), SQLite's C interface cuts a value short at it (a title lost everything after it), and ffmpeg, libass and
/// XML end or reject text there. It means nothing to a reader, so it is dropped here, once for every field of every
/// body, rather than checked in each route. Other control characters are stored as sent; each output format
/// cleans them at its own boundary (PixoraCore's TextSanitizer).
enum JSONNulls {
    static func removed(from body: ByteBuffer) -> Data {
        let bytes = body.readableBytesView
        let escape = Array(#"\u0000"#.utf8)
        guard bytes.firstRange(of: escape) != nil else { return Data(bytes) }
        var result = Data(capacity: bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            // A backslash only occurs in a string, as an escape: copying it with the byte after it keeps `\\u0000`
            // (a backslash, then the text u0000) as it is.
            guard byte == UInt8(ascii: "\\"), bytes.index(after: index) < bytes.endIndex else {
                result.append(byte)
                index = bytes.index(after: index)
                continue
            }
            if bytes[index...].starts(with: escape) {
                index = bytes.index(index, offsetBy: escape.count)
            } else {
                result.append(contentsOf: bytes[index...bytes.index(after: index)])
                index = bytes.index(index, offsetBy: 2)
            }
        }
        return result
    }
}
