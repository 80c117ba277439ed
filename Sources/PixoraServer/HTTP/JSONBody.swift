import Foundation
import Hummingbird
import NIOCore
import PixoraAPI
import PixoraCore

extension Request {
    /// Decodes a JSON body of at most `limit` bytes, without NUL characters (`JSONNulls`). Not JSON → 400; a
    /// missing field or a wrong type → 422 naming the field; too large → 413.
    func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int = 1 << 20) async throws -> T {
        guard let value = try await decodeOptionalJSON(type, limit: limit) else {
            throw APIError(.badRequest, .invalidJSON, "the request body is empty; send a JSON object")
        }
        return value
    }

    /// For operations whose body is optional: nil when the body is empty.
    func decodeOptionalJSON<T: Decodable>(_ type: T.Type, limit: Int = 1 << 20) async throws -> T? {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, .payloadTooLarge, "the request body is larger than \(limit / 1024) KiB")
        }
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: JSONNulls.removed(from: buffer))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw APIError(.badRequest, .invalidJSON, "the request body is not valid JSON")
            }
            if case .typeMismatch(_, let context) = error, context.codingPath.isEmpty {
                throw APIError(.badRequest, .invalidJSON, "the request body must be a JSON object")
            }
            throw APIError.validation([error.issue])
        }
    }
}

/// A JSON response with a status.
struct JSONResponse<Body: Encodable & Sendable>: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    var headers: HTTPFields = [:]
    var body: Body

    init(_ body: Body) {
        self.body = body
    }

    init(_ status: HTTPResponse.Status, headers: HTTPFields = [:], _ body: Body) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static var contentType: String { "application/json; charset=utf-8" }

    /// The bytes every JSON answer is sent as (`APIJSON`: sorted keys, slashes unescaped, dates with milliseconds).
    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        ByteBuffer(bytes: try APIJSON.encoder().encode(value))
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = headers
        headers[.contentType] = Self.contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: try Self.encode(body)))
    }
}
