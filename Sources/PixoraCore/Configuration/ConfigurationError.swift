/// Every environment variable set to a value it does not accept, each with what it accepts. A usage error: the CLI
/// exits with 2. Secret values are never repeated.
public struct ConfigurationError: UserFacingError, Equatable {
    public struct Issue: Sendable, Equatable {
        public let variable: ConfigVariable
        /// What was given, nil for secrets.
        public let given: String?

        public var message: String {
            let got = given.map { ", got '\($0)'" } ?? ""
            return "\(variable.name) must be \(variable.accepts)\(got)"
        }
    }

    public let issues: [Issue]

    public var description: String {
        issues.count == 1
            ? issues[0].message
            : "invalid configuration:\n" + issues.map { "  " + $0.message }.joined(separator: "\n")
    }

    public var isUsageError: Bool { true }
}
