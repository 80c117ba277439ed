import Foundation
import Hummingbird
import Logging
import NIOCore
import PixoraCore

/// Stripe's API as Pixora calls it, on a local port: customers, Checkout Sessions (create, retrieve), billing
/// portal sessions and the invoice list, with Stripe's shapes and errors (401 for a wrong key, 400
/// `invalid_request_error` naming the parameter) and idempotency keys (a repeated key answers the first answer).
/// `complete(session:)` plays the customer paying: it makes the invoice (and subscription) Stripe would, and
/// returns the events Stripe would send, which `signed(_:)` signs for delivery to the webhook.
public final class StripeEmulator: @unchecked Sendable {
    public let key: String
    public let webhookSecret: String
    private let lock = NSLock()
    private var base = ""
    private var counter = 0
    private var customers: [String: [String: Any]] = [:]
    private var sessions: [String: [String: Any]] = [:]
    private var invoices: [[String: Any]] = []
    private var answered: [String: (Int, Data)] = [:]
    /// Every request: method, path with query, form fields, headers (lower-case names).
    public private(set) var received:
        [(method: String, path: String, form: [String: String], headers: [String: String])] = []

    public init(
        key: String = "sk_test_emulated_\(UUID().uuidString.prefix(8))", webhookSecret: String = "whsec_emulated"
    ) {
        self.key = key
        self.webhookSecret = webhookSecret
    }

    public var requests: [(method: String, path: String, form: [String: String], headers: [String: String])] {
        lock.withLock { received }
    }

    public func session(_ id: String) -> [String: Any]? { lock.withLock { sessions[id] } }

    public var sessionIDs: [String] { lock.withLock { Array(sessions.keys) } }

    public var customerIDs: [String] { lock.withLock { Array(customers.keys) } }

    // MARK: Serving

