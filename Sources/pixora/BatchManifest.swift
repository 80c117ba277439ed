import Foundation
import PixoraCore
import PixoraMedia

/// What a `--batch` run has finished, keyed by each line's content (SHA-256 of the trimmed line), so a rerun
/// skips a line whose video exists and is valid however the file was reordered or extended. Written after each
/// video, atomically: a run killed in the middle keeps every line it finished.
actor BatchManifest {
    struct Entry: Codable, Sendable {
        var line: Int
        var output: String
        var title: String
        var durationSeconds: Double
        var finishedAt: Date
    }

    struct Document: Codable {
        var version = 1
        var entries: [String: Entry] = [:]
    }

    let file: URL
    private var document: Document

    init(folder: URL) {
        file = folder.appendingPathComponent(".pixora-batch.json")
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        document =
            (try? Data(contentsOf: file)).flatMap { try? decoder.decode(Document.self, from: $0) } ?? Document()
    }

    static func key(of line: String) -> String {
        let text = line.trimmingCharacters(in: .whitespaces)
        return (try? ContentKey(generator: "pixora.batch-line", version: 1, inputs: text).hex) ?? text
    }

    /// The finished entry for `key` whose video is still there and readable by ffprobe (a video stream, a length).
    func done(_ key: String, in folder: URL) async -> Entry? {
        guard let entry = document.entries[key] else { return nil }
        let video = folder.appendingPathComponent(entry.output)
        guard FileManager.default.fileExists(atPath: video.path),
            let info = try? await MediaProbe.probe(video), info.video != nil, info.duration > 0
        else { return nil }
        return entry
    }

    func record(_ key: String, _ entry: Entry) async throws {
        document.entries[key] = entry
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(document)
        try await AtomicFile.write(to: file) { try data.write(to: $0) }
    }
}
