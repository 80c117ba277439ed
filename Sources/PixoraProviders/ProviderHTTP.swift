import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import PixoraCore

/// A cloud provider's call that did not work, with words a person can act on. Never carries a key.
public struct ProviderFailure: UserFacingError, Sendable {
    public var isUsageError: Bool { false }
    public var provider: String
    public var message: String
    /// HTTP status of the last answer, when there was one.
    public var status: Int?

    public init(provider: String, message: String, status: Int? = nil) {
        self.provider = provider
        self.message = message
        self.status = status
    }

    public var description: String { "\(provider): \(message)" }
}

/// Timeouts and retries of provider calls.
public struct RetryPolicy: Sendable {
    /// Tries per call, the first included.
    public var attempts = 4
    /// First backoff in seconds; doubles per retry unless the provider sends `Retry-After`.
    public var baseDelay = 1.0
    /// Longest wait between tries, `Retry-After` included.
    public var maximumDelay = 30.0
    /// Whole-request timeout in seconds.
    public var timeout = 120.0

    public init(attempts: Int = 4, baseDelay: Double = 1, maximumDelay: Double = 30, timeout: Double = 120) {
        self.attempts = attempts
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.timeout = timeout
    }

    /// `PIXORA_PROVIDER_ATTEMPTS`, `PIXORA_PROVIDER_TIMEOUT` (seconds), `PIXORA_PROVIDER_RETRY_SECONDS`.
    public static func from(configuration: Configuration) -> RetryPolicy {
        var policy = RetryPolicy()
        policy.attempts = configuration.integer("PIXORA_PROVIDER_ATTEMPTS") ?? policy.attempts
        policy.timeout = configuration.number("PIXORA_PROVIDER_TIMEOUT") ?? policy.timeout
        policy.baseDelay = configuration.number("PIXORA_PROVIDER_RETRY_SECONDS") ?? policy.baseDelay
        return policy
    }
}

/// An answer, read whole.
public struct ProviderResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
}

/// HTTP for providers: one shared AsyncHTTPClient, a timeout per request, retries with exponential backoff on
/// 429, 5xx, timeouts and connection failures, honouring `Retry-After`; cancellation stops waiting at once.
/// Headers are never logged (they hold the keys).
public struct ProviderHTTP: Sendable {
    public let provider: String
    public let policy: RetryPolicy
    let logger: Logger
    static let maximumBody = 256 << 20

    public init(provider: String, policy: RetryPolicy, logger: Logger) {
        self.provider = provider
        self.policy = policy
        self.logger = logger
    }

    static func isRetryable(_ status: Int) -> Bool {
        status == 429 || status == 500 || status == 502 || status == 503 || status == 504
    }

    /// Sends a request and returns the first answer that is not worth retrying, or the last one.
    public func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: Data? = nil)
        async throws -> ProviderResponse
    {
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            var request = HTTPClientRequest(url: url)
            request.method = method
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
            let wait: Double
            do {
                let response = try await HTTPClient.shared.execute(
                    request, timeout: .milliseconds(Int64(policy.timeout * 1000)))
                let buffer = try await response.body.collect(upTo: Self.maximumBody)
                let answer = ProviderResponse(
                    status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView))
                guard Self.isRetryable(answer.status), attempt < policy.attempts else { return answer }
                wait = min(Self.retryAfter(answer.headers) ?? backoff(attempt), policy.maximumDelay)
                logger.warning(
                    "provider busy, retrying",
                    metadata: [
                        "provider": .string(provider), "status": .stringConvertible(answer.status),
                        "attempt": .stringConvertible(attempt),
                        "wait_seconds": .string(String(format: "%.2f", wait)),
                    ])
            } catch let error as CancellationError {
                throw error
            } catch {
                if Task.isCancelled { throw CancellationError() }
                guard attempt < policy.attempts else {
                    throw ProviderFailure(
                        provider: provider, message: "no answer after \(attempt) tries: \(Self.describe(error))")
                }
                wait = backoff(attempt)
                logger.warning(
                    "provider unreachable, retrying",
                    metadata: [
                        "provider": .string(provider), "error": .string(Self.describe(error)),
                        "attempt": .stringConvertible(attempt),
                    ])
            }
            try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
        }
    }

    func backoff(_ attempt: Int) -> Double {
        min(policy.baseDelay * pow(2, Double(attempt - 1)), policy.maximumDelay)
    }

    /// `Retry-After` as seconds or an HTTP date.
    static func retryAfter(_ headers: HTTPHeaders) -> Double? {
        guard let value = headers.first(name: "retry-after")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value) { return max(seconds, 0) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max($0.timeIntervalSinceNow, 0) }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            default: return "\(error)"
            }
        }
        return "\(error)"
    }

    /// The error message of a provider's JSON error body, or the start of the body.
    static func errorText(_ body: Data) -> String {
        if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] {
            if let error = object["error"] as? [String: Any], let message = error["message"] as? String {
                return message
            }
            if let message = object["error"] as? String { return message }
            if let detail = object["detail"] as? String { return detail }
            // fal.ai's validation errors: a list of {loc, msg, type}, one per refused input.
            if let details = object["detail"] as? [[String: Any]] {
                let messages = details.compactMap { detail -> String? in
                    guard let message = detail["msg"] as? String else { return nil }
                    let field = (detail["loc"] as? [Any])?.last.map { "\($0): " } ?? ""
                    return field + message
                }
                if !messages.isEmpty { return messages.joined(separator: "; ") }
            }
            if let detail = object["detail"] as? [String: Any], let message = detail["message"] as? String {
                return message
            }
            if let message = object["message"] as? String { return message }
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "no details" : text
    }
}
