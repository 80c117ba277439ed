import Foundation

/// One environment variable Pixora reads: its name, what it accepts, its default and whether it is a secret.
public struct ConfigVariable: Sendable, Hashable {
    /// What a value must look like. Every kind accepts leading and trailing spaces; an empty value counts as unset.
    public enum Kind: Sendable, Hashable {
        /// Any text of at least this many characters.
        case text(minimumLength: Int)
        /// A file or folder path; whether it exists is checked by its reader, which knows what to do when it does not.
        case path
        /// `scheme://…` with one of the schemes; `needsHost` also asks for a host name after it. Readers with a finer
        /// grammar (SMTP, databases) check the rest and name the variable in their own messages.
        case url(schemes: [String], needsHost: Bool)
        case integer(ConfigBounds)
        case number(ConfigBounds)
        /// 1, true, yes, on or 0, false, no, off.
        case boolean
        /// One of the words, case-insensitively; the parsed value is the word as declared.
        case choice([String])
        /// A `Retention`: `7d`, `36h`, `90m`, `60s` or `forever`; the parsed value is its text, lowercased.
        case duration
    }

    public let name: String
    public let kind: Kind
    /// The value used when the variable is unset, spelt as in the environment. Nil when there is none, or when the
    /// reader works it out from other values (`defaultDescription` then says how).
    public let defaultValue: String?
    /// The default as `pixora config` and the README show it.
    public let defaultDescription: String
    public let summary: String
    /// Secrets are never printed, neither in `pixora config` nor in error messages.
    public let isSecret: Bool

    public init(
        _ name: String, _ kind: Kind, default defaultValue: String? = nil, shown defaultDescription: String? = nil,
        secret: Bool = false, _ summary: String
    ) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.defaultDescription = defaultDescription ?? defaultValue ?? "unset"
        self.summary = summary
        isSecret = secret
    }

    /// What the variable accepts, in words: the second half of every error message about it.
    public var accepts: String {
        switch kind {
        case .text(let minimum): minimum > 1 ? "text of at least \(minimum) characters" : "any text"
        case .path: "a file or folder path"
        case .url(let schemes, _):
            "a URL starting with " + schemes.map { "\($0)://" }.joined(separator: ", ", last: " or ")
        case .integer(let bounds): "a whole number \(bounds.words(integer: true))"
        case .number(let bounds): "a number \(bounds.words(integer: false))"
        case .boolean: "1, true, yes, on, 0, false, no or off"
        case .choice(let words): "one of " + words.joined(separator: ", ", last: " or ")
        case .duration: "a whole number followed by d, h, m or s (such as 7d, 36h, 90m, 60s), or forever"
        }
    }

    /// The parsed value of `text` (already trimmed and not empty), or nil when the variable does not accept it.
    func parse(_ text: String) -> ConfigValue? {
        switch kind {
        case .text(let minimum):
            return text.count >= minimum ? .text(text) : nil
        case .path:
            return .text(text)
        case .url(let schemes, let needsHost):
            let lower = text.lowercased()
            guard schemes.contains(where: { lower.hasPrefix($0 + "://") }) else { return nil }
            if needsHost {
                guard let parts = URLComponents(string: text), let host = parts.host, !host.isEmpty else { return nil }
            }
            return .text(text)
        case .integer(let bounds):
            guard let value = Int(text), bounds.contains(Double(value)) else { return nil }
            return .integer(value)
        case .number(let bounds):
            guard let value = Double(text), value.isFinite, bounds.contains(value) else { return nil }
            return .number(value)
        case .boolean:
            switch text.lowercased() {
            case "1", "true", "yes", "on": return .boolean(true)
            case "0", "false", "no", "off": return .boolean(false)
            default: return nil
            }
        case .choice(let words):
            return words.first { $0.lowercased() == text.lowercased() }.map(ConfigValue.text)
        case .duration:
            return Retention(parsing: text) == nil ? nil : .text(text.lowercased())
        }
    }
}

/// The range a number may take: a lower bound, included or not, and an optional upper bound (included).
public struct ConfigBounds: Sendable, Hashable {
    public var minimum: Double
    public var includesMinimum: Bool
    public var maximum: Double?

    public static func atLeast(_ minimum: Double, upTo maximum: Double? = nil) -> ConfigBounds {
        ConfigBounds(minimum: minimum, includesMinimum: true, maximum: maximum)
    }

    public static func above(_ minimum: Double, upTo maximum: Double? = nil) -> ConfigBounds {
        ConfigBounds(minimum: minimum, includesMinimum: false, maximum: maximum)
    }

    func contains(_ value: Double) -> Bool {
        (includesMinimum ? value >= minimum : value > minimum) && maximum.map { value <= $0 } ?? true
    }

    func words(integer: Bool) -> String {
        let low = Self.format(minimum)
        guard let maximum else { return includesMinimum ? "of at least \(low)" : "greater than \(low)" }
        let high = Self.format(maximum)
        return includesMinimum ? "from \(low) to \(high)" : "greater than \(low) and at most \(high)"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A parsed value.
public enum ConfigValue: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)

    /// The value as `pixora config` prints it.
    public var shown: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .number(let value): ConfigBounds.format(value)
        case .boolean(let value): value ? "on" : "off"
        }
    }
}

extension [String] {
    func joined(separator: String, last: String) -> String {
        count < 2 ? joined() : dropLast().joined(separator: separator) + last + self[count - 1]
    }
}
