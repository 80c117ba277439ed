import Foundation
import PixoraCore

/// Finds the file behind an asset reference (the asset store implements it).
public protocol AssetLocator: Sendable {
    /// The asset's file; throws `MediaError.assetMissing` when it is not stored.
    func url(for asset: AssetRef) throws -> URL
}

/// Assets kept as `<folder>/<first two hex digits>/<key>.<ext>`.
public struct AssetFolder: AssetLocator {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// Where an asset lives (whether or not it exists yet). The name comes from a validated key, never from user text.
    public func location(of asset: AssetRef) -> URL {
        root.appendingPathComponent(String(asset.key.hex.prefix(2)), isDirectory: true).appendingPathComponent(
            asset.fileName)
    }

    public func url(for asset: AssetRef) throws -> URL {
        let url = location(of: asset)
        guard FileManager.default.fileExists(atPath: url.path) else { throw MediaError.assetMissing(asset.fileName) }
        return url
    }
}
