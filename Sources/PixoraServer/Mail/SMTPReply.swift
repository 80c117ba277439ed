import NIOCore

/// One reply of an SMTP server: a code and one or more lines of text (`250-first`, `250-second`, `250 last`).
struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    var code: Int
    var lines: [String]

    /// `550 no such user`, the lines of a multi-line reply joined by spaces, for error messages.
    var description: String {
        let text = lines.filter { !$0.isEmpty }.joined(separator: " ")
        return text.isEmpty ? "\(code)" : "\(code) \(text)"
    }
}

/// Cuts replies out of the bytes a server sends, however TCP split them.
struct SMTPReplyParser {
    /// RFC 5321 allows 512 octets per reply line; servers exceed it, a hostile one could send no line end at all.
    static let maximumLineBytes = 16 * 1024
    static let maximumLines = 500

    private var pending = ByteBuffer()
    private var lines: [String] = []
    private var code: Int?

    /// True when bytes arrived that are not part of a complete reply.
    var hasPendingBytes: Bool { pending.readableBytes > 0 || !lines.isEmpty }

    mutating func append(_ bytes: ByteBuffer) {
        var bytes = bytes
        pending.writeBuffer(&bytes)
    }

    /// The next complete reply, or nil until more bytes arrive. The error is the detail for `MailError.malformedReply`.
    mutating func nextReply() throws(SMTPReplyParser.Malformed) -> SMTPReply? {
        while let newline = pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            var line = pending.readString(length: newline - pending.readerIndex) ?? ""
            pending.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, bytes[0...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
            else { throw Malformed(detail: "'\(line.prefix(200))' does not start with a three-digit code") }
            let lineCode = Int(String(decoding: bytes[0...2], as: UTF8.self))!
            guard code == nil || code == lineCode else {
                throw Malformed(detail: "a multi-line reply changed its code from \(code!) to \(lineCode)")
            }
            code = lineCode
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            guard lines.count <= Self.maximumLines else {
                throw Malformed(detail: "the reply has more than \(Self.maximumLines) lines")
            }
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") {
                defer { (lines, code) = ([], nil) }
                return SMTPReply(code: lineCode, lines: lines)
            }
        }
        guard pending.readableBytes <= Self.maximumLineBytes else {
            throw Malformed(detail: "a reply line is longer than \(Self.maximumLineBytes) bytes")
        }
        pending.discardReadBytes()
        return nil
    }

    struct Malformed: Error {
        var detail: String
    }
}
