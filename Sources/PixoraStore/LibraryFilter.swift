import Foundation
import PixoraCore

/// How a library list (videos or projects) is ordered.
public enum LibrarySort: String, CaseIterable, Sendable {
    /// Newest first, then oldest first (by creation).
    case newest, oldest
    /// By title, A to Z (case-insensitive as the database lowers it).
    case title
    /// Completed videos whose files go soonest first; the rest after them, newest first.
    case expiring
}

/// What a library list shows: every condition holds at once; nil (or false) leaves one out.
public struct LibraryFilter: Sendable, Equatable {
    /// Text the title, or the prompt (videos) or topic (projects), contains, case-insensitively; matched literally.
    public var search: String?
    /// A `VideoStatus` or `ProjectStatus` raw value.
    public var status: String?
    /// Videos only.
    public var aspect: AspectRatio?
    /// Created at or after, in milliseconds.
    public var createdFrom: Int64?
    /// Created before, in milliseconds.
    public var createdBefore: Int64?
    public var favoritesOnly = false
    /// One of the owner's collections (the caller checks it is theirs).
    public var collection: String?
    /// Videos only: completed, with files that go after this instant and within 24 hours of it.
    public var expiringAfter: Int64?
    public var sort = LibrarySort.newest

    /// "Expiring soon": files deleted within this many milliseconds.
    public static let expiringWindow: Int64 = 24 * 3_600_000

    public init(
        search: String? = nil, status: String? = nil, aspect: AspectRatio? = nil, createdFrom: Int64? = nil,
        createdBefore: Int64? = nil, favoritesOnly: Bool = false, collection: String? = nil,
        expiringAfter: Int64? = nil, sort: LibrarySort = .newest
    ) {
        self.search = search
        self.status = status
        self.aspect = aspect
        self.createdFrom = createdFrom
        self.createdBefore = createdBefore
        self.favoritesOnly = favoritesOnly
        self.collection = collection
        self.expiringAfter = expiringAfter
        self.sort = sort
    }

    /// `search` as a LIKE pattern: lowered, with `\`, `%` and `_` escaped (used with `ESCAPE '\'`), so a user's
    /// text matches itself and nothing else.
    var likePattern: String? {
        guard let search, !search.isEmpty else { return nil }
        let escaped = search.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return "%" + escaped + "%"
    }
}

/// The position of the last row of a library page, in the order of its sort.
public struct LibraryCursor: Sendable, Equatable {
    public enum Key: Sendable, Equatable {
        /// `newest` / `oldest`: the creation time.
        case created(Int64)
        /// `title`: the lowered title as the database compared it.
        case title(String)
        /// `expiring`: the expiry (`LibraryCursor.never` for rows that do not expire) and the creation time.
        case expiring(Int64, created: Int64)
    }

    public var key: Key
    public var id: String

    /// The expiry key of a row that will not expire: after every real one.
    public static let never = Int64.max

    public init(key: Key, id: String) {
        self.key = key
        self.id = id
    }

    /// `<created ms>_<id>` (the form `PageCursor` always had), `t<base64url title>_<id>`, `e<expiry>.<created>_<id>`:
    /// plain, so each token is a real position in its sort's order, never a half-decodable blob.
    public var token: String {
        switch key {
        case .created(let at): return "\(at)_\(id)"
        case .title(let title): return "t" + Data(title.utf8).base64URL + "_" + id
        case .expiring(let at, let created): return "e\(at).\(created)_\(id)"
        }
    }

    /// Reads a token for `sort`; nil when it is malformed or was made for another sort.
    public init?(token: String, sort: LibrarySort) {
        guard let cut = token.lastIndex(of: "_") else { return nil }
        let head = token[..<cut]
        let id = token[token.index(after: cut)...]
        guard (1...64).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { return nil }
        switch sort {
        case .newest, .oldest:
            guard let page = PageCursor(token: token) else { return nil }
            self.init(key: .created(page.createdAt), id: page.id)
        case .title:
            guard head.first == "t", head.count <= 1200, let data = Data(base64URL: String(head.dropFirst())),
                let title = String(data: data, encoding: .utf8)
            else { return nil }
            self.init(key: .title(title), id: String(id))
        case .expiring:
            let parts = head.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
            guard head.first == "e", parts.count == 2, parts.allSatisfy({ $0.count <= 19 }),
                let at = Int64(parts[0]), let created = Int64(parts[1]), at >= 0, created >= 0
            else { return nil }
            self.init(key: .expiring(at, created: created), id: String(id))
        }
    }
}

/// One page of a library list and the position of the next, if any.
public struct LibraryPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var next: LibraryCursor?
}

extension Data {
    /// Base64url without padding.
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init?(base64URL text: String) {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        var plain = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        plain += String(repeating: "=", count: (4 - plain.count % 4) % 4)
        self.init(base64Encoded: plain)
    }
}
