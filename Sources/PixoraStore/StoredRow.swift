import Foundation
import PixoraCore
import SQLKit

/// A row type read column by column, so every closed value and JSON document is checked once, here, and a
/// corrupt one is an error naming its column rather than a default.
protocol StoredRow: Sendable {
    init(row: any SQLRow) throws
}

extension SQLQueryFetcher {
    func rows<R: StoredRow>(_ type: R.Type) async throws -> [R] { try await all().map(R.init(row:)) }
    func firstRow<R: StoredRow>(_ type: R.Type) async throws -> R? { try await first().map(R.init(row:)) }
}

extension SQLRow {
    func value<T: Decodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try decode(column: column, as: type)
    }

    func stored<E: StoredEnum>(_ type: E.Type) throws -> E { try E(stored: decode(column: E.column, as: String.self)) }

    /// A JSON document column, decoded into its type.
    func document<T: Decodable>(_ column: String, table: String, as type: T.Type) throws -> T {
        try decodeDocument(type, from: decode(column: column, as: String.self), table: table, column: column)
    }

    func document<T: Decodable>(_ column: String, table: String, as type: T?.Type) throws -> T? {
        try decode(column: column, as: String?.self).map {
            try decodeDocument(T.self, from: $0, table: table, column: column)
        }
    }
}

/// Decodes a stored JSON document; a malformed one is `StoreError.corrupt` naming where it was read.
public func decodeDocument<T: Decodable>(_ type: T.Type, from text: String, table: String, column: String) throws -> T {
    do {
        return try CanonicalJSON.decode(type, from: Data(text.utf8), document: column)
    } catch {
        throw StoreError.corrupt(table: table, column: column, problem: "\(error)")
    }
}

/// A document as the JSON text its column holds (sorted keys, like every document Pixora writes).
func encodeDocument<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try CanonicalJSON.encode(value), as: UTF8.self)
}
