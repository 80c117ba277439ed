import Foundation

/// The environment parsed against `ConfigCatalogue` in one pass: every value typed and checked, or one error naming
/// every variable that is set to something it does not accept.
public struct Configuration: Sendable {
    public enum Source: String, Sendable { case environment, `default` }

    /// One variable's effective value; nil when it is unset and has no literal default.
    public struct Entry: Sendable {
        public let variable: ConfigVariable
        public let value: ConfigValue?
        public let source: Source
    }

    public let entries: [Entry]
    /// Lines to show the operator: PIXORA_* names that no catalogue entry declares (usually typos).
    public let warnings: [String]
    let byName: [String: Entry]

    /// Parses every catalogued variable of `environment`. An empty value counts as unset.
    public init(environment: [String: String]) throws(ConfigurationError) {
        var entries: [Entry] = []
        var issues: [ConfigurationError.Issue] = []
        for variable in ConfigCatalogue.all {
            let text = environment[variable.name]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if text.isEmpty {
                let value = variable.defaultValue.flatMap(variable.parse)
                entries.append(Entry(variable: variable, value: value, source: .default))
            } else if let value = variable.parse(text) {
                entries.append(Entry(variable: variable, value: value, source: .environment))
            } else {
                issues.append(.init(variable: variable, given: variable.isSecret ? nil : text))
            }
        }
        guard issues.isEmpty else { throw ConfigurationError(issues: issues) }
        self.entries = entries
        byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.variable.name, $0) })
        warnings = UnknownVariables.warnings(in: environment.keys)
    }

    /// Every variable at its default.
    public static let defaults: Configuration = {
        do { return try Configuration(environment: [:]) } catch {
            preconditionFailure("a catalogue default is invalid: \(error)")
        }
    }()

    /// This process's environment, parsed once. The CLI reads it first and stops on an error, so the rest of the
    /// program can take `current` without handling one.
    public static let process = Result { () throws(ConfigurationError) in
        try Configuration(environment: ProcessInfo.processInfo.environment)
    }

    /// The process's configuration; the defaults when it is invalid, which only library users (tests) can reach.
    public static var current: Configuration { (try? process.get()) ?? defaults }

    public func entry(_ name: String) -> Entry {
        guard let entry = byName[name] else { preconditionFailure("\(name) is not in ConfigCatalogue") }
        return entry
    }

    /// True when the environment sets the variable (to a valid value).
    public func isSet(_ name: String) -> Bool { entry(name).source == .environment }

    public func text(_ name: String) -> String? {
        guard case .text(let text)? = entry(name).value else { return nil }
        return text
    }

    public func integer(_ name: String) -> Int? {
        guard case .integer(let value)? = entry(name).value else { return nil }
        return value
    }

    public func number(_ name: String) -> Double? {
        switch entry(name).value {
        case .number(let value)?: value
        case .integer(let value)?: Double(value)
        default: nil
        }
    }

    public func retention(_ name: String) -> Retention? {
        text(name).flatMap(Retention.init(parsing:))
    }

    public func flag(_ name: String) -> Bool? {
        guard case .boolean(let value)? = entry(name).value else { return nil }
        return value
    }
}
