import AsyncHTTPClient
import Foundation
import NIOCore
import PixoraProviders

/// One HTTP exchange (a GET, or a POST of `form`) with a sign-in provider (discovery, keys, token endpoint),
/// through the outgoing-address guard: the host is resolved here, private addresses are refused unless allowed,
/// the connection is pinned to the address checked, no redirect is followed, and answers are read up to 1 MiB
/// within 10 seconds.
enum ProviderCall {
    static let limit = 1 << 20

    static func send(
        _ url: String, headers: [(String, String)] = [], form body: Data? = nil,
        allowPrivate: Bool, timeout: Int64 = 30
    ) async throws -> (status: Int, body: Data) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "https" || (scheme == "http" && allowPrivate), var host = parsed.host, !host.isEmpty
        else {
            throw SignInFailure(.unavailable, "\(url) is not an https URL")
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let addresses: [String]
        do { addresses = try await OutboundAddress.resolve(host) } catch {
            throw SignInFailure(.unavailable, "\(host) does not resolve: \(error)")
        }
        guard let address = addresses.first else { throw SignInFailure(.unavailable, "\(host) has no address") }
        for candidate in addresses where !allowPrivate {
            if let why = OutboundAddress.refusal(candidate) {
                throw SignInFailure(
                    .unavailable,
                    "refused: \(host) resolves to \(candidate), \(why); private addresses need "
                        + "PIXORA_OIDC_ALLOW_PRIVATE=1")
            }
        }
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(timeout), read: .seconds(timeout))
        if !OutboundAddress.isLiteral(host) { configuration.dnsOverride = [host: address] }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        var request = HTTPClientRequest(url: url)
        if body != nil { request.method = .POST }
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let result: Result<(status: Int, body: Data), SignInFailure>
        do {
            let response = try await client.execute(request, deadline: .now() + .seconds(timeout))
            var data = Data()
            for try await chunk in response.body {
                data.append(contentsOf: chunk.readableBytesView)
                guard data.count <= limit else { throw SignInFailure(.unavailable, "\(url) answered over 1 MiB") }
            }
            result = .success((Int(response.status.code), data))
        } catch let failure as SignInFailure {
            result = .failure(failure)
        } catch {
            result = .failure(SignInFailure(.unavailable, "\(url): \(error)"))
        }
        try? await client.shutdown()
        return try result.get()
    }

    /// A JSON object from a 200 answer.
    static func json(_ answer: (status: Int, body: Data), from url: String) throws -> [String: Any] {
        guard answer.status == 200 else {
            let excerpt = String(decoding: answer.body.prefix(300), as: UTF8.self)
            throw SignInFailure(.unavailable, "\(url) answered \(answer.status): \(excerpt)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any] else {
            throw SignInFailure(.unavailable, "\(url) did not answer a JSON object")
        }
        return object
    }
}
