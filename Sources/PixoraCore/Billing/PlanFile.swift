import Foundation

/// Reads a plans document already parsed from JSON or YAML into dictionaries, arrays, strings and numbers, and checks
/// every field, so a typo stops the server at start with the file and field named instead of selling a wrong plan.
///
///     default: free            # optional; else `free` when such a plan exists, else the first plan
///     plans:
///       - id: free
///         name: Free
///         price: {cents: 0, currency: usd, stripePriceId: price_123}   # stripePriceId optional
///         monthlyCredits: 100
///         maxDurationSeconds: 60          # optional limits: absent or null is no limit
///         maxQuality: 720p
///         concurrentJobs: 1
///         generationsPerHour: 10
///         retentionDays: 7
///         queuePriority: 0                # optional, default 0
///         allowedProviders: [embedded]    # optional lists: absent is all
///         allowedModels: [embedded]
public enum PlanFile {
    static let fields: Set<String> = [
        "id", "name", "price", "monthlyCredits", "maxDurationSeconds", "maxQuality", "concurrentJobs",
        "generationsPerHour", "retentionDays", "queuePriority", "allowedProviders", "allowedModels",
    ]
    static let providers = ["embedded", "openai", "fal", "elevenlabs"]

    /// The catalogue of a parsed document; billing is on, since a plans file was given.
    public static func catalog(from document: Any?, file: String) throws(PlanFileError) -> PlanCatalog {
        let reader = Reader(file: file)
        let root = try reader.object(document, at: "")
        try reader.known(root, ["default", "plans"], at: "")
        guard let list = root["plans"] as? [Any], !list.isEmpty else {
            throw reader.error("plans", "must be a list of at least one plan")
        }
        var plans: [SubscriptionPlan] = []
        for (index, item) in list.enumerated() {
            let plan = try reader.plan(item, at: "plans[\(index)]")
            if plans.contains(where: { $0.id == plan.id }) {
                throw reader.error("plans[\(index)].id", "'\(plan.id)' is used by an earlier plan")
            }
            plans.append(plan)
        }
        let fallback = plans.contains { $0.id == SubscriptionPlan.free.id } ? SubscriptionPlan.free.id : plans[0].id
        let chosen = try reader.optionalText(root["default"], at: "default") ?? fallback
        guard plans.contains(where: { $0.id == chosen }) else {
            throw reader.error("default", "'\(chosen)' is not the id of a plan in the file")
        }
        return PlanCatalog(plans: plans, billingEnabled: true, defaultPlanID: chosen)
    }

    struct Reader {
        let file: String

        func error(_ field: String, _ problem: String) -> PlanFileError {
            PlanFileError(file: file, field: field, problem: problem)
        }

        func object(_ value: Any?, at field: String) throws(PlanFileError) -> [String: Any] {
            guard let object = value as? [String: Any] else { throw error(field, "must be a mapping of fields") }
            return object
        }

        func known(_ object: [String: Any], _ names: Set<String>, at field: String) throws(PlanFileError) {
            if let unknown = object.keys.sorted().first(where: { !names.contains($0) }) {
                let path = field.isEmpty ? unknown : "\(field).\(unknown)"
                throw error(path, "is not a plan field (known: \(names.sorted().joined(separator: ", ")))")
            }
        }

