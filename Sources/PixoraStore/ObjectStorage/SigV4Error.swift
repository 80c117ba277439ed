/// Why a request could not be signed. Each case names the bad input, so a misconfigured object store fails with a
/// message that says what to fix rather than with a 403 from the far side.
public enum SigV4Error: Error, Equatable, CustomStringConvertible, Sendable {
    /// A presigned URL must live 1 s to 7 days (S3's own limit; a longer one would be refused when used).
    case expiresOutOfRange(Int)
    /// The URL has no host, so there is nothing to put in the signed `host` header.
    case missingHost(String)
    /// A payload hash that is neither 64 lowercase hex digits nor `UNSIGNED-PAYLOAD`.
    case invalidPayloadHash(String)
    /// A header whose name or value holds a line break: it would add lines to the canonical request (and split the
    /// header on the wire), so a text such as a user's file name put in a header cannot forge what is signed.
    case lineBreakInHeader(String)

    public var description: String {
        switch self {
        case .expiresOutOfRange(let seconds):
            "a presigned URL must expire in 1 to 604800 seconds, not \(seconds)"
        case .missingHost(let url):
            "the URL \(url) has no host to sign"
        case .invalidPayloadHash(let value):
            "a payload hash must be 64 lowercase hex digits or UNSIGNED-PAYLOAD, not \(value)"
        case .lineBreakInHeader(let name):
            "the header \(name) holds a line break"
        }
    }
}
