/// What a webhook endpoint can subscribe to; the raw values are the `type` of each delivery's body.
public enum WebhookEventType: String, CaseIterable, Codable, Sendable {
    /// A video finished rendering its first version.
    case videoCompleted = "video.completed"
    /// A video failed for good (after its retries) and was refunded.
    case videoFailed = "video.failed"
    /// A new version of a video finished rendering (a saved edit or a regenerated scene).
    case versionCompleted = "version.completed"
    /// A guided studio step finished and waits for review.
    case projectStepCompleted = "project.step.completed"
}
