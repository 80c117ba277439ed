import AsyncHTTPClient
import Foundation
import NIOCore

extension S3Client {
    /// Signs and sends one request, retrying on a 5xx answer or no answer at all. `body` makes a fresh body for each
    /// attempt (a streamed body can be read once). Returns the first answer that is not worth retrying.
    func send(
        _ method: String, key: String? = nil, query: [(String, String)] = [], headers: [(String, String)] = [],
        payload: PayloadHash, body: (@Sendable () -> HTTPClientRequest.Body)? = nil
    ) async throws -> HTTPClientResponse {
        let url = location.url(key: key, query: query)
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            var request = HTTPClientRequest(url: url.absoluteString)
            request.method = .init(rawValue: method)
            let signed = try signer.sign(method: method, url: url, headers: headers, payload: payload, date: now())
            for (name, value) in headers + signed { request.headers.add(name: name, value: value) }
            if let body { request.body = body() }
            let reason: String
            do {
                let response = try await Self.http.execute(request, timeout: .hours(6))
                let status = Int(response.status.code)
                guard status >= 500, attempt < retry.attempts else { return response }
                // The error body is small; read it so the connection can be reused.
                _ = try? await response.body.collect(upTo: 1 << 20)
                reason = "answer \(status)"
            } catch let error as CancellationError {
                throw error
            } catch {
                if Task.isCancelled { throw CancellationError() }
                guard attempt < retry.attempts else {
                    throw S3Error.unreachable(server: location.server, reason: Self.describe(error))
                }
                reason = Self.describe(error)
            }
            let wait = min(retry.baseDelay * pow(2, Double(attempt - 1)), retry.maximumDelay)
            logger.warning(
                "storage request failed, retrying",
                metadata: [
                    "method": .string(method), "key": .string(key ?? ""), "reason": .string(reason),
                    "attempt": .stringConvertible(attempt),
                ])
            try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
        }
    }

    /// Throws the answer's error unless it is a 2xx; the body of a success is drained.
    func expect(_ response: HTTPClientResponse, key: String?) async throws {
        guard (200..<300).contains(Int(response.status.code)) else { throw try await failure(response, key: key) }
        _ = try await response.body.collect(upTo: 1 << 20)
    }

    /// The error an answer stands for, from S3's `<Error><Code>` (HEAD answers have no body: by status then).
    func failure(_ response: HTTPClientResponse, key: String?) async throws -> S3Error {
        let status = Int(response.status.code)
        let xml = String(buffer: (try? await response.body.collect(upTo: 1 << 20)) ?? ByteBuffer())
        let code = S3XML.value("Code", in: xml) ?? ""
        let message = S3XML.value("Message", in: xml) ?? ""
        return Self.error(status: status, code: code, message: message, key: key, client: self)
    }

    static func error(status: Int, code: String, message: String, key: String?, client: S3Client) -> S3Error {
        let accessKey = client.credentials.accessKeyID
        switch code {
        case "NoSuchKey": return .noSuchKey(key ?? "")
        case "NoSuchBucket": return .noSuchBucket(bucket: client.location.bucket, server: client.location.server)
        case "InvalidAccessKeyId": return .accessKeyRejected(accessKeyID: accessKey, server: client.location.server)
        case "SignatureDoesNotMatch": return .signatureRejected(accessKeyID: accessKey)
        case "AccessDenied": return .accessDenied(message.isEmpty ? "AccessDenied" : message)
        case "InvalidRange": return .rangeNotSatisfiable(key: key ?? "", size: nil)
        case "":
            switch status {
            case 404 where key != nil: return .noSuchKey(key!)
            case 403: return .accessDenied("403 Forbidden with access key \(accessKey)")
            case 416: return .rangeNotSatisfiable(key: key ?? "", size: nil)
            default: return .rejected(status: status, code: "", message: "")
            }
        default: return .rejected(status: status, code: code, message: message)
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            case .remoteConnectionClosed: return "the connection was closed"
            default: return "\(error)"
            }
        }
        let text = "\(error)"
        if text.contains("connection refused") || text.contains("Connection refused") { return "connection refused" }
        return text
    }
}
