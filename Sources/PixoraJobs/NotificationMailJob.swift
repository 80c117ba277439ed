import Foundation
import PixoraStore
import SQLKit

/// Sends one notification by mail. The server implements it with its mailer; the job module cannot see mail.
public protocol NotificationDelivery: Sendable {
    func deliver(_ notification: UserNotification, to user: User) async throws
}

/// Mails a notification queued by `Notifications.post`. A mail server that fails makes the attempt fail, and the
/// queue tries again after its backoff; the event that posted the notification is long committed. The person's
/// switch is read again at sending time: one switched off meanwhile (by the unsubscribe link, say) sends nothing.
struct NotificationMailJob: JobHandler {
    let database: any Database
    let delivery: any NotificationDelivery
    var kind: JobKind { .notificationMail }

    func run(_ context: JobContext) async throws {
        let payload = try context.job.payload(as: NotificationMailPayload.self)
        let found = try await database.read { db -> (UserNotification, User, Bool)? in
            guard let notification = try await Notifications.find(db, id: payload.notificationId),
                let user = try await Users.find(db, id: notification.userId)
            else { return nil }
            let wanted = try await Users.settings(db, user: user.id).notifications[notification.kind].mail
            return (notification, user, wanted)
        }
        if let (notification, user, wanted) = found, wanted {
            try await delivery.deliver(notification, to: user)
        }
        let sent = found?.2 == true ? "mailed" : "not mailed: switched off or gone"
        try await context.complete(final: JobProgress(stage: .done, fraction: 1, message: sent)) { _ in }
    }

    /// Nothing to undo: the notification stays in the studio's list.
    func failed(_ job: Job, error: String, in db: any SQLDatabase) async throws {}
}
