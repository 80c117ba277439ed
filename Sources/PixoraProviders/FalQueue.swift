import Foundation
import Logging
import NIOHTTP1

/// fal.ai's queue API: submit a model request, poll its status (IN_QUEUE → IN_PROGRESS → COMPLETED), fetch the
/// result, download the files it names. Cancelling the calling task cancels the request at fal too.
public struct FalQueue: Sendable {
    public let key: String
    /// `FAL_QUEUE_URL`, default https://queue.fal.run.
    public let baseURL: String
    /// Seconds between status polls.
    public var pollInterval: Double
    /// Longest a request may stay queued or running.
    public var deadline: Double
    let http: ProviderHTTP

    public init(
        key: String, baseURL: String = "https://queue.fal.run", policy: RetryPolicy, logger: Logger,
        pollInterval: Double = 1, deadline: Double = 900
    ) {
        self.key = key
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.pollInterval = pollInterval
        self.deadline = deadline
        http = ProviderHTTP(provider: "fal.ai", policy: policy, logger: logger)
    }

    var headers: [(String, String)] { [("Authorization", "Key \(key)"), ("Content-Type", "application/json")] }

    /// Runs `model` on `input` and returns the result object.
    public func run(_ model: String, input: [String: Any]) async throws -> [String: Any] {
        let submitted = try await http.send(
            .POST, "\(baseURL)/\(model)", headers: headers, body: try JSONSerialization.data(withJSONObject: input))
        guard submitted.status == 200 || submitted.status == 201 || submitted.status == 202 else {
            throw failure(
                model, "submitting failed with HTTP \(submitted.status): \(ProviderHTTP.errorText(submitted.body))",
                status: submitted.status)
        }
        guard let ticket = try? JSONSerialization.jsonObject(with: submitted.body) as? [String: Any],
            let id = ticket["request_id"] as? String
        else {
            throw failure(model, "the queue did not return a request id")
        }
        // fal answers with the URLs to use; build them the documented way when it does not.
        let base = "\(baseURL)/\(model)/requests/\(id)"
        let statusURL = ticket["status_url"] as? String ?? "\(base)/status"
        let responseURL = ticket["response_url"] as? String ?? base
        let cancelURL = ticket["cancel_url"] as? String ?? "\(base)/cancel"
        let started = ContinuousClock.now
        do {
            while true {
                let answer = try await http.send(.GET, statusURL, headers: headers)
                guard answer.status == 200 || answer.status == 202 else {
                    throw failure(
                        model, "status check failed with HTTP \(answer.status): \(ProviderHTTP.errorText(answer.body))",
                        status: answer.status)
                }
                let status =
                    (try? JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["status"] as? String ?? ""
                switch status {
                case "COMPLETED":
                    let result = try await http.send(.GET, responseURL, headers: headers)
                    guard result.status == 200 else {
                        throw failure(
                            model,
                            "the request failed with HTTP \(result.status): \(ProviderHTTP.errorText(result.body))",
                            status: result.status)
                    }
                    guard let object = try? JSONSerialization.jsonObject(with: result.body) as? [String: Any] else {
                        throw failure(model, "the result is not a JSON object")
                    }
                    return object
                case "IN_QUEUE", "IN_PROGRESS":
                    break
                default:
                    throw failure(
                        model,
                        "the request ended as \(status.isEmpty ? "an unknown state" : status): \(ProviderHTTP.errorText(answer.body))"
                    )
                }
                guard ContinuousClock.now - started < .seconds(deadline) else {
                    throw failure(model, "no result after \(Int(deadline)) seconds")
                }
                try await Task.sleep(for: .milliseconds(Int64(pollInterval * 1000)))
            }
        } catch {
            // Stopped here (cancelled, timed out, failed): do not leave fal working for nobody. The cancel call
            // runs outside this (possibly cancelled) task, with one quick try.
            let http = ProviderHTTP(
                provider: http.provider, policy: RetryPolicy(attempts: 1, baseDelay: 0, maximumDelay: 0, timeout: 10),
                logger: http.logger)
            let headers = headers
            await Task.detached { _ = try? await http.send(.PUT, cancelURL, headers: headers) }.value
            throw error
        }
    }

    /// Downloads a result file (fal's CDN, or a data: URI) into `file`.
    public func download(_ url: String, to file: URL) async throws {
        if url.hasPrefix("data:") {
            guard let comma = url.firstIndex(of: ","),
                let data = Data(base64Encoded: String(url[url.index(after: comma)...]))
            else {
                throw ProviderFailure(provider: "fal.ai", message: "the result holds a data URI that is not base64")
            }
            try data.write(to: file)
            return
        }
        let answer = try await http.send(.GET, url)
        guard answer.status == 200, !answer.body.isEmpty else {
            throw ProviderFailure(
                provider: "fal.ai", message: "downloading the result failed with HTTP \(answer.status)",
                status: answer.status)
        }
        try answer.body.write(to: file)
    }

    /// Runs `model` and downloads the file its result names under one of `keys` into `folder`; returns the file.
    public func runAndDownload(_ model: String, input: [String: Any], keys: [String], what: String, into folder: URL)
        async throws -> URL
    {
        let result = try await run(model, input: input)
        guard let url = Self.fileURL(in: result, keys: keys) else { throw failure(model, "the result has no \(what)") }
        let file = folder.appendingPathComponent("\(what)-\(UUID().uuidString.prefix(8))")
        try await download(url, to: file)
        return file
    }

    func failure(_ model: String, _ message: String, status: Int? = nil) -> ProviderFailure {
        ProviderFailure(provider: "fal.ai (\(model))", message: message, status: status)
    }

    /// The `url` of the first file found under one of `keys` in a result (`images[0].url`, `video.url`, …).
    static func fileURL(in result: [String: Any], keys: [String]) -> String? {
        for key in keys {
            if let object = result[key] as? [String: Any], let url = object["url"] as? String { return url }
            if let list = result[key] as? [[String: Any]], let url = list.first?["url"] as? String { return url }
            if let url = result[key] as? String, url.hasPrefix("http") || url.hasPrefix("data:") { return url }
        }
        return nil
    }
}