        func plan(_ value: Any?, at path: String) throws(PlanFileError) -> SubscriptionPlan {
            let fields = try object(value, at: path)
            try known(fields, PlanFile.fields, at: path)
            let id = try text(fields["id"], at: "\(path).id")
            guard id.range(of: "^[a-z0-9][a-z0-9-]{0,39}$", options: .regularExpression) != nil else {
                throw error("\(path).id", "must be 1 to 40 lowercase letters, digits or dashes, got '\(id)'")
            }
            var plan = SubscriptionPlan(
                id: id, name: try text(fields["name"], at: "\(path).name"),
                price: try price(fields["price"], at: "\(path).price"),
                monthlyCredits: try whole(fields["monthlyCredits"], at: "\(path).monthlyCredits", in: 0...1_000_000)
            )
            plan.maxDurationSeconds = try optionalWhole(
                fields["maxDurationSeconds"], at: "\(path).maxDurationSeconds", in: 5...120)
            if let quality = try optionalText(fields["maxQuality"], at: "\(path).maxQuality") {
                guard let parsed = Quality(rawValue: quality) else {
                    let names = Quality.allCases.map(\.rawValue).joined(separator: ", ")
                    throw error("\(path).maxQuality", "must be one of \(names), got '\(quality)'")
                }
                plan.maxQuality = parsed
            }
            plan.concurrentJobs = try optionalWhole(
                fields["concurrentJobs"], at: "\(path).concurrentJobs", in: 1...1_000)
            plan.generationsPerHour = try optionalWhole(
                fields["generationsPerHour"], at: "\(path).generationsPerHour", in: 1...100_000)
            plan.retentionDays = try optionalWhole(fields["retentionDays"], at: "\(path).retentionDays", in: 1...36_500)
            plan.queuePriority =
                try optionalWhole(fields["queuePriority"], at: "\(path).queuePriority", in: 0...100) ?? 0
            plan.allowedProviders = try list(fields["allowedProviders"], at: "\(path).allowedProviders")
            if let unknown = plan.allowedProviders?.first(where: { !PlanFile.providers.contains($0) }) {
                let names = PlanFile.providers.joined(separator: ", ")
                throw error("\(path).allowedProviders", "'\(unknown)' is not a provider (\(names))")
            }
            plan.allowedModels = try list(fields["allowedModels"], at: "\(path).allowedModels")
            return plan
        }

        func price(_ value: Any?, at path: String) throws(PlanFileError) -> SubscriptionPlan.Price {
            let fields = try object(value, at: path)
            try known(fields, ["cents", "currency", "stripePriceId"], at: path)
            let currency = try optionalText(fields["currency"], at: "\(path).currency") ?? "usd"
            guard currency.range(of: "^[a-z]{3}$", options: .regularExpression) != nil else {
                throw error("\(path).currency", "must be a three-letter lowercase ISO 4217 code, got '\(currency)'")
            }
            return SubscriptionPlan.Price(
                cents: try whole(fields["cents"], at: "\(path).cents", in: 0...100_000_000), currency: currency,
                stripePriceId: try optionalText(fields["stripePriceId"], at: "\(path).stripePriceId"))
        }

        func text(_ value: Any?, at path: String) throws(PlanFileError) -> String {
            guard let text = try optionalText(value, at: path) else { throw error(path, "is required") }
            return text
        }

        func optionalText(_ value: Any?, at path: String) throws(PlanFileError) -> String? {
            if value == nil || value is NSNull { return nil }
            guard let text = value as? String, !text.trimmingCharacters(in: .whitespaces).isEmpty, text.count <= 200
            else { throw error(path, "must be text of 1 to 200 characters") }
            return text
        }

        func whole(_ value: Any?, at path: String, in range: ClosedRange<Int>) throws(PlanFileError) -> Int {
            guard let number = try optionalWhole(value, at: path, in: range) else { throw error(path, "is required") }
            return number
        }

        func optionalWhole(_ value: Any?, at path: String, in range: ClosedRange<Int>) throws(PlanFileError) -> Int? {
            if value == nil || value is NSNull { return nil }
            let words = "a whole number from \(range.lowerBound) to \(range.upperBound)"
            // Booleans bridge to 0 and 1: YAML's come as Bool, JSON's as an NSNumber of type char.
            let boxed = (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
            let boolean = type(of: value!) == Bool.self || boxed
            guard !boolean, let number = value as? Int, range.contains(number) else {
                throw error(path, "must be \(words), got \(String(describing: value!))")
            }
            return number
        }

        func list(_ value: Any?, at path: String) throws(PlanFileError) -> [String]? {
            if value == nil || value is NSNull { return nil }
            guard let items = value as? [Any] else { throw error(path, "must be a list of names") }
            var names: [String] = []
            for (index, item) in items.enumerated() { names.append(try text(item, at: "\(path)[\(index)]")) }
            return names
        }
    }
}
