import Foundation

/// Media in an S3-compatible bucket, under the same keys as in the folder, so every node sees what any worker made.
public struct BucketMediaStorage: MediaStorage {
    public let client: S3Client

    public init(client: S3Client) { self.client = client }

    /// Uploads (multipart when large), then removes the local file: a worker keeps only scratch.
    public func store(_ file: URL, as key: String, contentType: String) async throws {
        guard MediaFolder.isValidKey(key) else { throw StoreError.notFound("no such media") }
        try await client.put(file: file, key: key, contentType: contentType)
        try? FileManager.default.removeItem(at: file)
    }

    public func localFile(_ key: String) throws -> URL? { nil }

    public func open(_ key: String, range: ClosedRange<Int>?) async throws -> MediaObject? {
        guard MediaFolder.isValidKey(key) else { return nil }
        do {
            let object = try await client.get(key: key, range: range)
            let served = object.range ?? 0...max(object.totalSize - 1, 0)
            return MediaObject(totalSize: object.totalSize, range: served, body: AnyAsyncSequence(object.body))
        } catch S3Error.noSuchKey {
            return nil
        }
    }

    public func size(of key: String) async throws -> Int? {
        guard MediaFolder.isValidKey(key) else { return nil }
        return try await client.head(key: key)?.size
    }

    public func presignedURL(for key: String, expires: Int) throws -> URL? {
        guard MediaFolder.isValidKey(key) else { return nil }
        return try client.presignedGET(key: key, expires: expires)
    }

    public func remove(_ key: String) async throws {
        guard MediaFolder.isValidKey(key) else { return }
        try await client.delete(key: key)
    }

    public func removeVideo(_ video: String) async throws {
        guard let prefix = videoPrefix(video) else { return }
        try await client.deleteAll(prefix: prefix)
    }

    public func removeProject(_ project: String) async throws {
        guard let prefix = projectPrefix(project) else { return }
        try await client.deleteAll(prefix: prefix)
    }
}
