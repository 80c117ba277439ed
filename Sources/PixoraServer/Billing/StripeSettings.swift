import Foundation
import Logging
import PixoraCore
import PixoraProviders

/// What payments need from the configuration: Stripe's key, the webhook's signing secret, where Stripe is, the
/// credit packs and where Stripe sends the browser back to.
struct StripeSettings: Sendable {
    var secretKey: String?
    var webhookSecret: String?
    var apiBase: String
    var packs: [CreditPack]
    var publicURL: String
    var policy: RetryPolicy

    /// Refuses a `PIXORA_CREDIT_PACKS` that is not a list of packs (checked when the server starts).
    static func from(_ configuration: ServerConfiguration) throws -> StripeSettings {
        let settings = configuration.settings
        let packs = try CreditPack.parse(settings.text("PIXORA_CREDIT_PACKS") ?? CreditPack.defaultList).get()
        var base = configuration.publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return StripeSettings(
            secretKey: settings.text("STRIPE_SECRET_KEY"), webhookSecret: settings.text("STRIPE_WEBHOOK_SECRET"),
            apiBase: settings.text("STRIPE_API_BASE") ?? StripeClient.defaultBase, packs: packs, publicURL: base,
            policy: RetryPolicy.from(configuration: settings))
    }

    /// The client, or 503 `billing_unavailable` when no key is set.
    func client(logger: Logger) throws -> StripeClient {
        guard let secretKey else {
            throw APIError(
                .serviceUnavailable, .billingUnavailable, "this server takes no payments: STRIPE_SECRET_KEY is not set")
        }
        return StripeClient(key: secretKey, base: apiBase, policy: policy, logger: logger)
    }
}
