import Foundation

/// JSON with sorted keys: the canonical form used for content keys and for files people diff.
public enum CanonicalJSON {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Decodes `data` as `T`, turning decoding failures into field-level issues.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, document: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw InvalidDocument(document: document, issues: [error.issue])
        }
    }
}
