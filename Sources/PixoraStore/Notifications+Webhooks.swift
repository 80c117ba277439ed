import PixoraCore
import SQLKit

extension Notifications {
    /// Posts `webhook_disabled` for an endpoint the server just turned off, with its URL, the reason and the last
    /// attempt's failure, each made one line of text (the URL also without bidi controls, so it cannot pose as
    /// another). Call in the transaction that turns it off; the event key holds the start of the failure streak, so
    /// a retried job posts once and a later streak posts again.
    public static func webhookDisabled(_ db: any SQLDatabase, webhook id: String, lastFailure: String?) async throws {
        guard let webhook = try await Webhooks.find(db, id: id), !webhook.enabled else { return }
        let url = TextSanitizer.singleLineWithoutBidiControls(String(webhook.url.prefix(300)))
        let reason = TextSanitizer.singleLine(String((webhook.disabledReason ?? "every delivery failed").prefix(300)))
        var body = "Pixora stopped sending to \(url): \(reason)."
        if let lastFailure, !lastFailure.isEmpty {
            body += " The last attempt: " + TextSanitizer.singleLine(String(lastFailure.prefix(300))) + "."
        }
        body += " Fix the endpoint, then turn it on again on your profile."
        try await post(
            db, userId: webhook.userId, kind: .webhookDisabled, title: "A webhook endpoint was turned off",
            body: body, link: "/profile", eventKey: "webhook_disabled:\(id):\(webhook.failingSince ?? 0)")
    }
}
