import Foundation

/// A signed-in person's own settings (`GET`/`PUT /users/me/settings`): defaults for new videos, which notifications
/// reach them and how, the studio's theme. Versioned; every field may be left out and takes its default, and an
/// unknown field or value is an error naming it, so a typo never silently keeps the old behaviour.
public struct UserSettings: Codable, Sendable, Hashable {
    public static let currentVersion = 1
    public static let creditsLowRange: ClosedRange<Int> = 0...100_000

    public var version: Int
    public var defaults: VideoDefaults
    public var notifications: NotificationChoices
    public var theme: Theme

    public init(
        defaults: VideoDefaults = VideoDefaults(), notifications: NotificationChoices = NotificationChoices(),
        theme: Theme = .system
    ) {
        version = Self.currentVersion
        self.defaults = defaults
        self.notifications = notifications
        self.theme = theme
    }

    /// The studio's colours.
    public enum Theme: String, NamedChoice {
        case system, light, dark
    }

    /// What the landing page's create form starts from. `voice` nil: the machine's default voice.
    public struct VideoDefaults: Codable, Sendable, Hashable {
        public var aspectRatio: AspectRatio
        public var durationSeconds: Double
        public var style: VisualStyle
        public var voice: Voice?
        public var quality: Quality
        public var captions: Bool
        public var music: Bool

        public init(
            aspectRatio: AspectRatio = .landscape, durationSeconds: Double = 30, style: VisualStyle = .cinematic,
            voice: Voice? = nil, quality: Quality = .p720, captions: Bool = true, music: Bool = true
        ) {
            (self.aspectRatio, self.durationSeconds, self.style, self.voice) = (
                aspectRatio, durationSeconds, style, voice
            )
            (self.quality, self.captions, self.music) = (quality, captions, music)
        }

        public init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.stringValue))
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let base = VideoDefaults()
            aspectRatio = try container.decodeIfPresent(AspectRatio.self, forKey: .aspectRatio) ?? base.aspectRatio
            durationSeconds =
                try container.decodeIfPresent(Double.self, forKey: .durationSeconds) ?? base.durationSeconds
            style = try container.decodeIfPresent(VisualStyle.self, forKey: .style) ?? base.style
            voice = try container.decodeIfPresent(Voice.self, forKey: .voice)
            quality = try container.decodeIfPresent(Quality.self, forKey: .quality) ?? base.quality
            captions = try container.decodeIfPresent(Bool.self, forKey: .captions) ?? base.captions
            music = try container.decodeIfPresent(Bool.self, forKey: .music) ?? base.music
            guard Settings.durationRange.contains(durationSeconds) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .durationSeconds, in: container,
                    debugDescription: "must be between \(Int(Settings.durationRange.lowerBound)) and "
                        + "\(Int(Settings.durationRange.upperBound)) seconds")
            }
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case aspectRatio, durationSeconds, style, voice, quality, captions, music
        }
    }

    /// Where one kind of notification goes: the studio's bell, mail, both or neither.
    public struct Channels: Codable, Sendable, Hashable {
        public var inApp: Bool
        public var mail: Bool

        public init(inApp: Bool = true, mail: Bool = true) {
            self.inApp = inApp
            self.mail = mail
        }

        public init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, allowed: ["inApp", "mail"])
            let container = try decoder.container(keyedBy: CodingKeys.self)
            inApp = try container.decodeIfPresent(Bool.self, forKey: .inApp) ?? true
            mail = try container.decodeIfPresent(Bool.self, forKey: .mail) ?? true
        }

        enum CodingKeys: String, CodingKey { case inApp, mail }
    }

    /// Per kind of notification, its channels; and the balance under which a charge warns of low credits.
    public struct NotificationChoices: Codable, Sendable, Hashable {
        public var videoReady: Channels
        public var videoFailed: Channels
        public var videoExpiring: Channels
        public var creditsLow: Channels
        public var exportReady: Channels
        public var webhookDisabled: Channels
        /// A charge that takes the balance from this or more to below it posts `credits_low`.
        public var creditsLowBelow: Int

        public init(creditsLowBelow: Int = 20) {
            let on = Channels()
            (videoReady, videoFailed, videoExpiring, creditsLow) = (on, on, on, on)
            (exportReady, webhookDisabled) = (on, on)
            self.creditsLowBelow = creditsLowBelow
        }

        public subscript(kind: NotificationKind) -> Channels {
            get {
                switch kind {
                case .videoReady: videoReady
                case .videoFailed: videoFailed
                case .videoExpiring: videoExpiring
                case .creditsLow: creditsLow
                case .exportReady: exportReady
                case .webhookDisabled: webhookDisabled
                }
            }
            set {
                switch kind {
                case .videoReady: videoReady = newValue
                case .videoFailed: videoFailed = newValue
                case .videoExpiring: videoExpiring = newValue
                case .creditsLow: creditsLow = newValue
                case .exportReady: exportReady = newValue
                case .webhookDisabled: webhookDisabled = newValue
                }
            }
        }

        public init(from decoder: any Decoder) throws {
            try StrictKeys.check(decoder, allowed: CodingKeys.allCases.map(\.stringValue))
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init()
            for kind in NotificationKind.allCases {
                guard let key = CodingKeys(rawValue: kind.settingKey) else { continue }
                if let channels = try container.decodeIfPresent(Channels.self, forKey: key) { self[kind] = channels }
            }
            creditsLowBelow = try container.decodeIfPresent(Int.self, forKey: .creditsLowBelow) ?? creditsLowBelow
            guard UserSettings.creditsLowRange.contains(creditsLowBelow) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .creditsLowBelow, in: container,
                    debugDescription: "must be between 0 and \(UserSettings.creditsLowRange.upperBound) credits")
            }
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case videoReady, videoFailed, videoExpiring, creditsLow, exportReady, webhookDisabled, creditsLowBelow
        }
    }

    public init(from decoder: any Decoder) throws {
        try StrictKeys.check(decoder, allowed: ["version", "defaults", "notifications", "theme"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeIfPresent(Int.self, forKey: .version) ?? Self.currentVersion
        guard version == Self.currentVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container, debugDescription: "unknown version \(version); expected 1")
        }
        defaults = try container.decodeIfPresent(VideoDefaults.self, forKey: .defaults) ?? VideoDefaults()
        notifications =
            try container.decodeIfPresent(NotificationChoices.self, forKey: .notifications) ?? NotificationChoices()
        theme = try container.decodeIfPresent(Theme.self, forKey: .theme) ?? .system
    }

    enum CodingKeys: String, CodingKey { case version, defaults, notifications, theme }
}

/// Refuses an object holding a key its type does not know, or a null (a field is left out for its default), naming
/// the key's path.
enum StrictKeys {
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static func check(_ decoder: any Decoder, allowed: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
        where !allowed.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath + [key],
                    debugDescription: "unknown field; expected one of: \(allowed.joined(separator: ", "))"))
        }
        for key in container.allKeys where try container.decodeNil(forKey: key) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath + [key],
                    debugDescription: "must not be null; leave the field out for its default"))
        }
    }
}
