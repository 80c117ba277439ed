import PixoraCore

/// Why a storage request failed, in words that say what to fix. Never holds a secret: the access key ID is shown
/// (it names the key, as AWS's consoles do), the secret key and session token never are.
public enum S3Error: UserFacingError, Equatable, Sendable {
    /// `PIXORA_STORAGE` or a location built in code is malformed.
    case invalidLocation(String)
    /// No credentials in the environment.
    case missingCredentials
    /// The object does not exist.
    case noSuchKey(String)
    case noSuchBucket(bucket: String, server: String)
    /// The store does not know the access key ID.
    case accessKeyRejected(accessKeyID: String, server: String)
    /// The store knows the key but the signature does not match: the secret key is wrong (or the clock is off).
    case signatureRejected(accessKeyID: String)
    /// The key is valid but not allowed to do this.
    case accessDenied(String)
    /// No HTTP answer: refused connection, unknown host, timeout.
    case unreachable(server: String, reason: String)
    /// A range outside the object (416).
    case rangeNotSatisfiable(key: String, size: Int?)
    /// Any other error answer, with S3's code and message when it sent them.
    case rejected(status: Int, code: String, message: String)
    /// An answer that does not have the shape S3 gives it (a list without keys, an upload without an id).
    case malformedAnswer(String)

    /// A malformed setting is the operator's to fix (exit 2); the rest are failures of the store or the network.
    public var isUsageError: Bool {
        switch self {
        case .invalidLocation, .missingCredentials: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .invalidLocation(let message): message
        case .missingCredentials:
            "object storage needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary"
                + " credentials)"
        case .noSuchKey(let key): "the storage has no object \(key)"
        case .noSuchBucket(let bucket, let server):
            "the bucket \(bucket) does not exist at \(server); create it or fix PIXORA_STORAGE"
        case .accessKeyRejected(let key, let server):
            "the storage rejected the access key \(key) (InvalidAccessKeyId) at \(server); check AWS_ACCESS_KEY_ID"
        case .signatureRejected(let key):
            "the storage rejected the signature made with access key \(key) (SignatureDoesNotMatch); check"
                + " AWS_SECRET_ACCESS_KEY and this machine's clock"
        case .accessDenied(let message): "the storage denied access: \(message)"
        case .unreachable(let server, let reason): "cannot reach the storage at \(server): \(reason)"
        case .rangeNotSatisfiable(let key, let size):
            "the range asked for is outside \(key)" + (size.map { " (\($0) bytes)" } ?? "")
        case .rejected(let status, let code, let message):
            "the storage answered \(status)" + (code.isEmpty ? "" : " \(code)")
                + (message.isEmpty ? "" : ": \(message)")
        case .malformedAnswer(let what): "the storage sent an answer Pixora cannot read: \(what)"
        }
    }
}
