import Foundation
import PixoraCore
import PixoraMedia

/// The embedded image generator: a flat illustration drawn as SVG from the scene's words, mood and style,
/// rendered to PNG by `rsvg-convert`. Needs no network and no model weights.
public struct ProceduralImageGenerator: ImageGenerator {
    public let id = "embedded.procedural-svg"
    public let version = 1

    public init() {}

    /// The picture as SVG text. Pure: the same request always gives the same text.
    public func svg(for request: ImageRequest) -> String {
        Illustration(request: request).markup
    }

    /// Renders beside `output` under a temporary name and renames into place, so a crash never leaves a
    /// half-written picture where a finished one is expected.
    public func makeImage(_ request: ImageRequest, to output: URL) async throws {
        guard request.width > 0, request.height > 0, request.width <= 8192, request.height <= 8192 else {
            throw UsageError("image size must be between 1 and 8192 pixels a side, got \(request.width)×\(request.height)")
        }
        let directory = output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let token = UUID().uuidString
        let source = directory.appendingPathComponent(".\(output.lastPathComponent).\(token).svg")
        let rendered = directory.appendingPathComponent(".\(output.lastPathComponent).\(token).png")
        defer {
            try? FileManager.default.removeItem(at: source)
            try? FileManager.default.removeItem(at: rendered)
        }
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
        guard rename(rendered.path, output.path) == 0 else {
            throw MediaError.unreadableOutput(tool: "rsvg-convert", detail: "could not move the PNG to \(output.path)")
        }
    }
}
