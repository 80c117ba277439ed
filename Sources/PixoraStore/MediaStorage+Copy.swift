import Foundation

extension MediaStorage {
    /// The object as a file this process can open: the file itself when the storage is the local disk, else a
    /// copy written into `scratch` (removed with it); throws `notFound` when there is no such object.
    public func readableFile(_ key: String, in scratch: URL) async throws -> URL {
        if let local = try localFile(key) { return local }
        let copy = scratch.appendingPathComponent("stored-\(UUID().uuidString)")
        try await download(key, to: copy)
        return copy
    }

    /// Copies an object into `file` buffer by buffer, so a large video never sits whole in memory.
    public func download(_ key: String, to file: URL) async throws {
        guard let object = try await open(key, range: nil) else { throw StoreError.notFound("no \(key)") }
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path])
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        for try await buffer in object.body { try handle.write(contentsOf: buffer.readableBytesView) }
    }
}
