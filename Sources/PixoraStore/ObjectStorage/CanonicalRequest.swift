import Crypto
import Foundation

/// The canonical form of an HTTP request that SigV4 signs (AWS's "Create a canonical request"): both sides rebuild
/// it from what goes over the wire, so every rule here (encoding, sorting, trimming) must match S3's byte for byte.
public struct CanonicalRequest: Sendable, Equatable {
    public let method: String
    /// The path with each segment URI-encoded once (S3 does not double-encode, unlike the other AWS services).
    public let path: String
    /// `name=value` pairs, each side encoded, sorted by encoded name then value, joined by `&`.
    public let query: String
    /// `name:value\n` lines, sorted by lowercase name.
    public let headers: String
    /// The lowercase header names, sorted, joined by `;`.
    public let signedHeaders: String
    public let payloadHash: String

    /// Builds the canonical request for exactly the headers given (plus `host` from the URL when they lack it);
    /// nothing is added or dropped, so the caller decides what is signed.
    public init(method: String, url: URL, headers: [(String, String)], payloadHash: PayloadHash) throws {
        guard let host = Self.host(of: url) else { throw SigV4Error.missingHost(url.absoluteString) }
        self.method = method
        path = Self.path(of: url)
        query = Self.query(Self.queryItems(of: url))
        var byName: [String: [String]] = [:]
        for (name, value) in headers {
            guard !(name + value).contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
                throw SigV4Error.lineBreakInHeader(name)
            }
            byName[name.trimmingCharacters(in: .whitespaces).lowercased(), default: []].append(Self.trimAll(value))
        }
        if byName["host"] == nil { byName["host"] = [host] }
        let names = byName.keys.sorted()
        // Repeated headers are one line with their values comma-joined in the order sent, as HTTP/1.1 folds them.
        self.headers = names.map { "\($0):\(byName[$0]!.joined(separator: ","))\n" }.joined()
        signedHeaders = names.joined(separator: ";")
        self.payloadHash = payloadHash.value
    }

    /// The text that is hashed into the string to sign.
    public var text: String {
        [method, path, query, headers, signedHeaders, payloadHash].joined(separator: "\n")
    }

    /// The lowercase hex SHA-256 of `text`: the last line of the string to sign.
    public var hash: String { SigV4Signer.hex(SHA256.hash(data: Data(text.utf8))) }

    /// The `Host` header a client sends for this URL: the port only when it is not the scheme's default.
    static func host(of url: URL) -> String? {
        guard let host = url.host(percentEncoded: false), !host.isEmpty else { return nil }
        guard let port = url.port else { return host }
        let scheme = url.scheme?.lowercased()
        let standard = (scheme == "http" && port == 80) || (scheme == "https" && port == 443)
        return standard ? host : "\(host):\(port)"
    }

    /// Splits before decoding, so an encoded `/` inside a key (`%2F`) stays part of its segment.
    static func path(of url: URL) -> String {
        let raw = url.path(percentEncoded: true)
        guard !raw.isEmpty else { return "/" }
        return raw.split(separator: "/", omittingEmptySubsequences: false)
            .map { segment in uriEncode(String(segment).removingPercentEncoding ?? String(segment)) }
            .joined(separator: "/")
    }

    /// The decoded query pairs, in URL order; `+` is a literal plus (RFC 3986), never a space.
    static func queryItems(of url: URL) -> [(String, String)] {
        guard let raw = url.query(percentEncoded: true), !raw.isEmpty else { return [] }
        return raw.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let decode = { (text: String) in text.removingPercentEncoding ?? text }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// Encodes and sorts decoded pairs; a parameter without a value signs as `name=`.
    static func query(_ items: [(String, String)]) -> String {
        items.map { (uriEncode($0.0), uriEncode($0.1)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Percent-encodes every byte outside RFC 3986's unreserved set, with uppercase hex: a space is `%20` and `/`
    /// is `%2F` (path segments are encoded one at a time, so the separators survive).
    static func uriEncode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += String(format: "%%%02X", byte)
            }
        }
        return encoded
    }

    /// Trims the value and collapses each run of spaces or tabs to one space, as the spec's `Trimall` does, so a
    /// proxy that reflows whitespace does not break the signature.
    static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
