import PixoraCore

/// Why a mail could not be sent; the message names the step and the server's reply, never a password or a body.
public enum MailError: UserFacingError, Equatable {
    /// The SMTP URL is malformed; the detail says what is wrong without repeating the password.
    case invalidSMTPURL(String)
    /// An address is empty, lacks an `@`, or holds characters that could inject headers or commands.
    case invalidAddress(String)
    case connectionFailed(server: String, reason: String)
    /// The connection broke or TLS failed in the middle of a step.
    case connectionLost(step: String, reason: String)
    /// The server answered a step with an unexpected reply code.
    case refused(step: String, reply: String)
    case malformedReply(step: String, detail: String)
    /// The URL asks for something (STARTTLS, AUTH PLAIN) that the server does not offer.
    case notOffered(String)
    case timedOut(step: String, seconds: String)
    case outboxFailed(path: String, reason: String)

    public var isUsageError: Bool {
        if case .invalidAddress = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .invalidSMTPURL(let detail):
            return
                "invalid SMTP URL (expected smtp://[user:password@]host[:port][?starttls=require|never] or smtps://...): \(detail)"
        case .invalidAddress(let address):
            return "\(address.debugDescription) is not a valid email address"
        case .connectionFailed(let server, let reason):
            return "cannot connect to SMTP server \(server): \(reason)"
        case .connectionLost(let step, let reason):
            return "SMTP connection failed during \(step): \(reason)"
        case .refused(let step, let reply):
            return "SMTP server refused \(step): \(reply)"
        case .malformedReply(let step, let detail):
            return "SMTP server sent a malformed reply to \(step): \(detail)"
        case .notOffered(let detail):
            return detail
        case .timedOut(let step, let seconds):
            return "SMTP conversation timed out after \(seconds) s during \(step)"
        case .outboxFailed(let path, let reason):
            return "cannot write mail to the outbox \(path): \(reason)"
        }
    }
}
