import Foundation
import Hummingbird
import Logging
import NIOCore

/// A local HTTP server that stands in for a paid AI API in tests: it answers each request with the next scripted
/// reply (status, headers, body, optional delay) and records what it was sent.
public final class ProviderEmulator: @unchecked Sendable {
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data
        /// Seconds to wait before answering (a slow or hung provider).
        public var delay: Double

        public init(
            status: Int = 200, headers: [String: String] = ["Content-Type": "application/json"], body: String,
            delay: Double = 0
        ) {
            self.init(status: status, headers: headers, data: Data(body.utf8), delay: delay)
        }

        public init(status: Int = 200, headers: [String: String], data: Data, delay: Double = 0) {
            self.status = status
            self.headers = headers
            body = data
            self.delay = delay
        }

        /// A JSON reply.
        public static func json(_ object: [String: Any], status: Int = 200) -> Reply {
            Reply(
                status: status, headers: ["Content-Type": "application/json"],
                data: try! JSONSerialization.data(withJSONObject: object))
        }

        /// The answer to a late request (a client's retry after a timeout) that reaches an emulator whose test has
        /// already ended: the test's model of the provider is gone, so say so instead of reading freed memory.
        public static let gone = Reply(status: 503, body: #"{"error":{"message":"the emulator's test has ended"}}"#)
    }

    /// A request as the emulator saw it.
    public struct Received: Sendable {
        public var method: String
        public var path: String
        public var headers: [String: String]
        public var body: Data
        public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    }

    private let lock = NSLock()
    private var script: [Reply]
    private var log: [Received] = []
    private var base = ""
    /// Answers once the script is used up.
    public let otherwise: Reply
    /// Answers every request when set (a stateful fake of an API), instead of the script.
    let handler: (@Sendable (Received, String) -> Reply)?

    public init(
        _ script: [Reply],
        otherwise: Reply = Reply(status: 500, body: #"{"error":{"message":"the emulator has no more replies"}}"#)
    ) {
        self.script = script
        self.otherwise = otherwise
        handler = nil
    }

    /// `handler` gets each request and the emulator's base URL.
    public init(handler: @escaping @Sendable (Received, String) -> Reply) {
        script = []
        otherwise = Reply(status: 500, body: "{}")
        self.handler = handler
    }

    public var requests: [Received] { lock.withLock { log } }

    func next(_ received: Received) -> Reply {
        let (reply, address) = lock.withLock { () -> (Reply?, String) in
            log.append(received)
            if handler != nil { return (nil, self.base) }
            return (script.isEmpty ? otherwise : script.removeFirst(), self.base)
        }
        return reply ?? handler!(received, address)
    }

    /// Runs the emulator on a free local port for the duration of `body`, which gets its base URL.
    public func run<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.on("**", method: .post) { request, context in try await self.answer(request, context) }
        router.on("**", method: .get) { request, context in try await self.answer(request, context) }
        router.on("**", method: .put) { request, context in try await self.answer(request, context) }
        return try await runLocally(router, label: "provider-emulator") { base in
            self.lock.withLock { self.base = base }
            return try await body(base)
        }
    }

    enum EmulatorError: Error { case notStarted }

    func answer(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 64 << 20)
        var headers: [String: String] = [:]
        // Names in lower case (HTTP/2 style), as `canonicalName` gives them.
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let reply = next(
            Received(
                method: request.method.rawValue, path: request.uri.path, headers: headers,
                body: Data(buffer.readableBytesView)))
        if reply.delay > 0 { try await Task.sleep(for: .milliseconds(Int64(reply.delay * 1000))) }
        var fields = HTTPFields()
        for (name, value) in reply.headers { fields[.init(name)!] = value }
        return Response(
            status: .init(code: reply.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    /// A Chat Completions answer that calls the function `name` with `arguments`.
    public static func toolCall(_ name: String, arguments: [String: Any], id: String = "call_1") -> String {
        let text = String(decoding: try! JSONSerialization.data(withJSONObject: arguments), as: UTF8.self)
        let message: [String: Any] = [
            "role": "assistant", "content": NSNull(),
            "tool_calls": [["id": id, "type": "function", "function": ["name": name, "arguments": text]]],
        ]
        let object: [String: Any] = [
            "id": "chatcmpl-emulated", "object": "chat.completion", "created": 1_700_000_000, "model": "emulated",
            "choices": [["index": 0, "finish_reason": "tool_calls", "message": message]],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    /// A Chat Completions answer whose message content is `content`.
    public static func chatCompletion(_ content: String) -> String {
        let object: [String: Any] = [
            "id": "chatcmpl-emulated", "object": "chat.completion", "created": 1_700_000_000, "model": "emulated",
            "choices": [["index": 0, "finish_reason": "stop", "message": ["role": "assistant", "content": content]]],
            "usage": ["prompt_tokens": 100, "completion_tokens": 200, "total_tokens": 300],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }
}
