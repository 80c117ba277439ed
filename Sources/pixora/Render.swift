import ArgumentParser
import Foundation
import PixoraCore
import PixoraMedia
import PixoraPipeline

struct Render: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Render an (edited) editor-state.json to an MP4.")

    @Argument(help: "The EditorState document, e.g. bees.editor-state.json.")
    var editorState: String

    @Option(name: .shortAndLong, help: "Output MP4.")
    var out: String

    @Option(
        name: .long,
        help: "Asset cache folder holding the document's assets (default: $PIXORA_CACHE_DIR or ~/.cache/pixora).")
    var cache: String?

    @Flag(help: "Encode the whole picture in one pass, bypassing the cache of encoded segments (for comparison).")
    var full = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() async throws {
        let started = Date()
        let state = try EditorState.load(try InputFile.read(editorState, what: "editor state file"))
        try Preflight.checkRender()
        let output = URL(fileURLWithPath: out)
        try OutputFiles.checkWritable(output)
        let display = ProgressDisplay(quiet: quiet)
        let store = AssetStore(root: cache.map { URL(fileURLWithPath: $0) } ?? AssetStore.defaultRoot())
        let thumbnail = OutputFiles(video: output).thumbnail
        let renderer = Renderer(assets: store, segments: full ? nil : store)
        let result = try await renderer.render(state, to: output, thumbnail: thumbnail) { fraction in
            display.handle(.init(stage: .rendering, fraction: fraction, message: "rendering"))
        }
        display.finish()
        if !quiet { OutputFiles.printSummary(result, started: started, extra: ["thumbnail": thumbnail.path]) }
    }
}
