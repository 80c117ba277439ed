import Foundation

/// The choices a client may offer for a video's settings, with labels and the defaults: the one list the studio,
/// the CLI's help and the API's validation all read (`GET /api/v1/settings/options`).
public struct SettingsOptions: Codable, Sendable, Equatable {
    public struct Choice: Codable, Sendable, Equatable {
        public var value: String
        public var label: String
        public var hint: String?
    }

    public struct Bounds: Codable, Sendable, Equatable {
        public var min: Double
        public var max: Double
    }

    /// The director agent: whether the server has a language model for it, and its step limits.
    public struct Agent: Codable, Sendable, Equatable {
        public var available: Bool
        public var steps: Bounds
        public var defaultSteps: Int

        public init(available: Bool) {
            self.available = available
            steps = Bounds(min: Double(DirectorSteps.range.lowerBound), max: Double(DirectorSteps.range.upperBound))
            defaultSteps = DirectorSteps.standard
        }
    }

    public static let maxPromptLength = 2000

    public var defaults: Settings
    public var aspectRatio: [Choice]
    public var quality: [Choice]
    public var style: [Choice]
    public var tone: [Choice]
    public var voice: [Choice]
    public var captionMode: [Choice]
    public var mood: [Choice]
    public var transition: [Choice]
    public var fps: [Int]
    public var durationSeconds: Bounds
    public var speechRate: Bounds
    public var maxPromptLength: Int
    /// Set by the server, which knows whether a language model is configured.
    public var agent: Agent?

    public static let current = SettingsOptions(
        defaults: Settings(),
        aspectRatio: AspectRatio.allCases.map { Choice(value: $0.rawValue, label: $0.rawValue, hint: $0.hint) },
        quality: Quality.allCases.map { Choice(value: $0.rawValue, label: $0.rawValue) },
        style: named(VisualStyle.self), tone: named(Tone.self),
        voice: Voice.allCases.map { Choice(value: $0.rawValue, label: $0.displayName) },
        captionMode: CaptionMode.allCases.map { Choice(value: $0.rawValue, label: $0.label) },
        mood: named(Mood.self),
        transition: TransitionKind.allCases.map { Choice(value: $0.rawValue, label: $0.displayName) },
        fps: Settings.allowedFPS.sorted(),
        durationSeconds: Bounds(min: Settings.durationRange.lowerBound, max: Settings.durationRange.upperBound),
        speechRate: Bounds(min: Settings.speechRateRange.lowerBound, max: Settings.speechRateRange.upperBound),
        maxPromptLength: maxPromptLength)

    static func named<Value: NamedChoice>(_ type: Value.Type) -> [Choice] {
        Value.allCases.map {
            Choice(value: $0.rawValue, label: $0.rawValue.prefix(1).uppercased() + $0.rawValue.dropFirst())
        }
    }
}

extension AspectRatio {
    var hint: String {
        switch self {
        case .landscape: "Landscape"
        case .vertical: "Vertical"
        case .square: "Square"
        }
    }
}

extension Voice {
    /// "Female · US English": the label with its first part capitalised and set off.
    var displayName: String {
        let parts = label.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let first = parts[0].prefix(1).uppercased() + parts[0].dropFirst()
        return parts.count > 1 ? "\(first) · \(parts[1])" : first
    }
}

extension TransitionKind {
    var displayName: String {
        switch self {
        case .cut: "Cut"
        case .fade: "Fade"
        case .dissolve: "Dissolve"
        case .fadeblack: "Fade to black"
        case .fadewhite: "Fade to white"
        case .slideleft: "Slide left"
        case .slideright: "Slide right"
        case .slideup: "Slide up"
        case .slidedown: "Slide down"
        case .wipeleft: "Wipe left"
        case .wiperight: "Wipe right"
        case .wipeup: "Wipe up"
        case .wipedown: "Wipe down"
        case .circleopen: "Circle open"
        case .radial: "Radial"
        case .smoothleft: "Smooth left"
        }
    }
}
