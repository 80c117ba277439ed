/// A plans file that cannot be used: the file, the field (`plans[1].maxQuality`) and what it must be.
public struct PlanFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let field: String
    public let problem: String

    public init(file: String, field: String, problem: String) {
        (self.file, self.field, self.problem) = (file, field, problem)
    }

    public var description: String {
        field.isEmpty ? "\(file): \(problem)" : "\(file): \(field): \(problem)"
    }
}
