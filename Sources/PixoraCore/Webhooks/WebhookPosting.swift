import Foundation

/// One outgoing webhook call: the endpoint, the signed headers and the body.
public struct WebhookRequest: Sendable {
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(url: String, headers: [(name: String, value: String)], body: Data) {
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// What one attempt got: the HTTP status when an answer came, or why none did.
public struct WebhookResponse: Sendable, Equatable {
    public var status: Int?
    public var latencyMillis: Int
    /// The start of the answer's body, at most 1 KiB, as text.
    public var excerpt: String?
    /// Why the attempt failed before any answer (refused address, timeout, connection error).
    public var error: String?

    public init(status: Int?, latencyMillis: Int, excerpt: String? = nil, error: String? = nil) {
        self.status = status
        self.latencyMillis = latencyMillis
        self.excerpt = excerpt
        self.error = error
    }

    /// Only a 2xx answer delivers; redirects are not followed, so a 3xx is a failure too.
    public var delivered: Bool { status.map { (200..<300).contains($0) } ?? false }

    /// The largest excerpt kept of an answer's body.
    public static let excerptLimit = 1024

    /// The body's first bytes as text, cut at `excerptLimit` bytes on a character boundary.
    public static func excerpt(of body: Data) -> String? {
        guard !body.isEmpty else { return nil }
        var text = String(decoding: body.prefix(excerptLimit), as: UTF8.self)
        while text.utf8.count > excerptLimit { text.removeLast() }
        return text
    }
}

/// Sends webhook calls; the real one refuses private addresses and follows no redirects.
public protocol WebhookPosting: Sendable {
    func post(_ request: WebhookRequest) async -> WebhookResponse
}
