import Foundation

/// A Stripe event as the webhook reads it, after its signature checked: Stripe's objects are large and change
/// between API versions, so only the fields Pixora acts on are read, each where the versions put it.
struct StripeEvent: @unchecked Sendable {
    var id: String
    var type: String
    /// Seconds since 1970: when Stripe made the event, which orders events about one object.
    var created: Int64
    var object: [String: Any]

    /// Nil when the body is not an event (no id, type, created or data.object).
    init?(json: Data) {
        guard let root = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any],
            let id = root["id"] as? String, !id.isEmpty, let type = root["type"] as? String,
            let created = Self.integer(root["created"]),
            let object = (root["data"] as? [String: Any])?["object"] as? [String: Any]
        else { return nil }
        (self.id, self.type, self.created, self.object) = (id, type, Int64(created), object)
    }

    static func integer(_ value: Any?) -> Int? {
        if let number = value as? NSNumber, !(value is Bool) { return number.intValue }
        return nil
    }
}

/// Reading a Stripe object's fields.
extension [String: Any] {
    func text(_ key: String) -> String? { (self[key] as? String).flatMap { $0.isEmpty ? nil : $0 } }
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func integer(_ key: String) -> Int? { StripeEvent.integer(self[key]) }
    /// An id field that Stripe sends as the id, or as the whole object when expanded.
    func reference(_ key: String) -> String? { text(key) ?? object(key)?.text("id") }
    var metadata: [String: String] {
        (self["metadata"] as? [String: Any])?.compactMapValues { $0 as? String } ?? [:]
    }
    /// The first item of a list object (`{"object": "list", "data": […]}`).
    func first(_ key: String) -> [String: Any]? { (object(key)?["data"] as? [[String: Any]])?.first }
}
