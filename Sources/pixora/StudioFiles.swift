import Foundation
import PixoraCore
import PixoraMedia
import PixoraPipeline

/// What `pixora studio` leaves in its folder for a person to look at: the workflow document, the export, and
/// copies of the hero candidates and of every scene's frames (the originals live in the content-addressed cache
/// under names no one can read).
struct StudioFiles {
    let folder: URL
    let store: AssetStore

    /// The output folder, created when missing.
    static func prepare(_ path: String) throws -> URL {
        let folder = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw UsageError("--out must name a folder; \(path) is a file") }
        } else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw UsageError("the output folder \(folder.path) is not writable")
        }
        return folder
    }

    /// Moves the export step's files from its scratch folder to `video.<format>` and `thumbnail.jpg`.
    func placeExport(_ export: ExportOutput, from scratch: URL) async throws -> ExportOutput {
        var placed = export
        let video = folder.appendingPathComponent("video.\(export.format.fileExtension)")
        try await copy(scratch.appendingPathComponent(export.file), to: video)
        placed.file = video.lastPathComponent
        let thumbnail = scratch.appendingPathComponent(export.thumbnail)
        if !export.thumbnail.isEmpty, FileManager.default.fileExists(atPath: thumbnail.path) {
            try await copy(thumbnail, to: folder.appendingPathComponent("thumbnail.jpg"))
            placed.thumbnail = "thumbnail.jpg"
        } else {
            placed.thumbnail = ""
        }
        return placed
    }

    func write(_ workflow: StudioWorkflow) async throws {
        try await OutputFiles.writeJSON(workflow, to: folder.appendingPathComponent("workflow.json"))
        for (index, candidate) in (workflow.outputs.hero?.candidates ?? []).enumerated() {
            try await copy(
                try store.url(for: candidate.image), to: folder.appendingPathComponent("hero-\(index + 1).png"))
        }
        let frames = folder.appendingPathComponent("frames")
        for scene in workflow.outputs.frames?.scenes ?? [] {
            try await copy(
                try store.url(for: scene.startFrame), to: frames.appendingPathComponent("\(scene.sceneId)-start.png"))
            try await copy(
                try store.url(for: scene.endFrame), to: frames.appendingPathComponent("\(scene.sceneId)-end.png"))
        }
    }

    private func copy(_ source: URL, to destination: URL) async throws {
        try await AtomicFile.write(to: destination) { try FileManager.default.copyItem(at: source, to: $0) }
    }
}
