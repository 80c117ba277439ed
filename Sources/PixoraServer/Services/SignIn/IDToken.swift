import Foundation
import JWTKit

/// The claims of an OpenID Connect ID token that sign-in reads (Core 1.0 §2, §5.1).
struct IDTokenClaims: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var nonce: String?
    var azp: String?
    var email: String?
    var emailVerified: VerifiedFlag?
    var name: String?

    enum CodingKeys: String, CodingKey {
        case iss, sub, aud, exp, iat, nonce, azp, email, name
        case emailVerified = "email_verified"
    }

    /// The claims are checked by `IDTokenCheck` against an injected clock; the signature by JWTKit.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// `email_verified` as a boolean, or as the string some providers send.
struct VerifiedFlag: Codable, Sendable, Equatable {
    var value: Bool

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = flag
        } else {
            value = try container.decode(String.self).lowercased() == "true"
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// What an ID token must prove before anyone is signed in with it.
struct IDTokenCheck: Sendable {
    var issuer: String
    var clientID: String
    var nonce: String
    var now: Date
    /// Clocks differ a little between the provider and this server.
    var leeway: TimeInterval = 60
    /// A token issued longer ago than this is refused even if it has not expired.
    var maximumAge: TimeInterval = 600

    /// The verified claims, or a `rejected` / `unverifiedEmail` failure saying which check failed.
    func verify(_ token: String, keys: JWTKeyCollection) async throws -> IDTokenClaims {
        let claims: IDTokenClaims
        do {
            claims = try await keys.verify(token, as: IDTokenClaims.self)
        } catch {
            throw SignInFailure(.rejected, "the ID token's signature does not verify: \(error)")
        }
        guard ProviderMetadata.trimmed(claims.iss.value) == ProviderMetadata.trimmed(issuer) else {
            throw SignInFailure(.rejected, "the ID token's issuer is \(claims.iss.value), not \(issuer)")
        }
        guard claims.aud.value.contains(clientID) else {
            throw SignInFailure(.rejected, "the ID token is for \(claims.aud.value), not this client")
        }
        // Core §3.1.3.7: with several audiences, the authorized party must be this client.
        if claims.aud.value.count > 1 || claims.azp != nil, claims.azp != clientID {
            throw SignInFailure(.rejected, "the ID token's authorized party is \(claims.azp ?? "missing")")
        }
        guard claims.exp.value.addingTimeInterval(leeway) > now else {
            throw SignInFailure(.rejected, "the ID token expired at \(claims.exp.value)")
        }
        guard claims.iat.value.addingTimeInterval(-leeway) <= now,
            claims.iat.value.addingTimeInterval(maximumAge + leeway) > now
        else {
            throw SignInFailure(.rejected, "the ID token was issued at \(claims.iat.value), not just now")
        }
        // The signature already binds the nonce to the provider's key, so a plain comparison leaks nothing.
        guard claims.nonce == nonce else {
            throw SignInFailure(.rejected, "the ID token's nonce is not the one this sign-in sent")
        }
        guard !claims.sub.value.isEmpty, claims.sub.value.utf8.count <= 255 else {
            throw SignInFailure(.rejected, "the ID token's subject is empty or too long")
        }
        guard let email = claims.email, AuthRoutes.validEmail(email) else {
            throw SignInFailure(.unverifiedEmail, "the ID token has no usable email")
        }
        guard claims.emailVerified?.value == true else {
            throw SignInFailure(.unverifiedEmail, "the provider has not verified \(email)")
        }
        return claims
    }

    /// The `kid` of a token's header, read before verification to pick (or refresh) the key set.
    static func keyID(of token: String) -> String? {
        guard let header = token.split(separator: ".").first else { return nil }
        var text = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let data = Data(base64Encoded: text),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["kid"] as? String
    }
}
