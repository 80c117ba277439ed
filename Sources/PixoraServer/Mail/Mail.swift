import Foundation
import Logging
import PixoraCore

/// A plain-text email.
public struct Mail: Sendable, Equatable {
    public var to: String
    public var subject: String
    public var body: String
    /// A one-click unsubscribe URL (RFC 8058): sent as `List-Unsubscribe` with `List-Unsubscribe-Post`.
    public var unsubscribe: String?

    public init(to: String, subject: String, body: String, unsubscribe: String? = nil) {
        self.to = to
        self.subject = subject
        self.body = body
        self.unsubscribe = unsubscribe
    }
}

/// Sends mail.
public protocol Mailer: Sendable {
    func send(_ mail: Mail) async throws
}

extension Mail {
    /// The sender used when `PIXORA_MAIL_FROM` is not set.
    public static let defaultSender = "Pixora <no-reply@pixora.local>"

    /// An `SMTPMailer` when `PIXORA_SMTP_URL` is set, otherwise an `OutboxMailer` writing into `outbox`,
    /// so a server without mail set up still gives its operator the links it would have sent.
    public static func makeMailer(configuration: Configuration, outbox: URL, logger: Logger) throws -> any Mailer {
        let from = configuration.text("PIXORA_MAIL_FROM") ?? defaultSender
        if let url = configuration.text("PIXORA_SMTP_URL") {
            return try SMTPMailer(url: url, from: from, logger: logger)
        }
        // Checked now so a bad PIXORA_MAIL_FROM stops the server at start, not at the first sign-up.
        _ = try Mailbox(from)
        return OutboxMailer(folder: outbox, from: from, logger: logger)
    }

    /// For tests: the mailer of an environment given as a dictionary.
    public static func makeMailer(environment: [String: String], outbox: URL, logger: Logger) throws -> any Mailer {
        try makeMailer(configuration: Configuration(environment: environment), outbox: outbox, logger: logger)
    }
}
