import Foundation

/// A `Mail` rendered as RFC 5322 text: ASCII headers, a blank line, then the UTF-8 body.
struct MailMessage: Sendable {
    let sender: Mailbox
    let recipient: Mailbox
    /// Every line of the message without its line ending; both mailers end them with CRLF.
    let lines: [String]

    init(mail: Mail, from: String, date: Date = Date()) throws(MailError) {
        sender = try Mailbox(from)
        recipient = try Mailbox(mail.to)
        var headers = [
            "From: \(sender.headerValue)",
            "To: \(recipient.headerValue)",
            "Subject: \(HeaderText.unstructured(mail.subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@\(sender.domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        if let unsubscribe = mail.unsubscribe, let link = HeaderText.angleURL(unsubscribe) {
            headers += ["List-Unsubscribe: <\(link)>", "List-Unsubscribe-Post: List-Unsubscribe=One-Click"]
        }
        // Encoded subjects fold onto continuation lines; split them so every element is one line.
        let headerLines = headers.flatMap { $0.components(separatedBy: "\r\n") }
        lines = headerLines + [""] + Self.bodyLines(mail.body)
    }

    /// The message as a file or a mail program expects it: every line ending in CRLF.
    var text: String { lines.map { $0 + "\r\n" }.joined() }

    /// The DATA section of an SMTP transaction: lines starting with "." get a second one (RFC 5321 §4.5.2)
    /// so the server does not take them for the end of the message, then the terminating ".".
    var smtpData: String {
        lines.map { ($0.hasPrefix(".") ? "." + $0 : $0) + "\r\n" }.joined() + ".\r\n"
    }

    /// Any mix of LF, CRLF and CR becomes separate lines; a final line break adds no empty line.
    static func bodyLines(_ body: String) -> [String] {
        let normalised = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalised.components(separatedBy: "\n")
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        return lines
    }

    /// `Tue, 04 Mar 2025 09:05:00 +0000`: English names whatever the machine's locale.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
