import Foundation
import SQLKit

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

final class ColumnCache: @unchecked Sendable {
    private let lock = NSLock()
    private var columns: [String: String] = [:]

    func column(for property: String) -> String {
        if let known = lock.withLock({ columns[property] }) { return known }
        var column = ""
        for character in property {
            if character.isUppercase {
                column += "_" + character.lowercased()
            } else {
                column.append(character)
            }
        }
        lock.withLock { columns[property] = column }
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

    public var token: String {
        Data("\(createdAt):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public init?(token: String) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let createdAt = Int64(parts[0]), !parts[1].isEmpty else { return nil }
        self.init(createdAt: createdAt, id: String(parts[1]))
    }
}

/// One page of a list and the cursor of the next, if any.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var next: PageCursor?
}
