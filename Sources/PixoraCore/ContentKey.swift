import Crypto
import Foundation

/// The address of a generated asset: sha256 over the generator's id and version and its canonical inputs.
/// The same inputs never generate twice, and changing one input changes only the keys that depend on it.
public struct ContentKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public let hex: String

    public init<Inputs: Encodable>(generator: String, version: Int, inputs: Inputs) throws {
        var hasher = SHA256()
        hasher.update(data: Data("\(generator)\u{0}\(version)\u{0}".utf8))
        hasher.update(data: try CanonicalJSON.encode(inputs))
        hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    public init?(hex: String) {
        guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        self.hex = hex
    }

    public var description: String { hex }
}
