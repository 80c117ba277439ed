import Foundation
import Hummingbird
import NIOCore
import PixoraStore

/// Health, readiness, Prometheus metrics and the OpenAPI document.
struct SystemRoutes {
    let services: AppServices

    func register(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.get, "healthz", health)
        routes.add(.get, "readyz", ready)
        routes.add(.get, "metrics", metrics)
        routes.add(.get, "openapi.json", openAPI)
        routes.add(.get, "openapi.yaml", openAPIYAML)
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<
        Schemas.SystemStatus
    > {
        JSONResponse(Schemas.SystemStatus(status: "ok"))
    }

    /// Ready when the database answers and every migration is applied.
    @Sendable func ready(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<
        Schemas.SystemStatus
    > {
        let engine = Schemas.SystemStatus.DatabasePayload(rawValue: services.database.engine.rawValue)
        do {
            let applied = try await Migrations.applied(on: services.database)
            guard applied.count == Migrations.all.count else {
                return JSONResponse(
                    .serviceUnavailable,
                    Schemas.SystemStatus(status: "migrations pending", database: engine, migrations: applied.count))
            }
            return JSONResponse(Schemas.SystemStatus(status: "ready", database: engine, migrations: applied.count))
        } catch {
            context.logger.error("readiness check failed", metadata: ["error": .string("\(error)")])
            return JSONResponse(
                .serviceUnavailable, Schemas.SystemStatus(status: "database unavailable", database: engine))
        }
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        let counts = try await services.database.read { db in try await Jobs.counts(db) }
        for state in JobState.allCases {
            services.metrics.registry.makeGauge(
                descriptor: .init(metricName: "pixora_jobs", unitName: "", helpText: "Jobs in the queue by state"),
                labels: [("state", state.rawValue)]
            ).set(Double(counts[state] ?? 0))
        }
        var buffer: [UInt8] = []
        services.metrics.registry.emit(into: &buffer)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
    }

    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.json)))
    }

    @Sendable func openAPIYAML(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
    }
}
