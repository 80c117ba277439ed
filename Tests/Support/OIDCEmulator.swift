import AsyncHTTPClient
import Crypto
import CryptoExtras
import Foundation
import Hummingbird
import JWTKit
import Logging
import NIOCore

/// A local OpenID Connect provider for sign-in tests: discovery, a key set with an RSA key made for this run, an
/// authorization endpoint that signs the configured person in at once and redirects back with a code, and a
/// token endpoint that checks the client secret, the redirect URI and the PKCE verifier before answering an ID
/// token. `fault` makes it answer a bad ID token of one kind.
public final class OIDCEmulator: @unchecked Sendable {
    /// What is wrong with the ID tokens it hands out.
    public enum Fault: Sendable {
        case none
        /// Signed by another key under the published key id.
        case badSignature
        case wrongAudience
        /// Expired an hour ago.
        case expired
        case unverifiedEmail
        /// Not the nonce of the authorization request.
        case wrongNonce
        case wrongIssuer
    }

    /// The person who signs in at the authorization endpoint.
    public struct Person: Sendable {
        public var subject: String
        public var email: String
        public var name: String
        public var emailVerified: Bool

        public init(subject: String, email: String, name: String = "", emailVerified: Bool = true) {
            self.subject = subject
            self.email = email
            self.name = name
            self.emailVerified = emailVerified
        }
    }

    struct Grant {
        var clientID: String
        var redirectURI: String
        var challenge: String
        var nonce: String
        var person: Person
        var used = false
    }

    public let clientID: String
    public let clientSecret: String
    let kid = "emulated-\(UUID().uuidString.prefix(8))"
    let key: JWTKit.Insecure.RSA.PrivateKey
    let forger: JWTKit.Insecure.RSA.PrivateKey
    private let lock = NSLock()
    private var base = ""
    private var grants: [String: Grant] = [:]
    private var currentPerson: Person
    private var currentFault = Fault.none
    private var tokenCalls = 0

    public init(clientID: String = "pixora-test-client", clientSecret: String = "emulated-secret", person: Person)
        throws
    {
        self.clientID = clientID
        self.clientSecret = clientSecret
        currentPerson = person
        key = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
        forger = try JWTKit.Insecure.RSA.PrivateKey(backing: _RSA.Signing.PrivateKey(keySize: .bits2048))
    }

    public var person: Person {
        get { lock.withLock { currentPerson } }
        set { lock.withLock { currentPerson = newValue } }
    }

    public var fault: Fault {
        get { lock.withLock { currentFault } }
        set { lock.withLock { currentFault = newValue } }
    }

    /// How many times the token endpoint was called.
    public var tokenRequests: Int { lock.withLock { tokenCalls } }

    public var issuer: String { lock.withLock { base } }

