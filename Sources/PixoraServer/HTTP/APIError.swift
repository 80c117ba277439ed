import Foundation
import Hummingbird
import NIOCore
import PixoraCore
import PixoraStore

/// An error answered as JSON `{"error": {"code", "message", "details"?}}` with its status and headers.
public struct APIError: Error, HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var code: Code
    public var message: String
    public var details: [String: JSONValue]?
    public var headers: HTTPFields = [:]

    public init(
        _ status: HTTPResponse.Status, _ code: Code, _ message: String, details: [String: JSONValue]? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code.rawValue): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var error: [String: JSONValue] = ["code": .string(code.rawValue), "message": .string(message)]
        if let details { error["details"] = .object(details) }
        let data = try JSONEncoder().encode(["error": JSONValue.object(error)])
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func unauthorized(_ message: String) -> APIError {
        APIError(.unauthorized, .unauthorized, message, headers: [.wwwAuthenticate: "Bearer"])
    }
    static func notFound(_ what: String) -> APIError { APIError(.notFound, .notFound, "\(what) not found") }
    static func validation(_ issues: [DocumentIssue]) -> APIError {
        APIError(
            .unprocessableContent, .validationFailed, issues.map(\.description).joined(separator: "; "),
            details: [
                "issues": .array(issues.map { .object(["field": .string($0.path), "message": .string($0.message)]) })
            ])
    }
    static func validation(_ field: String, _ message: String) -> APIError {
        validation([DocumentIssue(field, message)])
    }

    /// Maps any error to the answer a client gets. Unknown errors become a 500 without internals.
    static func from(_ error: any Error) -> APIError? {
        switch error {
        case let error as APIError: return error
        case let error as StoreError:
            switch error {
            case .notFound(let message): return APIError(.notFound, .notFound, message)
            case .conflict(let message): return APIError(.conflict, .conflict, message)
            case .insufficientCredits(let balance, let price):
                return APIError(
                    .init(code: 402, reasonPhrase: "Payment Required"), .insufficientCredits, error.description,
                    details: ["balance": .number(Double(balance)), "price": .number(Double(price))])
            case .configuration, .unavailable:
                return APIError(.serviceUnavailable, .unavailable, "the service is temporarily unavailable")
            case .corrupt: return nil  // A fault of ours: logged with the request id and answered 500.
            }
        case let error as StudioRuleError: return StudioRoutes.refusal(error)
        case is StudioProjectKindError: return StudioRoutes.notStudio
        case let error as InvalidDocument: return validation(error.issues)
        case let error as DecodingError: return validation([error.issue])
        case let error as HTTPError:
            let code: Code =
                switch error.status {
                case .notFound: .notFound
                case .contentTooLarge: .payloadTooLarge
                case .methodNotAllowed: .methodNotAllowed
                case .unauthorized: .unauthorized
                case .unsupportedMediaType: .unsupportedMediaType
                case .rangeNotSatisfiable: .rangeNotSatisfiable
                default: error.status.code >= 500 ? .internalError : .badRequest
                }
            return APIError(error.status, code, error.body ?? error.status.reasonPhrase)
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, .payloadTooLarge, "the request body is too large")
        case let error as any UserFacingError where error.isUsageError:
            return APIError(.unprocessableContent, .validationFailed, "\(error)")
        default: return nil
        }
    }
}

/// A JSON value for free-form error details and documents.
public enum JSONValue: Codable, Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case object([String: JSONValue])
    case array([JSONValue])
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        case .bool(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}

/// Turns every error into the JSON error shape, and logs the unexpected ones with the request id.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            if let mapped = APIError.from(error) { return try mapped.response(from: request, context: context) }
            context.logger.error(
                "request failed", metadata: ["error": .string(String(reflecting: error).prefix(500).description)])
            return try APIError(.internalServerError, .internalError, "something went wrong on our side; try again")
                .response(from: request, context: context)
        }
    }
}
