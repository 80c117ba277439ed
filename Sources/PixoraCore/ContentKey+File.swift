import Crypto
import Foundation

extension ContentKey {
    /// The SHA-256 of a file's bytes, read in 1 MiB pieces: the key of a stored upload, which is addressed by
    /// what it holds rather than by the inputs of a generator.
    public init(contentsOf file: URL) throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty { hasher.update(data: piece) }
        hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
