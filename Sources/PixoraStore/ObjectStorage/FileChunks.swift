import Foundation
import NIOCore

/// A byte range of a file as a sequence of buffers, read one chunk at a time, so a request body streams from disk
/// and never holds the whole file. Each iteration opens the file anew, so a retried request can read it again.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let url: URL
    let offset: Int
    let length: Int
    var chunkSize = 1 << 20

    struct AsyncIterator: AsyncIteratorProtocol {
        let handle: FileHandle?
        var remaining: Int
        let chunkSize: Int

        mutating func next() async throws -> ByteBuffer? {
            guard remaining > 0, let handle else {
                try? handle?.close()
                return nil
            }
            guard let data = try handle.read(upToCount: Swift.min(chunkSize, remaining)), !data.isEmpty else {
                throw S3Error.malformedAnswer("the file being sent became shorter while it was read")
            }
            remaining -= data.count
            if remaining == 0 { try? handle.close() }
            return ByteBuffer(bytes: data)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        let handle = try? FileHandle(forReadingFrom: url)
        try? handle?.seek(toOffset: UInt64(offset))
        return AsyncIterator(handle: handle, remaining: handle == nil ? 0 : length, chunkSize: chunkSize)
    }
}
