/// A string-backed choice (aspect ratio, style, transition…) that decodes with a message naming the allowed values.
public protocol NamedChoice: RawRepresentable, CaseIterable, Codable, Sendable, Hashable where RawValue == String {}

extension NamedChoice {
    /// The allowed spellings, for error messages and `--help`.
    public static var allowedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses a user-supplied value, case-insensitively.
    public static func parse(_ text: String) -> Self? {
        let wanted = text.lowercased()
        return allCases.first { $0.rawValue.lowercased() == wanted }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown value '\(text)'; expected one of: \(Self.allowedValues)")
        }
        self = value
    }
}
