import Crypto
import Foundation
import PixoraCore
import PixoraStore

/// Sign-in with OpenID Connect providers: the authorization code flow with PKCE (S256), `state` and `nonce`
/// kept server-side and used once, the code exchanged at the token endpoint and the ID token verified against the
/// provider's published keys.
public struct ProviderSignIn: Sendable {
    public let providers: [SignInProvider]
    /// `PIXORA_PUBLIC_URL`: the redirect URI is `{publicURL}/api/v1/auth/oidc/{id}/callback`.
    let publicURL: String
    let metadata = ProviderMetadata()
    /// How long the browser has between leaving for the provider and coming back.
    static let loginLifetime: TimeInterval = 600
    /// How long the studio has to exchange the one-time code the callback hands it.
    static let handoffLifetime: TimeInterval = 120

    public init(providers: [SignInProvider], publicURL: String) {
        self.providers = providers
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    func provider(_ id: String) -> SignInProvider? { providers.first { $0.id == id } }

    func redirectURI(_ provider: SignInProvider) -> String { "\(publicURL)/api/v1/auth/oidc/\(provider.id)/callback" }

    /// Records a new sign-in and answers the provider's authorization URL to send the browser to.
    func start(_ provider: SignInProvider, database: any Database, now: Int64) async throws -> String {
        let endpoints = try await metadata.endpoints(provider)
        let state = SecretToken.make()
        let pending = PendingSignIn(provider: provider.id, nonce: SecretToken.make(), codeVerifier: SecretToken.make())
        try await PendingSignIns.start(
            in: database, state: state, pending: pending, lifetime: Self.loginLifetime, now: now)
        let query = Self.form([
            ("response_type", "code"), ("client_id", provider.clientID), ("redirect_uri", redirectURI(provider)),
            ("scope", "openid email profile"), ("state", state), ("nonce", pending.nonce),
            ("code_challenge", Self.challenge(pending.codeVerifier)), ("code_challenge_method", "S256"),
        ])
        return endpoints.authorization + (endpoints.authorization.contains("?") ? "&" : "?") + query
    }

    /// The identity the provider vouches for, after every check; the state is used up whatever happens next.
    func finish(_ provider: SignInProvider, code: String, state: String, database: any Database, now: Int64)
        async throws -> ProviderIdentity
    {
        guard
            let pending = try await PendingSignIns.finish(
                in: database, state: state, provider: provider.id, now: now)
        else { throw SignInFailure(.expired, "the state is unknown, used or expired") }
        let endpoints = try await metadata.endpoints(provider)
        var fields = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI(provider)),
            ("code_verifier", pending.codeVerifier),
        ]
        var headers: [(String, String)] = [("Content-Type", "application/x-www-form-urlencoded")]
        if endpoints.secretInBody {
            fields += [("client_id", provider.clientID), ("client_secret", provider.clientSecret)]
        } else {
            // RFC 6749 §2.3.1: both parts form-encoded before base64.
            let pair = "\(Self.escape(provider.clientID)):\(Self.escape(provider.clientSecret))"
            headers.append(("Authorization", "Basic " + Data(pair.utf8).base64EncodedString()))
        }
        let answer = try await ProviderCall.send(
            endpoints.token, headers: headers, form: Data(Self.form(fields).utf8), allowPrivate: provider.allowPrivate)
        if answer.status == 400 || answer.status == 401 {
            // invalid_grant: a code used twice, a wrong verifier, a code for another client.
            let excerpt = String(decoding: answer.body.prefix(300), as: UTF8.self)
            throw SignInFailure(.rejected, "the token endpoint refused the code (\(answer.status)): \(excerpt)")
        }
        let tokens = try ProviderCall.json(answer, from: endpoints.token)
        guard let idToken = tokens["id_token"] as? String else {
            throw SignInFailure(.rejected, "the token endpoint answered no id_token")
        }
        let keys = try await metadata.keys(provider, kid: IDTokenCheck.keyID(of: idToken))
        let check = IDTokenCheck(
            issuer: endpoints.issuer, clientID: provider.clientID, nonce: pending.nonce,
            now: Date(timeIntervalSince1970: Double(now) / 1000))
        let claims = try await check.verify(idToken, keys: keys)
        let name = TextSanitizer.singleLine(claims.name ?? "").trimmingCharacters(in: .whitespaces)
        return ProviderIdentity(
            provider: provider.id, subject: claims.sub.value, email: claims.email ?? "",
            name: name.codePointCount <= 100 ? name : "")
    }

    /// PKCE S256: base64url(SHA-256(verifier)), unpadded.
    static func challenge(_ verifier: String) -> String {
        TokenService.base64URL(Array(SHA256.hash(data: Data(verifier.utf8))))
    }

    static func form(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
