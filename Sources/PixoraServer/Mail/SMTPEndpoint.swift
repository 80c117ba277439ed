import Foundation

/// Where and how to reach an SMTP server, read from `smtp://[user:password@]host[:port][?starttls=require|never]`
/// or `smtps://...` (TLS from the first byte).
struct SMTPEndpoint: Sendable, Equatable {
    enum Security: Sendable, Equatable {
        case none
        /// Upgrade with STARTTLS after the first EHLO, and fail if the server does not offer it.
        case startTLS
        /// TLS from the first byte (`smtps://`, usually port 465).
        case implicitTLS
    }

    /// A user name and password; their description hides the password, so printing one leaks nothing.
    struct Credentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
        var user: String
        var password: String
        var description: String { "\(user):<hidden>" }
        var debugDescription: String { description }
    }

    var host: String
    var port: Int
    var security: Security
    var credentials: Credentials?

    /// `host:port`, with brackets around an IPv6 address, for messages.
    var server: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Error messages name the part that is wrong but never repeat the user-information part, which holds the password.
    init(parsing url: String) throws(MailError) {
        guard let schemeEnd = url.range(of: "://") else {
            throw .invalidSMTPURL("it does not start with smtp:// or smtps://")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let defaultPort: Int
        switch scheme {
        case "smtp": (security, defaultPort) = (.none, 25)
        case "smtps": (security, defaultPort) = (.implicitTLS, 465)
        default: throw .invalidSMTPURL("the scheme must be smtp or smtps, not '\(scheme)'")
        }
        var rest = url[schemeEnd.upperBound...]

        // The last "@" ends the user information, so a password with an unescaped "/", "?", "#" or "@"
        // is still taken whole instead of spilling into the host or query (and from there into an error message).
        credentials = nil
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            guard let colon = userInfo.firstIndex(of: ":") else {
                throw .invalidSMTPURL("it has a user name but no password (write user:password@host)")
            }
            guard let user = String(userInfo[..<colon]).removingPercentEncoding,
                let password = String(userInfo[userInfo.index(after: colon)...]).removingPercentEncoding
            else {
                throw .invalidSMTPURL(
                    "the user name or password has a '%' that is not followed by two hex digits (write % as %25)")
            }
            guard !user.isEmpty else { throw .invalidSMTPURL("the user name is empty") }
            credentials = Credentials(user: user, password: password)
        }

        var query: Substring = ""
        if let questionMark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: questionMark)...]
            rest = rest[..<questionMark]
        }
        guard !rest.contains("#") else {
            throw .invalidSMTPURL("it has a fragment ('#...'), which means nothing for SMTP")
        }
        if let slash = rest.firstIndex(of: "/") {
            guard rest[slash...] == "/" else {
                throw .invalidSMTPURL("it has a path ('\(rest[slash...])'), which means nothing for SMTP")
            }
            rest = rest[..<slash]
        }

        let portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw .invalidSMTPURL("the IPv6 address has no closing ']'")
            }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else {
                throw .invalidSMTPURL("unexpected '\(after)' after the IPv6 address")
            }
            portText = after.isEmpty ? nil : after.dropFirst()
        } else {
            let pieces = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else {
                throw .invalidSMTPURL("an IPv6 address must be written in brackets, like [::1]")
            }
            host = String(pieces[0])
            portText = pieces.count == 2 ? pieces[1] : nil
        }
        guard !host.isEmpty else { throw .invalidSMTPURL("the host is missing") }
        guard !host.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw .invalidSMTPURL("the host contains a space")
        }
        if let portText {
            guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(portText),
                (1...65535).contains(number)
            else {
                throw .invalidSMTPURL("the port '\(portText)' is not a number from 1 to 65535")
            }
            port = number
        } else {
            port = defaultPort
        }

        for option in query.split(separator: "&") where !option.isEmpty {
            let pair = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = pair.count == 2 ? pair[1].lowercased() : ""
            guard pair[0] == "starttls" else {
                throw .invalidSMTPURL("unknown option '\(pair[0])'; the only option is starttls=require|never")
            }
            switch (value, scheme) {
            case ("require", "smtp"): security = .startTLS
            case ("never", _): break
            case ("require", _):
                throw .invalidSMTPURL(
                    "starttls=require cannot be used with smtps://, which is already TLS from the start")
            default: throw .invalidSMTPURL("starttls must be 'require' or 'never', not '\(value)'")
            }
        }
    }
}
