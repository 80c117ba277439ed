import Crypto
import Foundation

/// Stripe's webhook signature: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t." + body>[,v1=…]`,
/// keyed by the endpoint's `whsec_…` secret as text. Several `v1` appear while a secret is being rolled.
public enum StripeSignature {
    /// Stripe's own libraries allow five minutes between signing and checking.
    public static let tolerance: Int64 = 300

    /// Why a delivery was refused: said in the 400's message, never more (no secret, no expected value).
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case missing
        case malformed
        case stale
        case mismatch

        public var description: String {
            switch self {
            case .missing: "the Stripe-Signature header is missing"
            case .malformed: "the Stripe-Signature header has no t= timestamp or no v1= signature"
            case .stale: "the Stripe-Signature timestamp is more than 5 minutes from now"
            case .mismatch: "no v1 signature matches the body"
            }
        }
    }

    /// The header for `body` signed at `timestamp` (the emulator's and the tests' side).
    public static func header(secret: String, timestamp: Int64, body: Data) -> String {
        "t=\(timestamp),v1=\(hex(mac(secret: secret, timestamp: timestamp, body: body)))"
    }

    /// Checks `header` against the raw `body`; `now` in seconds since 1970.
    public static func verify(header: String?, body: Data, secret: String, now: Int64) throws(Refusal) {
        guard let header, !header.isEmpty else { throw .missing }
        var timestamp: Int64?
        var signatures: [Data] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = Int64(pair[1]) }
            if pair[0] == "v1", let bytes = bytes(hex: pair[1]) { signatures.append(bytes) }
        }
        guard let timestamp, !signatures.isEmpty else { throw .malformed }
        guard abs(now - timestamp) <= tolerance else { throw .stale }
        let expected = mac(secret: secret, timestamp: timestamp, body: body)
        // Every candidate is compared in full, in constant time, so the answer's timing says nothing.
        var matched = false
        for signature in signatures where constantTimeEqual(signature, expected) { matched = true }
        guard matched else { throw .mismatch }
    }

    static func mac(secret: String, timestamp: Int64, body: Data) -> Data {
        var content = Data("\(timestamp).".utf8)
        content.append(body)
        return Data(HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: Data(secret.utf8))))
    }

    static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }

    static func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

    static func bytes(hex text: String) -> Data? {
        guard text.count % 2 == 0, !text.isEmpty else { return nil }
        var data = Data()
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            data.append(byte)
            index = next
        }
        return data
    }
}
