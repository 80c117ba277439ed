import Crypto
import Foundation

/// The value a SigV4 signature states for the request body: the hex SHA-256 of the bytes, or `UNSIGNED-PAYLOAD`
/// when the body is streamed and cannot be hashed before the headers go out (TLS still protects it in transit).
public struct PayloadHash: Sendable, Equatable, CustomStringConvertible {
    /// The text placed in the canonical request and in `x-amz-content-sha256`.
    public let value: String

    /// For a body streamed from disk or a pipe; S3 accepts it over HTTPS.
    public static let unsigned = PayloadHash(checked: "UNSIGNED-PAYLOAD")
    /// For a request with no body (GET, HEAD, DELETE): the SHA-256 of zero bytes.
    public static let empty = PayloadHash.of(Data())

    /// Hashes a body held in memory.
    public static func of(_ body: some DataProtocol) -> PayloadHash {
        PayloadHash(checked: SigV4Signer.hex(SHA256.hash(data: body)))
    }

    /// A hash computed elsewhere (for instance while a file was written). Checked, because a typo here would only
    /// show up as a signature mismatch on the server.
    public init(hex: String) throws {
        let isHex =
            hex.utf8.count == 64
            && hex.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        guard isHex || hex == "UNSIGNED-PAYLOAD" else { throw SigV4Error.invalidPayloadHash(hex) }
        value = hex
    }

    private init(checked value: String) { self.value = value }

    public var description: String { value }
}
