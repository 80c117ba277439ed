import Hummingbird

/// Turns the router's "no route" into 405 with `Allow` when the path is a route under other methods, as the
/// contract says; a path no route has stays 404. Only the router's own miss is touched: a handler's 404
/// (a missing video) is an `APIError`, not an `HTTPError`.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let table: RouteTable

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = table.methods(matching: request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue.lowercased()) else { throw error }
            var methods = allowed.map { $0.uppercased() }
            if methods.contains("GET") { methods.append("HEAD") }
            throw APIError(
                .methodNotAllowed, .methodNotAllowed,
                "\(request.method.rawValue) is not allowed on this path; allowed: \(methods.sorted().joined(separator: ", "))",
                headers: [.allow: methods.sorted().joined(separator: ", ")])
        }
    }
}
