import Foundation
import SQLKit
import Synchronization

/// Decodes rows whose snake_case columns match camelCase properties. SQLKit's own snake-case strategy converts
/// every key on every row (a third of a list request's time); the conversions are cached here instead.
let rowDecoder = SQLRowDecoder(keyDecodingStrategy: .custom { path in ColumnName(path.last?.stringValue ?? "") })

/// A property name as its snake_case column name, converted once per name.
struct ColumnName: CodingKey {
    private static let cache = ColumnCache()
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(_ property: String) { stringValue = Self.cache.column(for: property) }
}

final class ColumnCache: Sendable {
    private let columns = Mutex<[String: String]>([:])

    func column(for property: String) -> String {
        if let known = columns.withLock({ $0[property] }) { return known }
        var column = ""
        for character in property {
            if character.isUppercase {
                column += "_" + character.lowercased()
            } else {
                column.append(character)
            }
        }
        columns.withLock { $0[property] = column }
        return column
    }
}

extension SQLQueryFetcher {
    func all<D: Decodable>(as type: D.Type) async throws -> [D] { try await all(decoding: type, with: rowDecoder) }
    func first<D: Decodable>(as type: D.Type) async throws -> D? { try await first(decoding: type, with: rowDecoder) }
}

/// A new random identifier for a row.
public func newID() -> String { UUID().uuidString.lowercased() }

/// Opaque keyset-pagination cursor: the sort position (created_at, id) of the last row returned.
public struct PageCursor: Sendable, Equatable {
    public var createdAt: Int64
    public var id: String

    public init(createdAt: Int64, id: String) {
        self.createdAt = createdAt
        self.id = id
    }

    /// `<createdAt ms>_<id>`: plain, so every token of the documented form is a real position in a list (the
    /// rows after it), never a half-decodable blob.
    public var token: String { "\(createdAt)_\(id)" }

    public init?(token: String) {
        let parts = token.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, parts[0].count <= 18, let createdAt = Int64(parts[0]), createdAt >= 0,
            (1...64).contains(parts[1].count),
            parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { return nil }
        self.init(createdAt: createdAt, id: String(parts[1]))
    }
}

/// One page of a list and the cursor of the next, if any.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var next: PageCursor?
}
