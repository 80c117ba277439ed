import Foundation
import PixoraMedia

/// The shared asset store in the bucket of `PIXORA_STORAGE`, under `assets/<name>`: every worker fetches what
/// another made, and API nodes serve scene assets from it (`MediaFolder.assetKey`).
public struct BucketAssets: SharedAssets {
    public let client: S3Client

    public init(client: S3Client) { self.client = client }

    public func fetch(_ name: String, to file: URL) async throws -> Bool {
        let key = try Self.key(name)
        do {
            try await client.download(key: key, to: file)
            return true
        } catch S3Error.noSuchKey {
            return false
        }
    }

    public func publish(_ file: URL, as name: String) async throws {
        let key = try Self.key(name)
        // Content-addressed: an object already under the name holds these bytes.
        if try await client.head(key: key) != nil { return }
        try await client.put(file: file, key: key, contentType: MediaFolder.assetContentType(name))
    }

    public func remove(_ name: String) async throws { try await client.delete(key: try Self.key(name)) }

    static func key(_ name: String) throws -> String {
        guard SharedAssetName.isValidName(name) else { throw StoreError.notFound("no shared asset named \(name)") }
        return MediaFolder.assetKey(name)
    }
}
