import Foundation
import PixoraCore
import PixoraMedia

/// The embedded image generator: a flat illustration drawn as SVG from the scene's words, mood and style,
/// rendered to PNG by `rsvg-convert`. Needs no network and no model weights.
public struct ProceduralImageGenerator: ImageGenerator {
    public let id = "embedded.procedural-svg"
    /// 2: title margins wide enough for Ken Burns crops.
    public let version = 2

    public init() {}

    /// The picture as SVG text. Pure: the same request always gives the same text.
    public func svg(for request: ImageRequest) -> String {
        Illustration(request: request).markup
    }

    /// Renders under a temporary name beside `output` and renames into place, so a failure never leaves a
    /// half-written picture where a finished one is expected.
    public func makeImage(_ request: ImageRequest, to output: URL) async throws {
        guard (1...8192).contains(request.width), (1...8192).contains(request.height) else {
            throw UsageError(
                "image size must be between 1 and 8192 pixels a side, got \(request.width)×\(request.height)")
        }
        try await AtomicFile.write(to: output) { rendered in
            let source = AtomicFile.temporarySibling(of: output.deletingPathExtension().appendingPathExtension("svg"))
            defer { try? FileManager.default.removeItem(at: source) }
            try Data(svg(for: request).utf8).write(to: source)
            try await ToolRunner.run(
                .rsvgConvert,
                ["-w", "\(request.width)", "-h", "\(request.height)", "-f", "png", "-o", rendered.path, source.path])
            let size = try PNGSize(contentsOf: rendered)
            guard size.width == request.width, size.height == request.height else {
                throw MediaError.unreadableOutput(
                    tool: "rsvg-convert",
                    detail: "expected a \(request.width)×\(request.height) PNG, got \(size.width)×\(size.height)")
            }
        }
    }
}
