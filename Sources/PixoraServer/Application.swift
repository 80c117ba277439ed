import Foundation
import Hummingbird
import Logging
import NIOCore
import PixoraStore
import ServiceLifecycle
import Synchronization

/// One route of the API, in OpenAPI form (`/api/v1/videos/{id}`).
public struct APIRoute: Hashable, Sendable, CustomStringConvertible {
    public var method: String
    public var path: String
    public var description: String { "\(method) \(path)" }
}

/// Every route registered, so a test can hold the OpenAPI document to it and a miss can say which methods a
/// path has (405).
public final class RouteTable: Sendable {
    private let list = Mutex<[APIRoute]>([])

    func add(_ method: HTTPRequest.Method, _ path: String) {
        let openAPIPath = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
        list.withLock { $0.append(APIRoute(method: method.rawValue.lowercased(), path: openAPIPath)) }
    }

    public var routes: [APIRoute] { list.withLock { $0 } }

    /// The methods of the routes whose template (`{id}` matching one segment) matches `path`. As in the router's
    /// tree, a literal segment wins over a parameter at the same depth (`/videos/batch` is not `/videos/{id}`).
    func methods(matching path: String) -> Set<String> {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var matching = routes.map { ($0, $0.path.split(separator: "/", omittingEmptySubsequences: false)) }.filter {
            $0.1.count == segments.count && zip($0.1, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        for depth in segments.indices where matching.contains(where: { !$0.1[depth].hasPrefix("{") }) {
            matching.removeAll { $0.1[depth].hasPrefix("{") }
        }
        return Set(matching.map(\.0.method))
    }
}

/// Registers routes on a group and records them in the route table.
struct RouteRegistrar<Context: RequestContext> {
    let group: RouterGroup<Context>
    let prefix: String
    let table: RouteTable

    func add<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: String,
        _ handler: @escaping @Sendable (Request, Context) async throws -> Output
    ) {
        group.on(RouterPath(path), method: method, use: handler)
        table.add(method, prefix + (path.isEmpty ? "" : "/" + path))
    }
}

/// The HTTP API of Pixora, with every route in `table`.
public func buildRouter(_ services: AppServices) -> (Router<AppRequestContext>, RouteTable) {
    let router = Router(context: AppRequestContext.self)
    let table = RouteTable()
    // Outermost first: every answer, errors included, is logged, counted and carries the request id.
    router.add(middleware: RequestLogMiddleware(metrics: services.metrics))
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(table: table))
    router.add(middleware: WebStudioMiddleware(studio: services.studio))
    router.add(middleware: BearerAuthenticator(tokens: services.tokens))

    SystemRoutes(services: services).register(RouteRegistrar(group: router.group(), prefix: "", table: table))
    PublicShareRoutes(services: services).register(RouteRegistrar(group: router.group(), prefix: "", table: table))
    let api = router.group("api/v1")
    let open = RouteRegistrar(group: api, prefix: "/api/v1", table: table)
    AuthRoutes(services: services).register(open)
    SignInRoutes(services: services).register(open)
    PricingRoutes(services: services).register(open)
    PlanRoutes(services: services).registerOpen(open)
    // Media and event streams also accept signed links, because <video> and EventSource cannot send headers.
    MediaRoutes(services: services).register(open)
    AccountDataRoutes(services: services).registerDownload(open)
    EventRoutes(services: services).register(open)
    NotificationRoutes(services: services).registerOpen(open)
    UnsubscribeRoutes(services: services).register(open)
    BillingRoutes(services: services).registerOpen(open)
    // Stripe signs its deliveries: no access token, the signature is the authentication.
    StripeWebhookRoutes(services: services).register(open)

    let signedIn = RouteRegistrar(group: api.group(context: AuthenticatedContext.self), prefix: "/api/v1", table: table)
    VideoRoutes(services: services).register(signedIn)
    VideoBatchRoutes(services: services).register(signedIn)
    WebhookRoutes(services: services).register(signedIn)
    ShareRoutes(services: services).register(signedIn)
    ProjectRoutes(services: services).register(signedIn)
    LibraryRoutes(services: services).register(signedIn)
    ProjectPlanRoutes(services: services).register(signedIn)
    StudioRoutes(services: services).register(signedIn)
    StudioRoutes(services: services).registerPause(signedIn)
    EditorRoutes(services: services).register(signedIn)
    LUTRoutes(services: services).register(signedIn)
    UserRoutes(services: services).register(signedIn)
    AccountDataRoutes(services: services).register(signedIn)
    SettingsRoutes(services: services).register(signedIn)
    NotificationRoutes(services: services).register(signedIn)
    AdminRoutes(services: services).register(signedIn)
    PlanRoutes(services: services).register(signedIn)
    AnalyticsRoutes(services: services).register(signedIn)
    BillingRoutes(services: services).register(signedIn)
    // JSON-RPC: the Model Context Protocol's one endpoint.
    MCPRoutes(services: services).register(RouteRegistrar(group: router.group(), prefix: "", table: table))
    return (router, table)
}

/// The server: the API, and optionally an in-process worker, as services with a graceful shutdown.
public func buildApplication(_ services: AppServices, worker: Bool) -> some ApplicationProtocol {
    let (router, _) = buildRouter(services)
    var app = Application(
        router: router,
        configuration: .init(
            address: .hostname(services.configuration.host, port: services.configuration.port), serverName: "pixora"),
        logger: services.logger)
    if worker {
        app.addServices(WorkerService(worker: PixoraPipelineWorkerFactory.make(services)))
    }
    return app
}
