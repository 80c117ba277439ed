import Foundation
import JWTKit

/// What a provider's discovery document says (OpenID Connect Discovery 1.0), as far as sign-in needs it.
struct ProviderEndpoints: Sendable {
    var issuer: String
    var authorization: String
    var token: String
    var keys: String
    /// `client_secret_basic` unless the provider lists only `client_secret_post`.
    var secretInBody: Bool
}

/// Each provider's discovery document and signing keys, fetched when first needed and kept for an hour. Keys are
/// fetched again (at most once a minute) when a token names a key id the set lacks: providers rotate keys.
actor ProviderMetadata {
    private struct Entry {
        var endpoints: ProviderEndpoints
        var keys: JWTKeyCollection
        var kids: Set<String>
        var fetched: Date
        var keysFetched: Date
    }

    private var entries: [String: Entry] = [:]
    let lifetime: TimeInterval = 3600

    func endpoints(_ provider: SignInProvider) async throws -> ProviderEndpoints {
        try await entry(provider).endpoints
    }

    /// The provider's keys, refreshed first when `kid` is not among them.
    func keys(_ provider: SignInProvider, kid: String?) async throws -> JWTKeyCollection {
        var entry = try await entry(provider)
        if let kid, !entry.kids.contains(kid), Date().timeIntervalSince(entry.keysFetched) > 60 {
            (entry.keys, entry.kids) = try await Self.fetchKeys(entry.endpoints.keys, provider: provider)
            entry.keysFetched = Date()
            entries[provider.id] = entry
        }
        return entry.keys
    }

    private func entry(_ provider: SignInProvider) async throws -> Entry {
        if let entry = entries[provider.id], Date().timeIntervalSince(entry.fetched) < lifetime { return entry }
        let endpoints = try await Self.discover(provider)
        let (keys, kids) = try await Self.fetchKeys(endpoints.keys, provider: provider)
        let entry = Entry(endpoints: endpoints, keys: keys, kids: kids, fetched: Date(), keysFetched: Date())
        entries[provider.id] = entry
        return entry
    }

    static func discover(_ provider: SignInProvider) async throws -> ProviderEndpoints {
        let url = provider.discoveryURL
        let document = try ProviderCall.json(
            try await ProviderCall.send(url, allowPrivate: provider.allowPrivate), from: url)
        func text(_ key: String) throws -> String {
            guard let value = document[key] as? String, !value.isEmpty else {
                throw SignInFailure(.unavailable, "\(url) has no \(key)")
            }
            return value
        }
        let issuer = try text("issuer")
        // The document must be the issuer's own (Discovery §4.3), else a look-alike could name other endpoints.
        guard trimmed(issuer) == trimmed(provider.issuer) else {
            throw SignInFailure(.unavailable, "\(url) names the issuer \(issuer), not \(provider.issuer)")
        }
        let methods = document["token_endpoint_auth_methods_supported"] as? [String] ?? ["client_secret_basic"]
        return ProviderEndpoints(
            issuer: issuer, authorization: try text("authorization_endpoint"), token: try text("token_endpoint"),
            keys: try text("jwks_uri"),
            secretInBody: !methods.contains("client_secret_basic") && methods.contains("client_secret_post"))
    }

    static func trimmed(_ issuer: String) -> Substring {
        issuer.hasSuffix("/") ? issuer.dropLast() : Substring(issuer)
    }

    /// The signing keys of a JWKS: asymmetric keys only, so a published `oct` key can never verify a token.
    static func fetchKeys(_ url: String, provider: SignInProvider) async throws -> (JWTKeyCollection, Set<String>) {
        let document = try ProviderCall.json(
            try await ProviderCall.send(url, allowPrivate: provider.allowPrivate), from: url)
        guard let list = document["keys"] as? [[String: Any]] else {
            throw SignInFailure(.unavailable, "\(url) is not a key set")
        }
        let collection = JWTKeyCollection()
        var kids: Set<String> = []
        for key in list {
            guard let kty = key["kty"] as? String, ["RSA", "EC", "OKP"].contains(kty),
                (key["use"] as? String ?? "sig") == "sig", let kid = key["kid"] as? String,
                let data = try? JSONSerialization.data(withJSONObject: key),
                let jwk = try? JSONDecoder().decode(JWK.self, from: data)
            else { continue }
            // A key JWTKit cannot read (an unusual curve) is skipped; the others still verify.
            if (try? await collection.add(jwk: jwk)) != nil { kids.insert(kid) }
        }
        guard !kids.isEmpty else { throw SignInFailure(.unavailable, "\(url) has no usable signing key") }
        return (collection, kids)
    }
}
