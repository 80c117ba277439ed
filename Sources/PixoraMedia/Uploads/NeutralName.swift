import Foundation

/// Runs a media tool on a link to a file under a name without an extension: ffmpeg picks a demuxer by the name's
/// extension before it looks at the bytes (a text file named `.png` goes to the PNG decoder), and an uploaded
/// name is the user's text, which must not reach a tool's command line or its error messages.
enum NeutralName {
    static func withLink<T>(to file: URL, _ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pixora-upload-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("upload")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file.standardizedFileURL)
        return try await body(link)
    }
}
