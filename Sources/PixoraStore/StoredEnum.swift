/// A TEXT column with a closed set of values. The raw values are exactly what the rows hold, so a row is read
/// without a migration; a value outside the set is a corrupt row, reported with its table and column.
public protocol StoredEnum: RawRepresentable, Codable, Sendable, Hashable, CaseIterable where RawValue == String {
    static var table: String { get }
    static var column: String { get }
}

extension StoredEnum {
    /// The value a row holds, or `StoreError.corrupt` naming the table, column and value.
    public init(stored text: String) throws {
        guard let value = Self(rawValue: text) else {
            let problem = "unknown value '\(text.prefix(100))'"
            throw StoreError.corrupt(table: Self.table, column: Self.column, problem: problem)
        }
        self = value
    }
}
