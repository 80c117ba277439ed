/// A failure with a message meant for the person using Pixora, and whether they caused it.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// True for bad input (usage errors: exit code 2, HTTP 4xx); false for failures of the machine or a tool.
    var isUsageError: Bool { get }
}

extension InvalidDocument: UserFacingError {
    public var isUsageError: Bool { true }
}

/// Bad settings or prompt given to a command.
public struct UsageError: UserFacingError {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
    public var isUsageError: Bool { true }
}
