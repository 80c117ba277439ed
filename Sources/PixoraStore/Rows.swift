import Foundation
import SQLKit

/// Decodes rows whose snake_case columns match camelCase properties.
let rowDecoder = SQLRowDecoder(keyDecodingStrategy: .convertFromSnakeCase)

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
