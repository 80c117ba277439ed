import Crypto
import Foundation
import PixoraStore

/// The tokens of share links. A token is the HMAC-SHA256 of a random seed (256 bits from the system's CSPRNG) under
/// a key derived from the server's secret. The database keeps the seed and the token's SHA-256, never the token:
/// a leaked database opens no link, yet the server can show its owner a link again.
struct ShareTokens: Sendable {
    let key: SymmetricKey

    init(secret: String) {
        // A key of its own, so a share token never doubles as an access-token or media-link signature.
        key = SymmetricKey(
            data: HMAC<SHA256>.authenticationCode(
                for: Data("pixora-share-links".utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    /// A new link's token, with the seed and the hash to store.
    func issue() -> (token: String, share: (seed: String, hash: String)) {
        let seed = SecretToken.make()
        let token = token(seed: seed)
        return (token, (seed, SecretToken.hash(token)))
    }

    func token(seed: String) -> String {
        TokenService.base64URL(Array(HMAC<SHA256>.authenticationCode(for: Data(seed.utf8), using: key)))
    }

    /// The token of a stored link; nil when the secret changed since it was made (the link still opens for whoever
    /// holds it, but its token cannot be made again).
    func token(of share: VideoShare) -> String? {
        let token = token(seed: share.seed)
        return SecretToken.hash(token) == share.tokenHash ? token : nil
    }

    /// 43 URL-safe base64 characters: the only shape a token has, checked before any lookup.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43
            && token.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }
}
