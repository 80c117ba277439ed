/// What a notification is about. The raw values are what the `notifications.kind` column holds and the API says.
public enum NotificationKind: String, Codable, Sendable, Hashable, CaseIterable {
    case videoReady = "video_ready"
    case videoFailed = "video_failed"
    case videoExpiring = "video_expiring"
    case creditsLow = "credits_low"
    case exportReady = "export_ready"
    case webhookDisabled = "webhook_disabled"

    /// The kind's key in the settings document (`notifications.videoReady`).
    public var settingKey: String {
        switch self {
        case .videoReady: "videoReady"
        case .videoFailed: "videoFailed"
        case .videoExpiring: "videoExpiring"
        case .creditsLow: "creditsLow"
        case .exportReady: "exportReady"
        case .webhookDisabled: "webhookDisabled"
        }
    }

    /// How the kind is named in a mail's unsubscribe line and the settings page.
    public var label: String {
        switch self {
        case .videoReady: "video ready"
        case .videoFailed: "video failed"
        case .videoExpiring: "video about to expire"
        case .creditsLow: "credits low"
        case .exportReady: "data export ready"
        case .webhookDisabled: "webhook endpoint turned off"
        }
    }
}
