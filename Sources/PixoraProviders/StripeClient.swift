import Foundation
import Logging
import NIOHTTP1
import PixoraCore

/// An answer of Stripe's that is not a success: its status and Stripe's `error` object, never the key.
public struct StripeFailure: UserFacingError, Sendable, Equatable {
    public var isUsageError: Bool { false }
    public var status: Int
    /// `invalid_request_error`, `authentication_error`, `card_error`, `api_error`…; `unreachable` when no answer.
    public var type: String
    public var message: String
    /// The parameter Stripe objected to, for an `invalid_request_error`.
    public var param: String?

    public var description: String {
        "Stripe answered \(status) \(type): \(message)" + (param.map { " (parameter \($0))" } ?? "")
    }
}

/// A Checkout Session as created: where to send the browser.
public struct StripeCheckoutSession: Sendable, Equatable {
    public var id: String
    public var url: String
}

/// One of a customer's invoices, as listed.
public struct StripeInvoice: Sendable, Equatable {
    public var id: String
    public var number: String?
    public var status: String
    public var amountPaid: Int
    public var amountDue: Int
    public var currency: String
    /// Seconds since 1970.
    public var created: Int64
    public var hostedInvoiceURL: String?
    public var invoicePDF: String?
}

/// Stripe's REST API on AsyncHTTPClient: form-encoded bodies with Stripe's bracket keys (`metadata[k]=v`,
/// `line_items[0][quantity]=1`), the secret key as a bearer token, an `Idempotency-Key` on every POST so a retried
/// call (ProviderHTTP retries 429 and 5xx) never makes a second object.
public struct StripeClient: Sendable {
    public let base: String
    let key: String
    let http: ProviderHTTP

    public static let defaultBase = "https://api.stripe.com"

    public init(key: String, base: String = StripeClient.defaultBase, policy: RetryPolicy, logger: Logger) {
        self.key = key
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        http = ProviderHTTP(provider: "Stripe", policy: policy, logger: logger)
    }

    public func createCheckoutSession(_ form: [(String, String)], idempotencyKey: String) async throws
        -> StripeCheckoutSession
    {
        let object = try await post("/v1/checkout/sessions", form, idempotencyKey: idempotencyKey)
        guard let id = object["id"] as? String, let url = object["url"] as? String else {
            throw Self.unreadable("a Checkout Session without id or url")
        }
        return StripeCheckoutSession(id: id, url: url)
    }

    /// A new customer; the same `idempotencyKey` within Stripe's 24 hours answers the same customer.
    public func createCustomer(email: String, name: String, user: String, idempotencyKey: String) async throws
        -> String
    {
        let form = [("email", email), ("name", name), ("metadata[pixora_user]", user)]
        let object = try await post("/v1/customers", form, idempotencyKey: idempotencyKey)
        guard let id = object["id"] as? String else { throw Self.unreadable("a customer without id") }
        return id
    }

    /// The customer portal's URL for `customer`, coming back to `returnURL`.
    public func createPortalSession(customer: String, returnURL: String, idempotencyKey: String) async throws
        -> String
    {
        let form = [("customer", customer), ("return_url", returnURL)]
        let object = try await post("/v1/billing_portal/sessions", form, idempotencyKey: idempotencyKey)
        guard let url = object["url"] as? String else { throw Self.unreadable("a portal session without url") }
        return url
    }

    /// The customer's newest invoices (at most `limit`, 1–100).
    public func invoices(customer: String, limit: Int) async throws -> [StripeInvoice] {
        let query = Self.formBody([("customer", customer), ("limit", String(limit))])
        let object = try await call(.GET, "/v1/invoices?" + query, body: nil, idempotencyKey: nil)
        guard let data = object["data"] as? [[String: Any]] else { throw Self.unreadable("an invoice list") }
        return data.compactMap { invoice in
            guard let id = invoice["id"] as? String else { return nil }
            return StripeInvoice(
                id: id, number: invoice["number"] as? String, status: invoice["status"] as? String ?? "draft",
                amountPaid: Self.integer(invoice["amount_paid"]) ?? 0,
                amountDue: Self.integer(invoice["amount_due"]) ?? 0,
                currency: invoice["currency"] as? String ?? "usd",
                created: Int64(Self.integer(invoice["created"]) ?? 0),
                hostedInvoiceURL: invoice["hosted_invoice_url"] as? String,
                invoicePDF: invoice["invoice_pdf"] as? String)
        }
    }

    func post(_ path: String, _ form: [(String, String)], idempotencyKey: String) async throws -> [String: Any] {
        try await call(.POST, path, body: Data(Self.formBody(form).utf8), idempotencyKey: idempotencyKey)
    }

    func call(_ method: HTTPMethod, _ path: String, body: Data?, idempotencyKey: String?) async throws
        -> [String: Any]
    {
        var headers = [("Authorization", "Bearer \(key)"), ("Accept", "application/json")]
        if body != nil { headers.append(("Content-Type", "application/x-www-form-urlencoded")) }
        if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
        let answer: ProviderResponse
        do {
            answer = try await http.send(method, base + path, headers: headers, body: body)
        } catch let failure as ProviderFailure {
            throw StripeFailure(status: 0, type: "unreachable", message: failure.message, param: nil)
        }
        let object = (try? JSONSerialization.jsonObject(with: answer.body)) as? [String: Any]
        guard (200..<300).contains(answer.status) else {
            let error = object?["error"] as? [String: Any]
            throw StripeFailure(
                status: answer.status, type: error?["type"] as? String ?? "api_error",
                message: error?["message"] as? String ?? "HTTP \(answer.status) without Stripe's error object",
                param: error?["param"] as? String)
        }
        guard let object else { throw Self.unreadable("an answer that is not a JSON object") }
        return object
    }

    static func unreadable(_ what: String) -> StripeFailure {
        StripeFailure(status: 200, type: "api_error", message: "Stripe sent \(what)", param: nil)
    }

    static func integer(_ value: Any?) -> Int? {
        if let value = value as? Int { return value }
        if let value = value as? NSNumber { return value.intValue }
        return nil
    }

    /// `application/x-www-form-urlencoded` as Stripe reads it: keys keep their brackets' meaning, so only the
    /// characters outside the unreserved set are escaped (a bracket in a key is escaped too; Stripe decodes it).
    public static func formBody(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static let unreserved = CharacterSet(
        charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