    /// Runs the provider on a free local port for the duration of `body`, which gets its issuer URL.
    public func run<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.get(".well-known/openid-configuration") { _, _ in self.json(self.discovery()) }
        router.get("jwks") { _, _ in self.json(self.keySet()) }
        router.get("authorize") { request, _ in self.authorize(request) }
        router.post("token") { request, _ in try await self.token(request) }
        return try await runLocally(router, label: "oidc-emulator") { base in
            self.lock.withLock { self.base = base }
            return try await body(base)
        }
    }

    func discovery() -> [String: Any] {
        let base = issuer
        return [
            "issuer": base, "authorization_endpoint": "\(base)/authorize", "token_endpoint": "\(base)/token",
            "jwks_uri": "\(base)/jwks", "response_types_supported": ["code"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        ]
    }

    func keySet() -> [String: Any] {
        let (modulus, exponent) = try! key.publicKey.getKeyPrimitives()
        return [
            "keys": [
                [
                    "kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": Self.base64URL(modulus),
                    "e": Self.base64URL(exponent),
                ]
            ]
        ]
    }

    /// Signs the configured person in at once (no page) and sends the browser back with a code.
    func authorize(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        func value(_ name: String) -> String { query[Substring(name)].map(String.init) ?? "" }
        guard value("response_type") == "code", value("client_id") == clientID, !value("redirect_uri").isEmpty,
            value("code_challenge_method") == "S256", !value("code_challenge").isEmpty, !value("nonce").isEmpty,
            !value("state").isEmpty, value("scope").split(separator: " ").contains("openid")
        else {
            return Response(
                status: .badRequest, body: .init(byteBuffer: ByteBuffer(string: "bad authorization request")))
        }
        let code = UUID().uuidString
        lock.withLock {
            grants[code] = Grant(
                clientID: clientID, redirectURI: value("redirect_uri"), challenge: value("code_challenge"),
                nonce: value("nonce"), person: currentPerson)
        }
        var back = URLComponents(string: value("redirect_uri"))!
        back.queryItems = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "state", value: value("state"))]
        return Response(status: .found, headers: [.location: back.string!])
    }

    func token(_ request: Request) async throws -> Response {
        let body = String(buffer: try await request.body.collect(upTo: 1 << 16))
        var form: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        lock.withLock { tokenCalls += 1 }
        var client = (form["client_id"], form["client_secret"])
        if let basic = request.headers[.authorization], basic.hasPrefix("Basic "),
            let decoded = Data(base64Encoded: String(basic.dropFirst(6))).map({ String(decoding: $0, as: UTF8.self) })
        {
            let parts = decoded.split(separator: ":", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if parts.count == 2 { client = (parts[0], parts[1]) }
        }
        guard client.0 == clientID, client.1 == clientSecret else {
            return refusal("invalid_client", status: .unauthorized)
        }
        guard form["grant_type"] == "authorization_code", let code = form["code"], let verifier = form["code_verifier"]
        else { return refusal("invalid_request") }
        let grant: Grant? = lock.withLock {
            guard var grant = grants[code], !grant.used else { return nil }
            grant.used = true
            grants[code] = grant
            return grant
        }
        let challenge = Self.base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
        guard let grant, grant.redirectURI == form["redirect_uri"], grant.challenge == challenge else {
            return refusal("invalid_grant")
        }
        let idToken = try await sign(for: grant)
        return json([
            "access_token": UUID().uuidString, "token_type": "Bearer", "expires_in": 3600, "id_token": idToken,
        ])
    }

    struct Claims: JWTPayload {
        var iss: String
        var sub: String
        var aud: String
        var exp: Int
        var iat: Int
        var nonce: String
        var email: String
        var emailVerified: Bool
        var name: String

        enum CodingKeys: String, CodingKey {
            case iss, sub, aud, exp, iat, nonce, email, name
            case emailVerified = "email_verified"
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    func sign(for grant: Grant) async throws -> String {
        let fault = self.fault
        let now = Int(Date().timeIntervalSince1970)
        let claims = Claims(
            iss: fault == .wrongIssuer ? "https://elsewhere.example" : issuer, sub: grant.person.subject,
            aud: fault == .wrongAudience ? "another-client" : grant.clientID,
            exp: fault == .expired ? now - 3600 : now + 3600, iat: fault == .expired ? now - 7200 : now,
            nonce: fault == .wrongNonce ? "another-nonce" : grant.nonce, email: grant.person.email,
            emailVerified: fault == .unverifiedEmail ? false : grant.person.emailVerified, name: grant.person.name)
        let keys = JWTKeyCollection()
        await keys.add(
            rsa: fault == .badSignature ? forger : key, digestAlgorithm: .sha256, kid: JWKIdentifier(string: kid))
        return try await keys.sign(claims, kid: JWKIdentifier(string: kid))
    }

    func refusal(_ error: String, status: HTTPResponse.Status = .badRequest) -> Response {
        var response = json(["error": error])
        response.status = status
        return response
    }

    func json(_ object: [String: Any]) -> Response {
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// The authorization endpoint did not redirect.
public struct VisitFailure: Error {
    public var status: Int
}

extension OIDCEmulator {
    /// Does what a browser does at the authorization URL: a GET without following the redirect. Answers the
    /// `Location` the emulator sends back (the relying party's callback with code and state).
    public func visit(_ url: String) async throws -> String {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(120))
            try await client.shutdown()
            guard response.status == .found, let location = response.headers.first(name: "Location") else {
                throw VisitFailure(status: Int(response.status.code))
            }
            return location
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
