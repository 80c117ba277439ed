import Foundation

/// Who made an asset, written beside it (`<file>.provenance.json`) by generators that call a provider: the
/// provider and model, what the call cost, and whether a fallback made it instead. The pipeline records it with
/// the asset; a fallback-made asset is made again next time (the provider may answer then).
public struct Provenance: Codable, Sendable, Hashable {
    public var provider: String
    public var model: String
    /// The provider's price of the call in US dollars, as configured (providers do not return it per call).
    public var costUSD: Double?
    /// Set when the embedded generator stood in; the reason the provider failed.
    public var fallbackReason: String?

    public init(provider: String, model: String, costUSD: Double? = nil, fallbackReason: String? = nil) {
        self.provider = provider
        self.model = model
        self.costUSD = costUSD
        self.fallbackReason = fallbackReason
    }

    public static func location(for asset: URL) -> URL { URL(fileURLWithPath: asset.path + ".provenance.json") }

    public func write(for asset: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try encoder.encode(self).write(to: Self.location(for: asset), options: .atomic)
    }

    public static func read(for asset: URL) -> Provenance? {
        guard let data = try? Data(contentsOf: location(for: asset)) else { return nil }
        return try? JSONDecoder().decode(Provenance.self, from: data)
    }
}
