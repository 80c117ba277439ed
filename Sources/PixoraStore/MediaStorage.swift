import Foundation
import NIOCore

/// Where media objects live, addressed by the keys `MediaFolder` makes (`videos/<id>/v3.mp4`…): the local folder by
/// default, or an S3-compatible bucket (`PIXORA_STORAGE`) shared by every API node and worker. Workers render into
/// scratch and `store` the result; API nodes `open` byte ranges (or lend a presigned link); deleting a video removes
/// its objects.
///
/// Every kind of media is behind it: rendered videos, thumbnails and versions (`videos/`), avatars (`avatars/`),
/// a project's uploads, keyframes and studio exports (`projects/`), account exports (`exports/`) and the shared
/// asset cache (`assets/`, written through `BucketAssets`). The local folder keeps only scratch files.
public protocol MediaStorage: Sendable {
    /// Moves a finished file under `key`; the file is consumed (renamed or uploaded then removed).
    func store(_ file: URL, as key: String, contentType: String) async throws
    /// The file itself when the storage is the local disk, so the range server can send it directly.
    func localFile(_ key: String) throws -> URL?
    /// Opens the object, or one byte range of it; nil when there is no such object.
    func open(_ key: String, range: ClosedRange<Int>?) async throws -> MediaObject?
    /// The object's size in bytes; nil when there is no such object.
    func size(of key: String) async throws -> Int?
    /// A link that reads the object for `expires` seconds without credentials; nil when the storage has none.
    func presignedURL(for key: String, expires: Int) throws -> URL?
    /// Removes one object; a missing one is not an error, a failing store is logged by the caller's retry.
    func remove(_ key: String) async throws
    /// Removes every object of a video (all its versions and thumbnails).
    func removeVideo(_ video: String) async throws
    /// Removes every object of a project (its uploads, keyframes and exports).
    func removeProject(_ project: String) async throws
}

/// Bytes read from a storage: how many, where in the object, and the stream of them.
public struct MediaObject: Sendable {
    public let totalSize: Int
    /// The range this object carries (the whole object when none was asked for).
    public let range: ClosedRange<Int>
    public let body: AnyAsyncSequence
}

/// A type-erased stream of buffers, so the folder and the bucket hand out the same type.
public struct AnyAsyncSequence: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    let make: @Sendable () -> AsyncThrowingStream<ByteBuffer, any Error>

    public init<S: AsyncSequence & Sendable>(_ sequence: S) where S.Element == ByteBuffer {
        make = {
            AsyncThrowingStream { continuation in
                let task = Task {
                    do {
                        for try await buffer in sequence { continuation.yield(buffer) }
                        continuation.finish()
                    } catch {
                        continuation.finish(throwing: error)
                    }
                }
                continuation.onTermination = { _ in task.cancel() }
            }
        }
    }

    public func makeAsyncIterator() -> AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator {
        make().makeAsyncIterator()
    }
}

/// The video keys a storage deletes with `removeVideo`: the folder `videos/<id>/`, only for a well-formed id.
func videoPrefix(_ video: String) -> String? {
    video.range(of: #"^[0-9a-f-]{36}$"#, options: .regularExpression) == nil ? nil : "videos/\(video)/"
}

/// The project keys a storage deletes with `removeProject`: the folder `projects/<id>/`, only for a well-formed id.
func projectPrefix(_ project: String) -> String? {
    project.range(of: #"^[0-9a-f-]{36}$"#, options: .regularExpression) == nil ? nil : "projects/\(project)/"
}
