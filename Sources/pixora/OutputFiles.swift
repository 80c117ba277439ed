import Foundation
import PixoraCore
import PixoraMedia

/// The files written beside a video: thumbnail, plan and editor state.
struct OutputFiles {
    let video: URL

    private var base: URL { video.deletingPathExtension() }
    var thumbnail: URL { base.appendingPathExtension("jpg") }
    var plan: URL { URL(fileURLWithPath: base.path + ".plan.json") }
    var editorState: URL { URL(fileURLWithPath: base.path + ".editor-state.json") }

    /// `how-bees-make-honey.mp4`
    static func defaultName(for title: String) -> String {
        let slug = title.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
            .split(separator: "-").prefix(8).joined(separator: "-")
        return (slug.isEmpty ? "pixora" : slug) + ".mp4"
    }

    static func checkWritable(_ output: URL) throws {
        guard output.pathExtension.lowercased() == "mp4" else {
            throw UsageError("--out must name an .mp4 file, got '\(output.lastPathComponent)'")
        }
        var isDirectory: ObjCBool = false
        let folder = output.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw UsageError("the output folder \(folder.path) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw UsageError("the output folder \(folder.path) is not writable")
        }
    }

    static func writeJSON<T: Encodable>(_ value: T, to url: URL) async throws {
        let data = try CanonicalJSON.encode(value, pretty: true)
        try await AtomicFile.write(to: url) { try data.write(to: $0) }
    }

    static func printSummary(_ result: RenderResult, started: Date, extra: KeyValuePairs<String, String>) {
        let seconds = Date().timeIntervalSince(started)
        let megabytes = Double(result.bytes) / 1_000_000
        print("video:     \(result.output.path)")
        print("duration:  \(String(format: "%.2f", result.duration)) s")
        print("size:      \(String(format: "%.1f", megabytes)) MB")
        if let loudness = result.loudness {
            print(
                "loudness:  mix measured \(String(format: "%.1f", loudness.integrated)) LUFS, normalised to the target")
        }
        if let use = result.segments {
            print("segments:  \(use.encoded) encoded, \(use.reused) reused from the cache")
        }
        for (key, value) in extra { print("\(key):\(String(repeating: " ", count: max(10 - key.count, 1)))\(value)") }
        print("time:      \(String(format: "%.1f", seconds)) s")
    }
}

/// Reads a file named on the command line, with a clear message when it cannot be read.
enum InputFile {
    static let maximumBytes = 10 << 20

    /// A file that exists and is not a folder (media files are read by the tools, not loaded).
    static func check(_ path: String, what: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw UsageError("the \(what) \(path) does not exist")
        }
        guard !isDirectory.boolValue else { throw UsageError("the \(what) \(path) is a folder, not a file") }
    }

    static func read(_ path: String, what: String) throws -> Data {
        try check(path, what: what)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("the \(what) \(path) cannot be read (check its permissions)")
        }
        guard data.count <= maximumBytes else { throw UsageError("the \(what) \(path) is larger than 10 MB") }
        return data
    }
}

/// Checks the system tools a command needs before any work starts, so a missing one fails at once with its package name.
enum Preflight {
    /// Everything `generate` runs.
    static func check() throws { try check(SystemTool.embeddedPipeline, soundfont: true) }

    /// What rendering an existing timeline runs: ffmpeg, ffprobe and the fonts.
    static func checkRender() throws { try check([.ffmpeg, .ffprobe], soundfont: false) }

    private static func check(_ tools: [SystemTool], soundfont: Bool) throws {
        for tool in tools where tool.locate() == nil {
            throw MediaError.toolMissing(tool: tool.name, package: tool.debianPackage)
        }
        if soundfont { _ = try SystemFile.generalMIDISoundfont.locate() }
        _ = try SystemFile.fontsDirectory.locate()
    }
}
