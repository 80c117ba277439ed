import Foundation
import PixoraCore
import PixoraStore

/// A library list's query parameters (`GET /videos`, `GET /projects`), checked: every bad value is a 422 naming the
/// parameter, so a typo never reads as "no condition".
struct LibraryQuery {
    var filter: LibraryFilter
    var limit: Int
    var cursor: LibraryCursor?

    /// Reads the parameters for `kind`; `now` decides what `expiring=true` means. `value` returns a parameter.
    static func parse(_ kind: CollectionItemKind, now: Int64, _ value: (String) -> String?) throws -> LibraryQuery {
        var filter = LibraryFilter()
        let limit = try VideoRoutes.limit(value("limit"))
        // PostgreSQL refuses NUL in a bound string (a 500), and no stored title holds one (JSONNulls drops them).
        let search = value("q")?.replacingOccurrences(of: "\u{0}", with: "").trimmingCharacters(in: .whitespaces)
        guard (search?.codePointCount ?? 0) <= 200 else {
            throw APIError.validation("q", "must be at most 200 characters")
        }
        filter.search = search
        if let text = nonEmpty(value("status")) {
            let known =
                kind == .videos
                ? VideoStatus.allCases.map(\.rawValue) : ProjectStatus.allCases.map(\.rawValue)
            guard known.contains(text) else {
                throw APIError.validation("status", "must be one of \(known.joined(separator: ", ")), got '\(text)'")
            }
            filter.status = text
        }
        filter.createdFrom = try given(value("from"), "from").map { try instant($0, field: "from", endOfDay: false) }
        filter.createdBefore = try given(value("to"), "to").map { try instant($0, field: "to", endOfDay: true) }
        if let from = filter.createdFrom, let before = filter.createdBefore, before <= from {
            throw APIError.validation("to", "must not be before from")
        }
        filter.favoritesOnly = try flag(value("favorite"), "favorite")
        if let collection = try given(value("collection"), "collection") {
            guard collection.count <= 64 else { throw APIError.validation("collection", "is not a collection id") }
            filter.collection = collection
        }
        let sorts: [LibrarySort] = kind == .videos ? LibrarySort.allCases : [.newest, .oldest, .title]
        let sortText = try given(value("sort"), "sort") ?? "newest"
        guard let sort = LibrarySort(rawValue: sortText), sorts.contains(sort) else {
            throw APIError.validation(
                "sort", "must be one of \(sorts.map(\.rawValue).joined(separator: ", ")), got '\(sortText)'")
        }
        filter.sort = sort
        if kind == .videos {
            if let text = try given(value("aspect"), "aspect") {
                guard let aspect = AspectRatio(rawValue: text) else {
                    throw APIError.validation(
                        "aspect",
                        "must be one of \(AspectRatio.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
                }
                filter.aspect = aspect
            }
            filter.expiringAfter = try flag(value("expiring"), "expiring") ? now : nil
        }
        var cursor: LibraryCursor?
        if let token = nonEmpty(value("cursor")) {
            guard let read = LibraryCursor(token: token, sort: sort) else {
                throw APIError.validation("cursor", "is not a cursor this API returned for sort=\(sort.rawValue)")
            }
            cursor = read
        }
        return LibraryQuery(filter: filter, limit: limit, cursor: cursor)
    }

    /// Every parameter that shapes the answer, for the list cache's key; nil when the answer also depends on the
    /// time (`expiring=true`), which no stamp tracks.
    var cacheKey: String? {
        guard filter.expiringAfter == nil else { return nil }
        return [
            String(limit), filter.status ?? "", cursor?.token ?? "", filter.search ?? "", filter.sort.rawValue,
            filter.aspect?.rawValue ?? "", filter.createdFrom.map(String.init) ?? "",
            filter.createdBefore.map(String.init) ?? "", filter.favoritesOnly ? "f" : "", filter.collection ?? "",
        ].joined(separator: "\u{1F}")
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    /// A parameter that is absent or has a value: sent empty, it is refused rather than read as "no condition".
    private static func given(_ text: String?, _ field: String) throws -> String? {
        guard let text else { return nil }
        guard !text.isEmpty else { throw APIError.validation(field, "must not be empty; leave it out instead") }
        return text
    }

    private static func flag(_ text: String?, _ field: String) throws -> Bool {
        switch text {
        case nil, "false": return false
        case "true": return true
        case let other?: throw APIError.validation(field, "must be true or false, got '\(other)'")
        }
    }

    /// A date (`2026-12-03`: its first millisecond, or the first of the next day for the end of a range) or an
    /// RFC 3339 date-time (the millisecond after it for the end, which includes it), in milliseconds.
    private static func instant(_ text: String, field: String, endOfDay: Bool) throws -> Int64 {
        guard let at = RFC3339.milliseconds(text) else {
            throw APIError.validation(
                field, "must be a date (2026-12-03) or a date-time (2026-12-03T14:00:00Z), got '\(text)'")
        }
        return at + (endOfDay ? (text.count == 10 ? 86_400_000 : 1) : 0)
    }
}
