import Foundation
import Hummingbird
import Logging
import MCP
import NIOCore

/// `/mcp`: the Model Context Protocol over Streamable HTTP (protocol 2025-03-26 and later). POST carries one
/// JSON-RPC message; `initialize` opens a session (`Mcp-Session-Id` in the answer, sent back on every later
/// request), DELETE ends it. Every request needs the API's bearer token, and a session answers only the user who
/// opened it. There is no GET stream (405): progress travels on the call's own SSE answer.
struct MCPRoutes {
    let services: AppServices
    let sessions = MCPSessions()

    static let path = "mcp"
    /// Large enough for an edited plan or a hundred editor operations.
    static let maxBody = 4 << 20

    /// On the root group: every request still passes the API's middleware (request id, bearer token, 405).
    func register(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.post, Self.path, post)
        routes.add(.delete, Self.path, delete)
    }

    func user(_ context: AppRequestContext) throws -> String {
        guard let identity = context.identity else {
            throw APIError.unauthorized("send an access token as 'Authorization: Bearer <token>'")
        }
        return identity.userId
    }

    @Sendable func post(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try user(context)
        if let version = request.headers[.init("MCP-Protocol-Version")!], !Version.supported.contains(version) {
            return Self.failure(.badRequest, .invalidRequest("unsupported MCP-Protocol-Version '\(version)'"))
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: Self.maxBody)
        } catch is NIOTooManyBytesError {
            return Self.failure(.contentTooLarge, .invalidRequest("the message is larger than 4 MiB"))
        }
        let data = Data(body.readableBytesView)
        guard Self.isMessage(data),
            let message = try? JSONDecoder().decode(MCPSessionTransport.Envelope.self, from: data)
        else {
            return Self.failure(.badRequest, .parseError("send one JSON-RPC message as a JSON object"))
        }
        let session: MCPSessions.Session
        var headers: HTTPFields = [:]
        if let id = request.headers[.init("Mcp-Session-Id")!] {
            guard let found = await sessions.find(id, user: user) else {
                return Self.failure(.notFound, .invalidRequest("no such session; send initialize to open a new one"))
            }
            session = found
        } else {
            guard message.method == Initialize.name, message.id != nil else {
                return Self.failure(
                    .badRequest, .invalidRequest("send Mcp-Session-Id, or initialize to open a session"))
            }
            session = try await open(user: user, logger: context.logger)
        }
        headers[.init("Mcp-Session-Id")!] = session.id
        guard let id = message.id, message.method != nil else {
            await session.transport.deliver(data)
            return Response(status: .accepted, headers: headers)
        }
        let accept = request.headers[.accept] ?? ""
        let token = accept.contains("text/event-stream") ? message.params?._meta?.progressToken : nil
        let replies = await session.transport.call(data, id: id, streamed: token)
        guard token != nil else {
            var answer = Data()
            for await reply in replies { answer = reply }
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: answer)))
        }
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        headers[.init("X-Accel-Buffering")!] = "no"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                for await reply in replies {
                    try await writer.write(
                        ByteBuffer(string: "event: message\ndata: \(String(decoding: reply, as: UTF8.self))\n\n"))
                }
                try await writer.finish(nil)
            })
    }

    func open(user: String, logger: Logger) async throws -> MCPSessions.Session {
        let transport = MCPSessionTransport(logger: logger)
        let server = await MCPAccountTools(services: services, user: user, logger: services.logger).makeServer()
        try await server.start(transport: transport)
        let id = await sessions.open(user: user, server: server, transport: transport)
        guard let session = await sessions.find(id, user: user) else {
            throw APIError(.serviceUnavailable, .unavailable, "the session closed at once; try again")
        }
        return session
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try user(context)
        guard let id = request.headers[.init("Mcp-Session-Id")!], await sessions.find(id, user: user) != nil else {
            return Self.failure(.notFound, .invalidRequest("no such session"))
        }
        await sessions.close(id)
        return Response(status: .noContent)
    }

    /// One JSON-RPC 2.0 message as the contract's `McpMessage` describes it: `jsonrpc` "2.0", an id that is a
    /// string or a whole number, a method or a result or error, params an object. Batches are not accepted.
    static func isMessage(_ data: Data) -> Bool {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            object["jsonrpc"] as? String == "2.0"
        else { return false }
        // The id's type (string or integer) is checked when the envelope decodes it; null is no id.
        if object["id"] is NSNull { return false }
        if let method = object["method"] {
            guard method is String, object["result"] == nil, object["error"] == nil else { return false }
            return object["params"] == nil || object["params"] is [String: Any]
        }
        // A client's answer to a server request: an id and a result or an error object.
        guard object["id"] != nil, (object["result"] is [String: Any]) != (object["error"] is [String: Any]) else {
            return false
        }
        return object["params"] == nil
    }

    /// A JSON-RPC error answer with no id, for messages refused before they reach a session.
    static func failure(_ status: HTTPResponse.Status, _ error: MCPError) -> Response {
        let body: [String: Any] = [
            "jsonrpc": "2.0", "id": NSNull(),
            "error": ["code": error.code, "message": error.errorDescription ?? "error"],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body)) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
