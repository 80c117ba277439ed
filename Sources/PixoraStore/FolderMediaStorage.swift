import Foundation

/// The local media folder as a `MediaStorage`: the default, for one machine (or nodes sharing one disk).
public struct FolderMediaStorage: MediaStorage {
    public let folder: MediaFolder

    public init(folder: MediaFolder) { self.folder = folder }

    public func store(_ file: URL, as key: String, contentType: String) async throws {
        try folder.place(file, as: key)
    }

    public func localFile(_ key: String) throws -> URL? { try folder.url(for: key) }

    public func open(_ key: String, range: ClosedRange<Int>?) async throws -> MediaObject? {
        let url = try folder.url(for: key)
        guard let size = try? S3Client.size(of: url) else { return nil }
        let served = range ?? 0...max(size - 1, 0)
        guard served.lowerBound < size || size == 0 else { return nil }
        let upper = min(served.upperBound, size - 1)
        let length = size == 0 ? 0 : upper - served.lowerBound + 1
        return MediaObject(
            totalSize: size, range: served.lowerBound...max(upper, served.lowerBound),
            body: AnyAsyncSequence(FileChunks(url: url, offset: served.lowerBound, length: length)))
    }

    public func size(of key: String) async throws -> Int? {
        try? S3Client.size(of: try folder.url(for: key))
    }

    public func presignedURL(for key: String, expires: Int) throws -> URL? { nil }

    public func remove(_ key: String) async throws { folder.remove(key) }

    public func removeVideo(_ video: String) async throws { folder.removeVideo(video) }

    public func removeProject(_ project: String) async throws { folder.removeProject(project) }
}
