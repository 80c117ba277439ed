extension ProviderSettings {
    /// The providers whose generators make a video on this server, by name and sorted: a plan allows providers by
    /// these names (`SubscriptionPlan.allowedProviders`).
    public var inUse: [String] { Set([planner, image, video, speech, music].map(\.rawValue)).sorted() }
}
