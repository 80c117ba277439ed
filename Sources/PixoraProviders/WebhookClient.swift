import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PixoraCore

/// Posts webhook deliveries: resolves the endpoint's host itself, refuses private addresses (unless allowed) and
/// pins the connection to the address it checked (AsyncHTTPClient's `dnsOverride`, which keeps the host name for
/// TLS), follows no redirects and gives up after `timeout`.
public struct WebhookClient: WebhookPosting {
    public var allowPrivate: Bool
    public var timeout: TimeInterval

    public init(allowPrivate: Bool, timeout: TimeInterval = 10) {
        self.allowPrivate = allowPrivate
        self.timeout = timeout
    }

    public func post(_ request: WebhookRequest) async -> WebhookResponse {
        let started = ContinuousClock.now
        func elapsed() -> Int {
            let duration = ContinuousClock.now - started
            return Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
        }
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", var host = url.host, !host.isEmpty
        else { return WebhookResponse(status: nil, latencyMillis: 0, error: "the URL is not an http(s) URL") }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let address: String
        do {
            let addresses = try await OutboundAddress.resolve(host)
            guard let first = addresses.first else {
                return WebhookResponse(status: nil, latencyMillis: elapsed(), error: "\(host) has no address")
            }
            if !allowPrivate {
                for candidate in addresses {
                    if let why = OutboundAddress.refusal(candidate) {
                        let error =
                            "refused: \(host) resolves to \(candidate), \(why); private addresses need "
                            + "PIXORA_WEBHOOK_ALLOW_PRIVATE=1"
                        return WebhookResponse(status: nil, latencyMillis: elapsed(), error: error)
                    }
                }
            }
            address = first
        } catch {
            return WebhookResponse(status: nil, latencyMillis: elapsed(), error: "\(error)")
        }
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(Int64(timeout)), read: .seconds(Int64(timeout)))
        if !OutboundAddress.isLiteral(host) { configuration.dnsOverride = [host: address] }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let response = await send(request, with: client, elapsed: elapsed)
        try? await client.shutdown()
        return response
    }

    func send(_ request: WebhookRequest, with client: HTTPClient, elapsed: () -> Int) async -> WebhookResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .POST
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        do {
            let response = try await client.execute(outgoing, deadline: .now() + .milliseconds(Int64(timeout * 1000)))
            var body = Data()
            for try await chunk in response.body {
                body.append(contentsOf: chunk.readableBytesView)
                if body.count >= WebhookResponse.excerptLimit { break }
            }
            return WebhookResponse(
                status: Int(response.status.code), latencyMillis: elapsed(), excerpt: WebhookResponse.excerpt(of: body))
        } catch {
            return WebhookResponse(status: nil, latencyMillis: elapsed(), error: Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                return "timed out"
            }
            return "\(error)"
        }
        return "\(error)"
    }
}
