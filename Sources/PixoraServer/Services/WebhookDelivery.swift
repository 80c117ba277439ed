import PixoraJobs
import PixoraProviders

extension AppServices {
    /// The `deliver_webhook` handler of this deployment: real HTTP calls, private addresses refused unless
    /// `PIXORA_WEBHOOK_ALLOW_PRIVATE` is on.
    public var webhookDelivery: WebhookDeliveryJob {
        let allowPrivate = configuration.settings.flag("PIXORA_WEBHOOK_ALLOW_PRIVATE") ?? false
        return WebhookDeliveryJob(
            database: database, poster: WebhookClient(allowPrivate: allowPrivate), logger: logger)
    }
}
