import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia

/// The content-addressed asset cache: one file per key, produced at most once. With `shared` (the bucket of
/// `PIXORA_STORAGE`) the folder is this process's copy of a store every worker shares: what is not here is fetched
/// from it before being made, and what is made here is published to it (`AssetStore+Shared.swift`).
public struct AssetStore: AssetLocator {
    public let folder: AssetFolder
    public let shared: (any SharedAssets)?

    public init(root: URL, shared: (any SharedAssets)? = nil) {
        folder = AssetFolder(root: root)
        self.shared = shared
    }

    /// The default cache: `$PIXORA_CACHE_DIR`, else `$XDG_CACHE_HOME/pixora`, else `~/.cache/pixora`.
    public static func defaultRoot(configuration: Configuration = .current) -> URL {
        if let explicit = configuration.text("PIXORA_CACHE_DIR") { return URL(fileURLWithPath: explicit) }
        if let xdg = configuration.text("XDG_CACHE_HOME") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("pixora")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/pixora")
    }

    public func url(for asset: AssetRef) throws -> URL { try folder.url(for: asset) }

    public func contains(_ asset: AssetRef) -> Bool {
        FileManager.default.fileExists(atPath: folder.location(of: asset).path)
    }

    /// Who made an asset, when a provider (or a fallback for one) did.
    public func provenance(of asset: AssetRef) -> Provenance? { Provenance.read(for: folder.location(of: asset)) }

    /// Returns the asset, running `produce` (which must write the given URL) only when it is not stored yet (or
    /// was made by a fallback). Returns whether it was produced now. An asset made now is published to the shared
    /// store unless `publishing` is false: the caller checks it first and publishes it when it passes.
    @discardableResult
    public func obtain(
        _ asset: AssetRef, publishing: Bool = true, produce: (URL) async throws -> Void
    ) async throws -> Bool {
        let location = folder.location(of: asset)
        // An asset a fallback made stands in for the provider's only until the provider can be asked again.
        if FileManager.default.fileExists(atPath: location.path)
            && Provenance.read(for: location)?.fallbackReason == nil
        {
            return false
        }
        if try await fetch([asset]) > 0 { return false }
        try FileManager.default.createDirectory(
            at: location.deletingLastPathComponent(), withIntermediateDirectories: true)
        try await produce(location)
        guard FileManager.default.fileExists(atPath: location.path) else {
            throw MediaError.unreadableOutput(tool: "pixora", detail: "the generator did not write \(asset.fileName)")
        }
        if publishing { try await publish(asset) }
        return true
    }

    /// Reads a JSON sidecar stored under its own key (speech timings).
    public func readJSON<T: Decodable>(_ type: T.Type, _ asset: AssetRef) throws -> T {
        try JSONDecoder().decode(type, from: Data(contentsOf: try url(for: asset)))
    }

    public func writeJSON<T: Encodable>(_ value: T, _ asset: AssetRef) async throws {
        let location = folder.location(of: asset)
        let data = try CanonicalJSON.encode(value)
        try await AtomicFile.write(to: location) { try data.write(to: $0) }
        try await publish(asset)
    }
}

/// Render segments are cached assets like any other: made once, shared through the bucket by every worker.
extension AssetStore: RenderSegmentCache {
    public func available(_ asset: AssetRef) async throws -> Bool {
        if contains(asset) { return true }
        return try await fetch([asset]) > 0
    }
}
