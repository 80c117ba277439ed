/// PIXORA_* names in the environment that the catalogue does not declare. Without a warning a typo such as
/// PIXORA_LEASE_SECOND is silently ignored and the default applies.
enum UnknownVariables {
    static func warnings(in names: some Sequence<String>) -> [String] {
        names.filter { name in
            name.hasPrefix("PIXORA_") && ConfigCatalogue.byName[name] == nil && !ConfigCatalogue.isTooling(name)
        }
        .sorted()
        .map { name in
            let guess = ConfigCatalogue.all.map(\.name).min { distance(name, $0) < distance(name, $1) }
            let hint = guess.flatMap { distance(name, $0) <= 3 ? " (did you mean \($0)?)" : nil } ?? ""
            return "\(name) is not a Pixora setting and is ignored\(hint)"
        }
    }

    /// Levenshtein distance: small for the typos worth a suggestion.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let saved = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = saved
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
