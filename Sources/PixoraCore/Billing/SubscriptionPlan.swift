/// A subscription tier: what it costs, the credits it grants each month and the limits on what its accounts may do.
/// A `nil` limit is no limit. Plans come from `PlanCatalog` (built in, or `PIXORA_PLANS_FILE`).
public struct SubscriptionPlan: Codable, Sendable, Hashable, Identifiable {
    /// What a plan costs per month; free plans have `cents` 0. `stripePriceId` is the Stripe Price a checkout
    /// for this plan subscribes to (nil: the plan cannot be bought through Stripe).
    public struct Price: Codable, Sendable, Hashable {
        public var cents: Int
        /// ISO 4217, lowercase as Stripe writes it (`usd`).
        public var currency: String
        public var stripePriceId: String?

        public init(cents: Int, currency: String = "usd", stripePriceId: String? = nil) {
            (self.cents, self.currency, self.stripePriceId) = (cents, currency, stripePriceId)
        }
    }

    /// Lowercase letters, digits and dashes; stored in `subscriptions.plan_id`.
    public var id: String
    public var name: String
    public var price: Price
    /// Credits granted on each monthly anniversary (or each paid invoice, with Stripe).
    public var monthlyCredits: Int
    /// Longest video an account may ask for, in seconds.
    public var maxDurationSeconds: Int?
    /// Highest output quality.
    public var maxQuality: Quality?
    /// Generation jobs (videos, scenes, versions, analyses, studio steps) queued or running at once.
    public var concurrentJobs: Int?
    /// Generation jobs accepted in any rolling hour.
    public var generationsPerHour: Int?
    /// How long a finished video keeps its files; nil follows `PIXORA_RETENTION`.
    public var retentionDays: Int?
    /// Higher is claimed sooner by the workers; each level is worth `JobPriority.stepSeconds` of waiting.
    public var queuePriority: Int
    /// Providers whose generators the account may use (`embedded`, `openai`, `fal`, `elevenlabs`); nil is all.
    public var allowedProviders: [String]?
    /// Video models the account may pick in the guided studio; nil is all.
    public var allowedModels: [String]?

    public init(
        id: String, name: String, price: Price, monthlyCredits: Int, maxDurationSeconds: Int? = nil,
        maxQuality: Quality? = nil, concurrentJobs: Int? = nil, generationsPerHour: Int? = nil,
        retentionDays: Int? = nil, queuePriority: Int = 0, allowedProviders: [String]? = nil,
        allowedModels: [String]? = nil
    ) {
        (self.id, self.name, self.price, self.monthlyCredits) = (id, name, price, monthlyCredits)
        (self.maxDurationSeconds, self.maxQuality, self.concurrentJobs) = (
            maxDurationSeconds, maxQuality, concurrentJobs
        )
        (self.generationsPerHour, self.retentionDays, self.queuePriority) = (
            generationsPerHour, retentionDays, queuePriority
        )
        (self.allowedProviders, self.allowedModels) = (allowedProviders, allowedModels)
    }

    /// True when the plan lets its accounts use `provider`.
    public func allows(provider: String) -> Bool { allowedProviders.map { $0.contains(provider) } ?? true }

    /// True when the plan lets its accounts pick `model`.
    public func allows(model: String) -> Bool { allowedModels.map { $0.contains(model) } ?? true }

    /// True when `quality` is at most the plan's.
    public func allows(quality: Quality) -> Bool {
        guard let maxQuality else { return true }
        return Quality.allCases.firstIndex(of: quality)! <= Quality.allCases.firstIndex(of: maxQuality)!
    }
}

extension SubscriptionPlan {
    /// Every account's plan when billing is off: no limits, no allowance, today's behaviour.
    public static let selfHosted = SubscriptionPlan(
        id: "self-hosted", name: "Self-hosted", price: Price(cents: 0), monthlyCredits: 0)

    /// One job at a time, 60 s, 720p (issue 14).
    public static let free = SubscriptionPlan(
        id: "free", name: "Free", price: Price(cents: 0), monthlyCredits: 100, maxDurationSeconds: 60,
        maxQuality: .p720, concurrentJobs: 1, generationsPerHour: 10, retentionDays: 7, queuePriority: 0)

    public static let pro = SubscriptionPlan(
        id: "pro", name: "Pro", price: Price(cents: 1_900), monthlyCredits: 1_500, maxDurationSeconds: 120,
        maxQuality: .p1080, concurrentJobs: 3, generationsPerHour: 60, retentionDays: 30, queuePriority: 5)

    public static let enterprise = SubscriptionPlan(
        id: "enterprise", name: "Enterprise", price: Price(cents: 9_900), monthlyCredits: 10_000,
        maxDurationSeconds: 120, maxQuality: .p1080, concurrentJobs: 10, generationsPerHour: 600,
        retentionDays: 365, queuePriority: 10)
}
