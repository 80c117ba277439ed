import Foundation
import PixoraCore
import PixoraJobs
import PixoraStore

/// Notifications as plain-text mails through the server's mailer, each with its kind's unsubscribe link in the
/// headers (RFC 8058) and the body. Text from users (a video's title in the notification) reaches the subject only
/// through `MailMessage`'s header encoding, which flattens line breaks, and the body is plain text.
struct MailedNotifications: NotificationDelivery {
    let mailer: any Mailer
    let links: UnsubscribeLinks
    let publicURL: String

    func deliver(_ notification: UserNotification, to user: User) async throws {
        try await mailer.send(mail(for: notification, to: user))
    }

    func mail(for notification: UserNotification, to user: User) -> Mail {
        let unsubscribe = links.url(base: publicURL, user: user.id, kind: notification.kind)
        var lines = [user.name.isEmpty ? "Hello," : "Hello \(TextSanitizer.singleLine(user.name)),", ""]
        lines.append(notification.body)
        if let link = notification.link { lines += ["", "Open it: \(publicURL)\(link)"] }
        lines += [
            "", "--",
            "You get this mail because \"\(notification.kind.label)\" mails are on in your Pixora settings.",
            "Stop these mails with one click: \(unsubscribe)",
        ]
        return Mail(
            to: user.email, subject: "Pixora: \(notification.title)", body: lines.joined(separator: "\n"),
            unsubscribe: unsubscribe)
    }
}