    public func run<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let router = Router()
        router.on("**", method: .post) { request, context in try await self.answer(request) }
        router.on("**", method: .get) { request, context in try await self.answer(request) }
        return try await runLocally(router, label: "stripe-emulator") { base in
            lock.withLock { self.base = base }
            return try await body(base)
        }
    }

    func answer(_ request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let form = Self.decodeForm(String(buffer: buffer))
        let query = Self.decodeForm(request.uri.query ?? "")
        let method = request.method.rawValue
        let path = request.uri.path
        let (status, data) = lock.withLock { () -> (Int, Data) in
            received.append((method, request.uri.description, form, headers))
            guard headers["authorization"] == "Bearer \(key)" else {
                return Self.error(401, "invalid_request_error", "Invalid API Key provided: sk_****", param: nil)
            }
            let idempotency = headers["idempotency-key"].map { "\(path) \($0)" }
            if let idempotency, let earlier = answered[idempotency] { return earlier }
            let reply = route(method, path, form: form, query: query)
            if let idempotency, method == "POST" { answered[idempotency] = reply }
            return reply
        }
        return Response(
            status: .init(code: status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Called with the lock held.
    private func route(_ method: String, _ path: String, form: [String: String], query: [String: String]) -> (Int, Data)
    {
        let parts = path.split(separator: "/").map(String.init)
        switch (method, parts) {
        case ("POST", ["v1", "customers"]):
            let id = nextID("cus")
            let customer: [String: Any] = [
                "id": id, "object": "customer", "email": form["email"] ?? NSNull(), "name": form["name"] ?? NSNull(),
                "metadata": Self.nested(form, "metadata"),
            ]
            customers[id] = customer
            return Self.ok(customer)
        case ("POST", ["v1", "checkout", "sessions"]):
            return createSession(form)
        case ("GET", _) where parts.count == 4 && parts.starts(with: ["v1", "checkout", "sessions"]):
            guard let session = sessions[parts[3]] else { return Self.missing("checkout.session", parts[3]) }
            return Self.ok(session.filter { $0.key != "pixora_emulator_form" })
        case ("POST", ["v1", "billing_portal", "sessions"]):
            guard let customer = form["customer"] else { return Self.required("customer") }
            guard customers[customer] != nil else { return Self.missing("customer", customer, param: "customer") }
            let id = nextID("bps")
            return Self.ok([
                "id": id, "object": "billing_portal.session", "customer": customer,
                "return_url": form["return_url"] ?? NSNull(), "url": "\(base)/p/session/\(id)",
            ])
        case ("GET", ["v1", "invoices"]):
            let limit = min(Int(query["limit"] ?? "10") ?? 10, 100)
            let list = invoices.filter { query["customer"] == nil || $0["customer"] as? String == query["customer"] }
                .reversed().prefix(limit)
            return Self.ok(["object": "list", "data": Array(list), "has_more": false, "url": "/v1/invoices"])
        default:
            return Self.error(
                404, "invalid_request_error", "Unrecognized request URL (\(method): \(path)).", param: nil)
        }
    }

    private func createSession(_ form: [String: String]) -> (Int, Data) {
        guard let mode = form["mode"] else { return Self.required("mode") }
        guard ["payment", "subscription", "setup"].contains(mode) else {
            return Self.error(
                400, "invalid_request_error", "Invalid mode: must be one of payment, setup, or subscription",
                param: "mode")
        }
        guard form["success_url"] != nil else { return Self.required("success_url") }
        guard form["line_items[0][price]"] != nil || form["line_items[0][price_data][currency]"] != nil else {
            return Self.required("line_items")
        }
        if mode == "subscription", form["line_items[0][price]"] == nil,
            form["line_items[0][price_data][recurring][interval]"] == nil
        {
            return Self.error(
                400, "invalid_request_error",
                "You must provide at least one recurring price in `subscription` mode when using prices.",
                param: "line_items")
        }
        if let customer = form["customer"], customers[customer] == nil {
            return Self.missing("customer", customer, param: "customer")
        }
        let id = nextID("cs_test")
        let amount = Int(form["line_items[0][price_data][unit_amount]"] ?? "") ?? 1000
        let session: [String: Any] = [
            "id": id, "object": "checkout.session", "mode": mode, "status": "open", "payment_status": "unpaid",
            "customer": form["customer"] ?? NSNull(), "client_reference_id": form["client_reference_id"] ?? NSNull(),
            "metadata": Self.nested(form, "metadata"), "success_url": form["success_url"] ?? NSNull(),
            "cancel_url": form["cancel_url"] ?? NSNull(), "amount_total": amount, "currency": "usd",
            "url": "\(base)/c/pay/\(id)",
            "pixora_emulator_form": form,
        ]
        sessions[id] = session
        return Self.ok(session.filter { $0.key != "pixora_emulator_form" })
    }

    // MARK: Playing the customer

    /// The customer pays session `id`: the events Stripe sends, in order (`created` from `at`, seconds).
    public func complete(session id: String, at: Int64) -> [[String: Any]] {
        lock.withLock {
            guard var session = sessions[id] else { return [] }
            session["status"] = "complete"
            session["payment_status"] = "paid"
            let form = session["pixora_emulator_form"] as? [String: String] ?? [:]
            session.removeValue(forKey: "pixora_emulator_form")
            sessions[id] = session
            let customer = session["customer"] as? String ?? ""
            if session["mode"] as? String == "payment" {
                let invoice = makeInvoice(customer: customer, amount: session["amount_total"] as? Int ?? 0, at: at)
                return [Self.event(nextID("evt"), "checkout.session.completed", session, created: at)]
                    + [Self.event(nextID("evt"), "invoice.paid", invoice, created: at)]
            }
            let subscriptionID = nextID("sub")
            session["subscription"] = subscriptionID
            sessions[id] = session
            let metadata = Self.nested(form, "subscription_data[metadata]")
            let subscription = Self.subscription(
                subscriptionID, customer: customer, metadata: metadata, lookupKey: nil, status: "active",
                periodEnd: at + 30 * 86_400, cancelling: false)
            var invoice = makeInvoice(
                customer: customer, amount: Int(form["line_items[0][price_data][unit_amount]"] ?? "") ?? 0, at: at)
            invoice["subscription"] = subscriptionID
            invoice["billing_reason"] = "subscription_create"
            invoice["subscription_details"] = ["metadata": metadata]
            invoice["lines"] = [
                "object": "list",
                "data": [
                    ["id": nextID("il"), "period": ["start": at, "end": at + 30 * 86_400], "metadata": metadata]
                ],
            ]
            updateInvoice(invoice)
            return [
                Self.event(nextID("evt"), "checkout.session.completed", session, created: at),
                Self.event(nextID("evt"), "customer.subscription.created", subscription, created: at),
                Self.event(nextID("evt"), "invoice.paid", invoice, created: at),
            ]
        }
    }

    private func makeInvoice(customer: String, amount: Int, at: Int64) -> [String: Any] {
        let id = nextID("in")
        let invoice: [String: Any] = [
            "id": id, "object": "invoice", "customer": customer, "status": "paid", "amount_paid": amount,
            "amount_due": amount, "currency": "usd", "created": at, "number": "EMU-\(invoices.count + 1)",
            "hosted_invoice_url": "\(base)/i/\(id)", "invoice_pdf": "\(base)/i/\(id)/pdf",
        ]
        invoices.append(invoice)
        return invoice
    }

    private func updateInvoice(_ invoice: [String: Any]) {
        if let index = invoices.firstIndex(where: { $0["id"] as? String == invoice["id"] as? String }) {
            invoices[index] = invoice
        }
    }

    /// A subscription object as `customer.subscription.*` events carry it.
    public static func subscription(
        _ id: String, customer: String, metadata: [String: String], lookupKey: String?, status: String,
        periodEnd: Int64, cancelling: Bool
    ) -> [String: Any] {
        var price: [String: Any] = ["id": "price_\(lookupKey ?? "checkout")", "object": "price", "metadata": [:]]
        if let lookupKey { price["lookup_key"] = lookupKey }
        return [
            "id": id, "object": "subscription", "customer": customer, "status": status, "metadata": metadata,
            "cancel_at_period_end": cancelling, "current_period_end": periodEnd,
            "items": [
                "object": "list", "data": [["id": "si_\(id)", "price": price, "current_period_end": periodEnd]],
            ],
        ]
    }

    /// An event as Stripe sends it.
    public static func event(_ id: String, _ type: String, _ object: [String: Any], created: Int64) -> [String: Any] {
        [
            "id": id, "object": "event", "type": type, "created": created, "api_version": "2024-06-20",
            "livemode": false, "data": ["object": object],
        ]
    }

    /// The body and `Stripe-Signature` header of a delivery of `event`, signed at `timestamp` with `secret`
    /// (the emulator's own by default).
    public func signed(_ event: [String: Any], at timestamp: Int64, secret: String? = nil) -> (
        body: Data, signature: String
    ) {
        let body = try! JSONSerialization.data(withJSONObject: event, options: [.sortedKeys])
        return (body, StripeSignature.header(secret: secret ?? webhookSecret, timestamp: timestamp, body: body))
    }

    public func nextEventID() -> String { lock.withLock { nextID("evt") } }

    // MARK: Stripe's shapes

    private func nextID(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)_\(String(format: "%06d", counter))\(UUID().uuidString.prefix(6))"
    }

    static func ok(_ object: [String: Any]) -> (Int, Data) {
        (200, try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func error(_ status: Int, _ type: String, _ message: String, param: String?) -> (Int, Data) {
        var error: [String: Any] = ["type": type, "message": message]
        if let param { error["param"] = param }
        return (status, try! JSONSerialization.data(withJSONObject: ["error": error]))
    }

    static func required(_ param: String) -> (Int, Data) {
        error(400, "invalid_request_error", "Missing required param: \(param).", param: param)
    }

    static func missing(_ kind: String, _ id: String, param: String? = nil) -> (Int, Data) {
        error(param == nil ? 404 : 400, "invalid_request_error", "No such \(kind): '\(id)'", param: param)
    }

    /// `prefix[key]=value` fields as a dictionary (`metadata[pixora_user]` → `pixora_user`).
    static func nested(_ form: [String: String], _ prefix: String) -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in form where key.hasPrefix(prefix + "[") && key.hasSuffix("]") {
            let inner = key.dropFirst(prefix.count + 1).dropLast()
            if !inner.contains("[") { values[String(inner)] = value }
        }
        return values
    }

    static func decodeForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }
}
