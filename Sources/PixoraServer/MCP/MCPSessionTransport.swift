import Foundation
import Logging
import MCP

/// One Streamable HTTP session's side of the SDK's `Transport`: each POSTed JSON-RPC message goes to the session's
/// `Server`, and what the server sends back is routed to the POST that asked for it. A call that carries a
/// progress token (and whose client accepts `text/event-stream`) is answered as an SSE stream holding its progress
/// notifications and then its response; any other call is answered with plain JSON. Written here because the
/// SDK's stateful transport sends progress to the separate GET stream only, not to the call's own stream.
actor MCPSessionTransport: Transport {
    nonisolated let logger: Logger
    private let incoming: AsyncThrowingStream<Data, any Error>
    private let incomingContinuation: AsyncThrowingStream<Data, any Error>.Continuation
    /// Open calls by JSON-RPC id: where their messages go.
    private var open: [ID: AsyncStream<Data>.Continuation] = [:]
    /// Progress tokens of streamed calls → the call's id.
    private var progress: [ProgressToken: ID] = [:]

    init(logger: Logger) {
        self.logger = logger
        (incoming, incomingContinuation) = AsyncThrowingStream.makeStream()
    }

    func connect() async throws {}

    func disconnect() async {
        incomingContinuation.finish()
        for continuation in open.values { continuation.finish() }
        open = [:]
        progress = [:]
    }

    func receive() -> AsyncThrowingStream<Data, any Error> { incoming }

    /// From the server: a response ends its call; a progress notification joins its call's stream; other
    /// notifications and server-to-client requests have no stream to go to (this server sends none).
    func send(_ data: Data) async throws {
        guard let message = try? JSONDecoder().decode(Envelope.self, from: data) else { return }
        if message.method == nil, let id = message.id {
            open.removeValue(forKey: id).map {
                $0.yield(data)
                $0.finish()
            }
            progress = progress.filter { $0.value != id }
        } else if message.method == ProgressNotification.name, let token = message.params?.progressToken,
            let id = progress[token]
        {
            open[id]?.yield(data)
        }
    }

    /// A client request: the messages to send back, ending with its response.
    func call(_ data: Data, id: ID, streamed token: ProgressToken?) -> AsyncStream<Data> {
        let (stream, continuation) = AsyncStream<Data>.makeStream()
        open[id]?.finish()
        open[id] = continuation
        if let token { progress[token] = id }
        incomingContinuation.yield(data)
        return stream
    }

    /// A client notification or response: nothing is sent back.
    func deliver(_ data: Data) {
        incomingContinuation.yield(data)
    }

    /// The parts of a JSON-RPC message the routing needs.
    struct Envelope: Decodable {
        struct Params: Decodable {
            var progressToken: ProgressToken?
            var _meta: Metadata?
        }
        var id: ID?
        var method: String?
        var params: Params?
    }
}
