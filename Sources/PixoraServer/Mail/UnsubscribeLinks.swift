import Crypto
import Foundation
import PixoraCore

/// Signed links that switch one kind of notification mail off without signing in (RFC 8058 one-click, and the
/// link in the mail's body). The token names the person and the kind and carries an HMAC of both under a key
/// derived from the server's secret, so a token for another person or kind cannot be made from one seen.
struct UnsubscribeLinks: Sendable {
    private let key: SymmetricKey

    init(secret: String) {
        key = SymmetricKey(
            data: HMAC<SHA256>.authenticationCode(
                for: Data("pixora-unsubscribe".utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    /// `<user>.<kind>.<signature>`: ids are UUIDs and kinds snake_case, so neither holds a dot.
    func token(user: String, kind: NotificationKind) -> String {
        "\(user).\(kind.rawValue).\(signature(user: user, kind: kind))"
    }

    /// The person and kind a token names, or nil when it is malformed or its signature does not match.
    func verify(_ token: String) -> (user: String, kind: NotificationKind)? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, (1...64).contains(parts[0].count), let kind = NotificationKind(rawValue: parts[1])
        else { return nil }
        let expected = Array(signature(user: parts[0], kind: kind).utf8)
        let given = Array(parts[2].utf8)
        guard expected.count == given.count, zip(expected, given).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else {
            return nil
        }
        return (parts[0], kind)
    }

    func url(base: String, user: String, kind: NotificationKind) -> String {
        "\(base)/api/v1/notifications/unsubscribe?token=\(token(user: user, kind: kind))"
    }

    private func signature(user: String, kind: NotificationKind) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array("\(user)|\(kind.rawValue)".utf8), using: key)
        return TokenService.base64URL(Array(code))
    }
}
