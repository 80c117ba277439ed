import Foundation
import Hummingbird
import Logging
import Prometheus

/// Gives every request an id (the caller's `X-Request-Id` if sane, else a new one), puts it in the logger's
/// metadata and the response, logs one line per request, and counts requests for `/metrics`.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: ServerMetrics

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let incoming = request.headers[.init("X-Request-Id")!]
        let acceptable = incoming.map(Self.isAcceptable)
        let id = acceptable == true ? incoming ?? "" : UUID().uuidString.lowercased()
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        let started = ContinuousClock.now
        // A malformed id is refused rather than replaced, so a caller never searches the logs for an id that
        // was never used.
        var response =
            acceptable == false
            ? try APIError(
                .badRequest, .invalidRequestId,
                "X-Request-Id must be 1 to 64 ASCII letters, digits, '-' or '_'"
            ).response(from: request, context: context)
            : try await next(request, context)
        response.headers[.init("X-Request-Id")!] = id
        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: response.status.code, duration: elapsed)
        context.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path), "route": .string(route),
                "status": .stringConvertible(response.status.code),
                "ms": .string(
                    String(
                        format: "%.1f",
                        Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)),
            ])
        return response
    }

    static func isAcceptable(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }
}

extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (48...57).contains(self) || (65...90).contains(self) || (97...122).contains(self)
    }
}

/// Reads `Authorization: Bearer <token>`. No header: the request goes on anonymous (routes that need a user
/// refuse it). A bad or expired token: 401 at once.
struct BearerAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let tokens: TokenService

    func handle(
        _ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw APIError.unauthorized("the Authorization header must be 'Bearer <access token>'")
        }
        var context = context
        var token = header.dropFirst(7)
        while token.first == " " || token.first == "\t" { token = token.dropFirst() }
        while token.last == " " || token.last == "\t" { token = token.dropLast() }
        context.identity = try await tokens.verify(String(token))
        context.logger[metadataKey: "user"] = .string(context.identity?.userId ?? "")
        return try await next(request, context)
    }
}

/// Request counts and latencies per route, in this server's own registry (served at `/metrics`).
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    public init() {}

    func record(method: String, route: String, status: Int, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(
            descriptor: .init(
                metricName: "pixora_http_requests", unitName: "total", helpText: "HTTP requests answered"),
            labels: labels
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(
                metricName: "pixora_http_request_duration", unitName: "seconds",
                helpText: "Time to answer an HTTP request"),
            labels: [("method", method), ("route", route)],
            buckets: [
                .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5),
            ]
        ).record(duration)
    }
}
