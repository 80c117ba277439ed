import Crypto
import Foundation
import JWTKit
import PixoraCore
import Synchronization

/// The claims of an access token.
struct AccessClaims: JWTPayload {
    var sub: SubjectClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var role: String
    var typ: String

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        guard typ == "access" else {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "not an access token")
        }
    }
}

/// Issues and checks short-lived access tokens (HS256 JWTs), and signs media URLs so a `<video>` tag can fetch
/// a user's file without a header.
public struct TokenService: Sendable {
    let keys: JWTKeyCollection
    let mediaKey: SymmetricKey
    public let accessLifetime: TimeInterval
    let verified = VerifiedTokens()
    /// Accounts deleted while this process runs: their access tokens (up to 15 minutes left) are refused at once.
    let deleted = DeletedAccounts()

    public init(secret: String, accessLifetime: TimeInterval) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.keys = keys
        // A separate key for media links, derived from the same secret.
        mediaKey = SymmetricKey(
            data: HMAC<SHA256>.authenticationCode(
                for: Data("pixora-media-links".utf8), using: SymmetricKey(data: Data(secret.utf8))))
        self.accessLifetime = accessLifetime
    }

    public func accessToken(user: String, role: String, now: Date = Date()) async throws -> String {
        let claims = AccessClaims(
            sub: .init(value: user), exp: .init(value: now.addingTimeInterval(accessLifetime)), iat: .init(value: now),
            role: role, typ: "access")
        return try await keys.sign(claims)
    }

    /// The identity in a valid token; throws a 401 saying what is wrong otherwise.
    public func verify(_ token: String) async throws -> Identity {
        if let identity = verified.identity(for: token, at: Date().timeIntervalSince1970) {
            try refuseDeleted(identity)
            return identity
        }
        do {
            let claims = try await keys.verify(token, as: AccessClaims.self)
            let identity = Identity(userId: claims.sub.value, role: claims.role)
            try refuseDeleted(identity)
            verified.remember(token, identity, until: claims.exp.value.timeIntervalSince1970)
            return identity
        } catch let error as JWTError where error.errorType == .claimVerificationFailure {
            throw APIError(
                .unauthorized, .tokenExpired, "the access token has expired; refresh it",
                headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        } catch {
            throw APIError(
                .unauthorized, .invalidToken, "the access token is not valid",
                headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        }
    }

    /// Refuses every access token of a deleted account from now on (its refresh tokens are gone with its rows).
    public func revokeUser(_ user: String) { deleted.insert(user) }

    func refuseDeleted(_ identity: Identity) throws {
        guard deleted.contains(identity.userId) else { return }
        throw APIError(
            .unauthorized, .invalidToken, "this account was deleted",
            headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
    }

    /// `path?access=<expiry>.<user>.<signature>`: valid for `lifetime` seconds, for this path and user only.
    public func signedPath(_ path: String, user: String, lifetime: TimeInterval = 3600, now: Date = Date()) -> String {
        let expiry = Int64(now.timeIntervalSince1970 + lifetime)
        return "\(path)?access=\(expiry).\(user).\(mediaSignature(path: path, user: user, expiry: expiry))"
    }

    /// The user a media link was signed for, if its signature is right and it has not expired.
    public func verifySignedPath(_ path: String, access: String, now: Date = Date()) -> String? {
        let parts = access.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let expiry = Int64(parts[0]), Double(expiry) >= now.timeIntervalSince1970 else {
            return nil
        }
        let user = String(parts[1])
        let expected = mediaSignature(path: path, user: user, expiry: expiry)
        guard constantTimeEqual(expected, String(parts[2])) else { return nil }
        return user
    }

    func mediaSignature(path: String, user: String, expiry: Int64) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Array("\(path)|\(user)|\(expiry)".utf8), using: mediaKey)
        return Self.base64URL(Array(code))
    }

    /// Unpadded base64url, by hand: Foundation's base64 plus three replacements cost more than the HMAC.
    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 2 < bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [
                alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)], alphabet[Int(value >> 6 & 63)],
                alphabet[Int(value & 63)],
            ]
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let value = UInt32(bytes[index]) << 16 | (rest > 1 ? UInt32(bytes[index + 1]) << 8 : 0)
            out += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)]]
            if rest > 1 { out.append(alphabet[Int(value >> 6 & 63)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Access tokens already verified, with what they proved and when they expire. A browser sends the same token with
/// every request for its 15 minutes; this spares each one the signature check and the claims' JSON decoding. Keyed by
/// the whole token, signature included, so an altered token is never found; an entry past its expiry is never used
/// (the full check then answers `token_expired`). At most 10,000 entries (`BoundedMemo`).
final class VerifiedTokens: Sendable {
    private struct Entry: Sendable {
        var identity: Identity
        var expires: Double
    }

    private let entries = BoundedMemo<String, Entry>(capacity: 10_000)

    func identity(for token: String, at now: Double) -> Identity? {
        guard let entry = entries.value(for: token) else { return nil }
        guard now < entry.expires else {
            entries.forget(token)
            return nil
        }
        return entry.identity
    }

    func remember(_ token: String, _ identity: Identity, until expires: Double) {
        entries.remember(Entry(identity: identity, expires: expires), for: token)
    }
}

/// Ids of accounts deleted in this process. Ids are random and never reused, so the set only grows by deletions.
final class DeletedAccounts: Sendable {
    private let ids = Mutex<Set<String>>([])
    func insert(_ id: String) { ids.withLock { _ = $0.insert(id) } }
    func contains(_ id: String) -> Bool { ids.withLock { $0.contains(id) } }
}
