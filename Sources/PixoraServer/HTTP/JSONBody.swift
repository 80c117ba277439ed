import Foundation
import Hummingbird
import NIOCore
import PixoraCore

extension Request {
    /// Decodes a JSON body of at most `limit` bytes, without NUL characters (`JSONNulls`). Not JSON → 400; a
    /// missing field or a wrong type → 422 naming the field; too large → 413.
    func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int = 1 << 20) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "payload_too_large", "the request body is larger than \(limit / 1024) KiB")
        }
        guard buffer.readableBytes > 0 else { throw APIError(.badRequest, "invalid_json", "the request body is empty; send a JSON object") }
        do {
            return try JSONDecoder().decode(T.self, from: JSONNulls.removed(from: buffer))
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw APIError(.badRequest, "invalid_json", "the request body is not valid JSON")
            }
            if case .typeMismatch(_, let context) = error, context.codingPath.isEmpty {
                throw APIError(.badRequest, "invalid_json", "the request body must be a JSON object")
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

    /// The bytes every JSON answer is sent as: sorted keys, slashes unescaped.
    static func encode(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ByteBuffer(bytes: try encoder.encode(value))
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = headers
        headers[.contentType] = Self.contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: try Self.encode(body)))
    }
}

extension Int64 {
    /// Milliseconds since 1970 as ISO 8601.
    /// (Formatted by hand: lists format hundreds of dates per request, and a formatter per call is slow.)
    var iso8601: String {
        var seconds = time_t(self >= 0 ? self / 1000 : (self - 999) / 1000)
        let millis = Int(self - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)).\(fraction)Z"
    }
}
