import Crypto
import Foundation

/// Signs requests to an S3-compatible object store with AWS Signature Version 4, by header or by presigned URL.
/// A value with no clock: every call takes the signing time, so tests pin it and a server can sign for a skewed
/// store.
public struct SigV4Signer: Sendable {
    public let accessKeyID: String
    public let secretAccessKey: String
    /// Set for temporary credentials (STS); it is then sent and signed with every request.
    public let sessionToken: String?
    public let region: String
    public let service: String

    public static let algorithm = "AWS4-HMAC-SHA256"
    /// S3's limit for `X-Amz-Expires`: seven days.
    public static let maximumExpiry = 604_800

    public init(
        accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, region: String,
        service: String = "s3"
    ) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.region = region
        self.service = service
    }

    /// The headers to add to a request so that S3 accepts it: `x-amz-date`, `x-amz-content-sha256`,
    /// `x-amz-security-token` (with a session token) and `Authorization`. Every header passed in is signed, so pass
    /// only those that reach the store unchanged (not `User-Agent` or hop-by-hop headers a proxy may rewrite).
    public func sign(
        method: String, url: URL, headers: [(String, String)] = [], payload: PayloadHash, date: Date
    ) throws -> [(String, String)] {
        var added = [("x-amz-date", Self.timestamp(date)), ("x-amz-content-sha256", payload.value)]
        if let sessionToken { added.append(("x-amz-security-token", sessionToken)) }
        // The caller's copies of the headers the signer owns are dropped: a second x-amz-date would be signed
        // comma-joined with the first and never match.
        let owned: Set = ["x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "authorization"]
        let kept = headers.filter { !owned.contains($0.0.trimmingCharacters(in: .whitespaces).lowercased()) }
        let canonical = try CanonicalRequest(method: method, url: url, headers: kept + added, payloadHash: payload)
        return added + [("Authorization", authorization(for: canonical, date: date))]
    }

    /// A URL that grants `method` on `url` to whoever holds it until `date + expires`, with nothing else to send.
    /// The body is never covered (`UNSIGNED-PAYLOAD`), as S3 requires for presigned URLs; `headers` are signed and
    /// must then be sent by the user of the URL with the same values.
    public func presign(
        method: String = "GET", url: URL, expires: Int, headers: [(String, String)] = [], date: Date
    ) throws -> URL {
        guard (1...Self.maximumExpiry).contains(expires) else { throw SigV4Error.expiresOutOfRange(expires) }
        var items = CanonicalRequest.queryItems(of: url)
        let probe = try CanonicalRequest(method: method, url: url, headers: headers, payloadHash: .unsigned)
        items += [
            ("X-Amz-Algorithm", Self.algorithm),
            ("X-Amz-Credential", "\(accessKeyID)/\(scope(date))"),
            ("X-Amz-Date", Self.timestamp(date)),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", probe.signedHeaders),
        ]
        if let sessionToken { items.append(("X-Amz-Security-Token", sessionToken)) }
        let query = CanonicalRequest.query(items)
        var parts = URLComponents(url: url, resolvingAgainstBaseURL: false)
        parts?.percentEncodedPath = probe.path
        parts?.percentEncodedQuery = query
        guard let signedURL = parts?.url else { throw SigV4Error.missingHost(url.absoluteString) }
        let canonical = try CanonicalRequest(method: method, url: signedURL, headers: headers, payloadHash: .unsigned)
        parts?.percentEncodedQuery = query + "&X-Amz-Signature=" + signature(for: canonical, date: date)
        guard let presigned = parts?.url else { throw SigV4Error.missingHost(url.absoluteString) }
        return presigned
    }

    /// The `Authorization` header value for a canonical request that already carries its `x-amz-date` header.
    public func authorization(for canonical: CanonicalRequest, date: Date) -> String {
        "\(Self.algorithm) Credential=\(accessKeyID)/\(scope(date)), SignedHeaders=\(canonical.signedHeaders), "
            + "Signature=\(signature(for: canonical, date: date))"
    }

    /// The lowercase hex HMAC of the string to sign under the day's signing key.
    public func signature(for canonical: CanonicalRequest, date: Date) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: Data(stringToSign(for: canonical, date: date).utf8), using: signingKey(date))
        return Self.hex(code)
    }

    /// Algorithm, timestamp, scope and the canonical request's hash, one per line.
    public func stringToSign(for canonical: CanonicalRequest, date: Date) -> String {
        [Self.algorithm, Self.timestamp(date), scope(date), canonical.hash].joined(separator: "\n")
    }

    /// `date/region/service/aws4_request`: what the key is valid for, so a leaked day key cannot sign another day,
    /// region or service.
    public func scope(_ date: Date) -> String {
        "\(Self.day(date))/\(region)/\(service)/aws4_request"
    }

    /// The HMAC chain secret → date → region → service → `aws4_request`.
    public func signingKey(_ date: Date) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secretAccessKey)".utf8))
        for step in [Self.day(date), region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(step.utf8), using: key)))
        }
        return key
    }

    /// `yyyyMMdd'T'HHmmss'Z'` in UTC, whole seconds, as `x-amz-date` requires.
    public static func timestamp(_ date: Date) -> String {
        let utc = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d%02d%02dT%02d%02d%02dZ", utc.year!, utc.month!, utc.day!, utc.hour!, utc.minute!, utc.second!)
    }

    static func day(_ date: Date) -> String { String(timestamp(date).prefix(8)) }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
