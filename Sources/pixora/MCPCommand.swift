import ArgumentParser
import Foundation
import Logging
import MCP
import PixoraPipeline
import PixoraProviders

/// `pixora mcp`: an MCP server on stdin/stdout for a local client (Claude Desktop, an IDE, an agent). Videos are
/// made on this machine with the same pipeline and asset cache as `pixora generate`; no account is involved.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the Model Context Protocol on stdin/stdout: plan, make and edit videos locally.",
        discussion: "Add it to an MCP client as the command `pixora mcp`. Stdout carries only the protocol; "
            + "logs go to stderr. The server's own MCP endpoint is /mcp on `pixora serve` (bearer token).")

    @Option(name: .long, help: "Asset cache folder (default: $PIXORA_CACHE_DIR or ~/.cache/pixora).")
    var cache: String?

    func run() async throws {
        var logger = Logger(label: "pixora.mcp")
        logger.logLevel = .warning
        let providers = try ProviderSettings.from(configuration: .current)
        let pipeline = VideoPipeline(
            generators: providers.generators(logger: logger),
            store: AssetStore(root: cache.map { URL(fileURLWithPath: $0) } ?? AssetStore.defaultRoot()))
        let tools = LocalMCPTools(
            pipeline: pipeline, defaultVoice: providers.defaultVoice,
            describer: providers.sampleDescriber(logger: logger), logger: logger)
        let server = await tools.makeServer()
        try await server.start(transport: StdioTransport(logger: logger))
        // Ends when the client closes stdin (or the command is cancelled: Ctrl-C, SIGTERM).
        await withTaskCancellationHandler {
            await server.waitUntilCompleted()
        } onCancel: {
            Task { await server.stop() }
        }
    }
}
