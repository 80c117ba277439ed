import Foundation
import PixoraCore

/// An OpenID Connect provider people may sign in with: Google, or one more configured by issuer.
public struct SignInProvider: Sendable, Equatable {
    /// In the routes: `/api/v1/auth/oidc/{id}/start`.
    public var id: String
    /// On the button: "Continue with {name}".
    public var name: String
    /// Where discovery starts (`{issuer}/.well-known/openid-configuration`) and what `iss` must say.
    public var issuer: String
    public var clientID: String
    public var clientSecret: String
    /// Private, loopback and link-local addresses may be called (`PIXORA_OIDC_ALLOW_PRIVATE`).
    public var allowPrivate: Bool

    public static let googleIssuer = "https://accounts.google.com"

    /// The providers the configuration names, each complete, or a usage error naming what is missing.
    public static func from(settings: Configuration) throws -> [SignInProvider] {
        let allowPrivate = settings.flag("PIXORA_OIDC_ALLOW_PRIVATE") ?? false
        var providers: [SignInProvider] = []
        var problems: [String] = []
        func pair(_ names: [String]) -> [String]? {
            let values = names.map { settings.text($0) }
            if values.allSatisfy({ $0 == nil }) { return nil }
            let missing = zip(names, values).filter { $0.1 == nil }.map(\.0)
            guard missing.isEmpty else {
                let given = zip(names, values).filter { $0.1 != nil }.map(\.0)
                problems.append(
                    "\(given.joined(separator: " and ")) set without \(missing.joined(separator: " and ")): "
                        + "a sign-in provider needs \(names.joined(separator: ", "))")
                return nil
            }
            return values.compactMap { $0 }
        }
        if let google = pair(["PIXORA_OIDC_GOOGLE_CLIENT_ID", "PIXORA_OIDC_GOOGLE_CLIENT_SECRET"]) {
            providers.append(
                SignInProvider(
                    id: "google", name: "Google", issuer: googleIssuer, clientID: google[0], clientSecret: google[1],
                    allowPrivate: allowPrivate))
        }
        if let other = pair(["PIXORA_OIDC_ISSUER", "PIXORA_OIDC_CLIENT_ID", "PIXORA_OIDC_CLIENT_SECRET"]) {
            let name = settings.text("PIXORA_OIDC_NAME") ?? "OpenID Connect"
            if let issue = Self.issuerProblem(other[0], allowPrivate: allowPrivate) {
                problems.append("PIXORA_OIDC_ISSUER \(issue)")
            } else if TextSanitizer.singleLine(name) != name || name.codePointCount > 40 {
                problems.append("PIXORA_OIDC_NAME must be one line of at most 40 characters")
            } else {
                providers.append(
                    SignInProvider(
                        id: "oidc", name: name, issuer: other[0], clientID: other[1], clientSecret: other[2],
                        allowPrivate: allowPrivate))
            }
        }
        guard problems.isEmpty else { throw UsageError(problems.joined(separator: "\n")) }
        return providers
    }

    /// OpenID Connect issuers are https URLs without query or fragment; plain http only where private
    /// addresses are allowed (a provider on this machine or network).
    static func issuerProblem(_ issuer: String, allowPrivate: Bool) -> String? {
        guard let url = URLComponents(string: issuer), let host = url.host, !host.isEmpty else {
            return "must be a URL with a host, got '\(issuer)'"
        }
        if url.scheme?.lowercased() != "https" && !allowPrivate {
            return "must be an https URL (plain http only with PIXORA_OIDC_ALLOW_PRIVATE), got '\(issuer)'"
        }
        if url.query != nil || url.fragment != nil { return "must have no query or fragment, got '\(issuer)'" }
        if url.user != nil || url.password != nil { return "must not carry credentials" }
        return nil
    }

    /// `issuer` without a trailing slash, the base of the discovery document's path.
    var discoveryURL: String {
        (issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer) + "/.well-known/openid-configuration"
    }
}
