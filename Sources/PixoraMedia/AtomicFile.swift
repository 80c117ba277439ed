import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file under a temporary name beside its destination and renames it into place,
/// so a crash or failure never leaves a partial file under the real name.
public enum AtomicFile {
    /// A temporary sibling of `destination` with the same extension (tools pick the format from it).
    public static func temporarySibling(of destination: URL) -> URL {
        let name = ".\(destination.deletingPathExtension().lastPathComponent).\(UUID().uuidString.prefix(8)).partial"
        let ext = destination.pathExtension
        return destination.deletingLastPathComponent().appendingPathComponent(ext.isEmpty ? name : "\(name).\(ext)")
    }

    /// Runs `produce` against a temporary file and moves the result to `destination` only if it succeeds.
    @discardableResult
    public static func write<T>(to destination: URL, _ produce: (URL) async throws -> T) async throws -> T {
        try FileManager.default.createDirectory(
            at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = temporarySibling(of: destination)
        do {
            let result = try await produce(temporary)
            guard FileManager.default.fileExists(atPath: temporary.path) else {
                throw MediaError.unreadableOutput(
                    tool: "pixora", detail: "no file was produced for \(destination.lastPathComponent)")
            }
            // POSIX rename replaces an existing file atomically; Foundation's replaceItemAt on Linux deletes it instead.
            guard rename(temporary.path, destination.path) == 0 else {
                throw MediaError.unreadableOutput(
                    tool: "pixora",
                    detail: "cannot move the finished file to \(destination.path): \(String(cString: strerror(errno)))")
            }
            return result
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
