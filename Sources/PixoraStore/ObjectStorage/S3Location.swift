import Foundation

/// Where objects live: a bucket, in a region, at AWS or at an S3-compatible endpoint. Parsed from
/// `PIXORA_STORAGE=s3://BUCKET?endpoint=URL&region=R`; with an endpoint, requests use path-style addressing
/// (`ENDPOINT/BUCKET/KEY`), which every S3-compatible server accepts; without one, AWS's virtual-hosted style.
public struct S3Location: Sendable, Equatable, CustomStringConvertible {
    public let bucket: String
    public let region: String
    /// The server's base URL (`http://127.0.0.1:9000`); nil for AWS itself.
    public let endpoint: URL?

    public static let defaultRegion = "us-east-1"

    public init(bucket: String, region: String = defaultRegion, endpoint: URL? = nil) throws(S3Error) {
        guard Self.isValidBucket(bucket) else {
            throw .invalidLocation(
                "the bucket name \"\(bucket)\" is not valid: 3 to 63 lowercase letters, digits, dots or hyphens,"
                    + " starting and ending with a letter or digit")
        }
        guard region.range(of: #"^[a-z0-9-]{1,40}$"#, options: .regularExpression) != nil else {
            throw .invalidLocation("the region \"\(region)\" is not valid (such as us-east-1)")
        }
        if let endpoint {
            guard let scheme = endpoint.scheme?.lowercased(), scheme == "http" || scheme == "https",
                let host = endpoint.host(), !host.isEmpty, endpoint.query == nil
            else {
                throw .invalidLocation(
                    "the endpoint \"\(endpoint.absoluteString)\" must be an http:// or https:// URL with a host")
            }
        }
        self.bucket = bucket
        self.region = region
        self.endpoint = endpoint
    }

    /// Parses `s3://BUCKET?endpoint=URL&region=R` (both parameters optional; no other parameter is accepted).
    public init(parsing text: String) throws(S3Error) {
        guard let parts = URLComponents(string: text), parts.scheme?.lowercased() == "s3" else {
            throw .invalidLocation("the storage must be s3://BUCKET?endpoint=URL&region=R, not \"\(text)\"")
        }
        guard parts.path.isEmpty || parts.path == "/" else {
            throw .invalidLocation("the storage URL takes no path after the bucket: s3://BUCKET?endpoint=URL&region=R")
        }
        var region = Self.defaultRegion
        var endpoint: URL?
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "region": region = item.value ?? ""
            case "endpoint":
                guard let value = item.value, let url = URL(string: value) else {
                    throw .invalidLocation("the endpoint parameter of the storage URL is not a URL")
                }
                endpoint = url
            default:
                throw .invalidLocation(
                    "the storage URL accepts only the endpoint and region parameters, not \"\(item.name)\"")
            }
        }
        try self.init(bucket: parts.host ?? "", region: region, endpoint: endpoint)
    }

    static func isValidBucket(_ name: String) -> Bool {
        name.range(of: #"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"#, options: .regularExpression) != nil
            && !name.contains("..")
    }

    /// The URL of the bucket (`key` nil) or of one object, with an optional query (names and values unencoded).
    public func url(key: String? = nil, query: [(String, String)] = []) -> URL {
        var base: String
        if let endpoint {
            var root = endpoint.absoluteString
            while root.hasSuffix("/") { root.removeLast() }
            base = root + "/" + bucket
        } else {
            base = "https://\(bucket).s3.\(region).amazonaws.com"
        }
        if let key {
            base +=
                "/"
                + key.split(separator: "/", omittingEmptySubsequences: false)
                .map { CanonicalRequest.uriEncode(String($0)) }.joined(separator: "/")
        } else if endpoint == nil {
            base += "/"
        }
        if !query.isEmpty {
            base +=
                "?"
                + query.map { "\(CanonicalRequest.uriEncode($0.0))=\(CanonicalRequest.uriEncode($0.1))" }
                .joined(separator: "&")
        }
        return URL(string: base)!
    }

    /// Where the requests go, for messages: the endpoint, or AWS's host for the bucket.
    public var server: String { endpoint?.absoluteString ?? "https://\(bucket).s3.\(region).amazonaws.com" }

    public var description: String {
        "s3://\(bucket)?" + (endpoint.map { "endpoint=\($0.absoluteString)&" } ?? "") + "region=\(region)"
    }
}
