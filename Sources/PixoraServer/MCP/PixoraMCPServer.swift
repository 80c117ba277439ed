import MCP

/// The MCP server both places run (`/mcp` per session, `pixora mcp` on stdio): the catalogue's tools and the
/// video resources, answered by the given functions.
public enum PixoraMCPServer {
    public static func make(
        title: String, instructions: String, place: MCPToolCatalogue.Place,
        call: @escaping @Sendable (_ tool: String, _ arguments: [String: Value]?, MCPProgress) async -> CallTool.Result,
        resources: @escaping @Sendable () async throws -> [Resource],
        read: @escaping @Sendable (_ uri: String) async throws -> ReadResource.Result
    ) async -> Server {
        let server = Server(
            name: "pixora", version: "1.0", title: title, instructions: instructions,
            capabilities: .init(
                resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: MCPToolCatalogue.tools(place)) }
        await server.withMethodHandler(CallTool.self) { [weak server] params in
            await call(params.name, params.arguments, MCPProgress(token: params._meta?.progressToken, server: server))
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            .init(templates: MCPToolCatalogue.resourceTemplates)
        }
        await server.withMethodHandler(ListResources.self) { _ in .init(resources: try await resources()) }
        await server.withMethodHandler(ReadResource.self) { params in try await read(params.uri) }
        return server
    }
}
