import Foundation
import PixoraCore
import SQLKit

extension NotificationKind: StoredEnum {
    public static let table = "notifications"
    public static let column = "kind"
}

/// One notification of one person: what happened, a sentence, where to look, and whether it was read.
public struct UserNotification: Codable, Sendable, Equatable, StoredRow {
    public var id: String
    public var userId: String
    public var kind: NotificationKind
    public var title: String
    public var body: String
    /// A studio path such as `/videos/<id>`; nil when there is nothing to open.
    public var link: String?
    /// What made it, unique per event (`video_ready:<video>`), so an event posts once however often it is reported.
    public var eventKey: String
    /// False when the person switched the kind off in the studio: the row exists only for its mail.
    public var inApp: Bool
    public var readAt: Int64?
    public var createdAt: Int64

    init(row: any SQLRow) throws {
        id = try row.value("id")
        userId = try row.value("user_id")
        kind = try row.stored(NotificationKind.self)
        title = try row.value("title")
        body = try row.value("body")
        link = try row.value("link")
        eventKey = try row.value("event_key")
        inApp = try row.value("in_app", as: Int.self) != 0
        readAt = try row.value("read_at")
        createdAt = try row.value("created_at")
    }
}

/// The payload of a `notification_mail` job.
public struct NotificationMailPayload: Codable, Sendable, Equatable {
    public var notificationId: String
    public init(notificationId: String) { self.notificationId = notificationId }
}

/// Notifications: posted where their events happen, in the transaction that records the event, listed and marked
/// read by their owner only. A mail, when the person wants one, is a queued `notification_mail` job, so a failing
/// mail server delays it (retries) and never blocks or undoes the event.
public enum Notifications {
    /// Attempts a notification's mail gets: with the worker's backoff (5 s doubling, at most 300 s) about ten minutes.
    public static let mailAttempts = 8

    /// Posts a notification of `kind` to `userId` unless `eventKey` was posted before (then nil, nothing written).
    /// Honours the person's settings: the row is listed only when the kind is on in the studio, and a mail job is
    /// queued when it is on by mail; a kind switched off on both channels posts nothing. Call inside the
    /// transaction of the event, so both happen or neither.
    @discardableResult
    public static func post(
        _ db: any SQLDatabase, userId: String, kind: NotificationKind, title: String, body: String, link: String?,
        eventKey: String
    ) async throws -> UserNotification? {
        let channels = try await Users.settings(db, user: userId).notifications[kind]
        guard channels.inApp || channels.mail else { return nil }
        let id = newID()
        let now = Clock.nowMillis()
        guard
            let notification = try await db.raw(
                """
                INSERT INTO notifications (id, user_id, kind, title, body, link, event_key, in_app, created_at)
                VALUES (\(bind: id), \(bind: userId), \(bind: kind.rawValue), \(bind: String(title.prefix(200))),
                        \(bind: String(body.prefix(2000))), \(bind: link), \(bind: eventKey),
                        \(bind: channels.inApp ? 1 : 0), \(bind: now))
                ON CONFLICT (event_key) DO NOTHING RETURNING *
                """
            ).firstRow(UserNotification.self)
        else { return nil }
        if channels.mail {
            let payload = String(
                decoding: try JSONEncoder().encode(NotificationMailPayload(notificationId: id)), as: UTF8.self)
            _ = try await Jobs.enqueue(
                db, kind: .notificationMail, user: userId, video: nil, payload: payload, maxAttempts: mailAttempts)
        }
        return notification
    }

    public static func find(_ db: any SQLDatabase, id: String) async throws -> UserNotification? {
        try await db.raw("SELECT * FROM notifications WHERE id = \(bind: id)").firstRow(UserNotification.self)
    }

    /// The owner's notification; another person's id reads as missing.
    public static func find(_ db: any SQLDatabase, owner: String, id: String) async throws -> UserNotification? {
        try await db.raw(
            "SELECT * FROM notifications WHERE id = \(bind: id) AND user_id = \(bind: owner) AND in_app = 1"
        ).firstRow(UserNotification.self)
    }

    /// The studio's list, newest first.
    public static func list(_ db: any SQLDatabase, owner: String, limit: Int, after cursor: PageCursor?) async throws
        -> Page<UserNotification>
    {
        let rows: [UserNotification]
        if let cursor {
            rows = try await db.raw(
                """
                SELECT * FROM notifications WHERE user_id = \(bind: owner) AND in_app = 1
                AND (created_at < \(bind: cursor.createdAt) OR (created_at = \(bind: cursor.createdAt) AND id < \(bind: cursor.id)))
                ORDER BY created_at DESC, id DESC LIMIT \(bind: limit + 1)
                """
            ).rows(UserNotification.self)
        } else {
            rows = try await db.raw(
                """
                SELECT * FROM notifications WHERE user_id = \(bind: owner) AND in_app = 1
                ORDER BY created_at DESC, id DESC LIMIT \(bind: limit + 1)
                """
            ).rows(UserNotification.self)
        }
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { PageCursor(createdAt: $0.createdAt, id: $0.id) } : nil
        return Page(items: items, next: next)
    }

    public static func unreadCount(_ db: any SQLDatabase, owner: String) async throws -> Int {
        try await db.raw(
            """
            SELECT COUNT(*) AS unread FROM notifications
            WHERE user_id = \(bind: owner) AND read_at IS NULL AND in_app = 1
            """
        ).first()?.decode(column: "unread", as: Int.self) ?? 0
    }

    /// Marks one read (once: a second call keeps the first time). Nil when it is not the owner's.
    public static func markRead(_ db: any SQLDatabase, owner: String, id: String, now: Int64) async throws
        -> UserNotification?
    {
        try await db.raw(
            """
            UPDATE notifications SET read_at = COALESCE(read_at, \(bind: now))
            WHERE id = \(bind: id) AND user_id = \(bind: owner) AND in_app = 1 RETURNING *
            """
        ).firstRow(UserNotification.self)
    }

    /// Marks every unread one read; returns how many.
    @discardableResult
    public static func markAllRead(_ db: any SQLDatabase, owner: String, now: Int64) async throws -> Int {
        try await db.raw(
            """
            UPDATE notifications SET read_at = \(bind: now)
            WHERE user_id = \(bind: owner) AND read_at IS NULL AND in_app = 1 RETURNING id
            """
        ).all().count
    }
}
