import NIOCore

/// One SMTP connection: sends command lines, reads replies, and turns every failure into a `MailError` naming the step.
struct SMTPSession {
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var parser = SMTPReplyParser()
    private let progress: SMTPProgress

    init(
        inbound: NIOAsyncChannelInboundStream<ByteBuffer>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        progress: SMTPProgress
    ) {
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.progress = progress
    }

    /// Sends `line` (CRLF added) and checks the reply code. `step` names the command in errors and in the timeout
    /// message, so a command carrying a secret (AUTH) passes a step without it.
    @discardableResult
    mutating func command(_ line: String, step: String, expecting codes: Set<Int>) async throws -> SMTPReply {
        try await write(line + "\r\n", step: step)
        return try await expectReply(step: step, codes: codes)
    }

    /// Sends the bytes of `text` as they are.
    func write(_ text: String, step: String) async throws {
        progress.step = step
        do {
            try await outbound.write(ByteBuffer(string: text))
        } catch {
            throw MailError.connectionLost(step: step, reason: SMTPMailer.describe(error))
        }
    }

    /// Reads one reply and fails unless its code is one of `codes`.
    @discardableResult
    mutating func expectReply(step: String, codes: Set<Int>) async throws -> SMTPReply {
        let reply = try await readReply(step: step)
        guard codes.contains(reply.code) else { throw MailError.refused(step: step, reply: reply.description) }
        return reply
    }

    mutating func readReply(step: String) async throws -> SMTPReply {
        progress.step = step
        while true {
            do {
                if let reply = try parser.nextReply() { return reply }
            } catch {
                throw MailError.malformedReply(step: step, detail: error.detail)
            }
            let bytes: ByteBuffer?
            do {
                bytes = try await inbound.next()
            } catch {
                throw MailError.connectionLost(step: step, reason: SMTPMailer.describe(error))
            }
            guard let bytes else {
                throw MailError.connectionLost(step: step, reason: "the server closed the connection")
            }
            parser.append(bytes)
        }
    }

    /// True when the server sent bytes beyond the replies read so far. After STARTTLS those would be plaintext
    /// that an attacker slipped in before the handshake (CVE-2011-0411 in reverse), so the caller refuses them.
    var hasUnreadBytes: Bool { parser.hasPendingBytes }
}
