import Crypto
import Foundation

/// The Standard Webhooks scheme (https://www.standardwebhooks.com/): a `whsec_` secret of random bytes, and
/// `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed by the secret's decoded bytes.
public enum WebhookSignature {
    static let prefix = "whsec_"

    /// A new secret: `whsec_` and the base64 of 32 random bytes (the scheme asks for 24 to 64).
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + Data(bytes).base64EncodedString()
    }

    /// The key bytes of a `whsec_` secret; nil when it is not one.
    public static func key(of secret: String) -> Data? {
        guard secret.hasPrefix(prefix) else { return nil }
        return Data(base64Encoded: String(secret.dropFirst(prefix.count)))
    }

    /// The `webhook-signature` header value for one message.
    public static func sign(secret: String, id: String, timestamp: Int64, body: Data) -> String {
        let key = SymmetricKey(data: key(of: secret) ?? Data(secret.utf8))
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: content, using: key)
        return "v1," + Data(mac).base64EncodedString()
    }
}
