/// Credits sold in one Stripe Checkout payment (`PIXORA_CREDIT_PACKS`).
public struct CreditPack: Sendable, Equatable, Codable {
    public var id: String
    public var credits: Int
    /// The price in the smallest unit of `BillingCurrency` (cents).
    public var priceCents: Int

    public init(id: String, credits: Int, priceCents: Int) {
        self.id = id
        self.credits = credits
        self.priceCents = priceCents
    }

    /// `small:500:5,medium:1200:10,large:3000:20` — id, credits and US dollars per pack.
    public static let defaultList = "small:500:5,medium:1200:10,large:3000:20"

    /// The packs of a `PIXORA_CREDIT_PACKS` value, or a message naming the entry that is wrong.
    public static func parse(_ text: String) -> Result<[CreditPack], UsageError> {
        var packs: [CreditPack] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let fields = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let credits = Int(fields[1]), credits > 0, credits <= 1_000_000,
                let dollars = Double(fields[2]), dollars >= 0.5, dollars <= 100_000,
                fields[0].range(of: "^[a-z0-9_-]{1,40}$", options: .regularExpression) != nil,
                !packs.contains(where: { $0.id == fields[0] })
            else {
                return .failure(
                    UsageError(
                        "PIXORA_CREDIT_PACKS: '\(entry)' is not id:credits:dollars (a unique lower-case id, "
                            + "1 to 1000000 credits, at least 0.50 dollars)"))
            }
            packs.append(CreditPack(id: fields[0], credits: credits, priceCents: Int((dollars * 100).rounded())))
        }
        guard !packs.isEmpty else { return .failure(UsageError("PIXORA_CREDIT_PACKS names no pack")) }
        return .success(packs)
    }
}
