import Hummingbird

/// The `Idempotency-Key` header: absent, or 1 to 200 characters; anything else is refused before any work.
enum IdempotencyKey {
    static func from(_ request: Request) throws -> String? {
        guard let key = request.headers[.init("Idempotency-Key")!] else { return nil }
        guard (1...200).contains(key.count) else {
            throw APIError(.badRequest, .invalidIdempotencyKey, "Idempotency-Key must be 1 to 200 characters")
        }
        return key
    }
}
