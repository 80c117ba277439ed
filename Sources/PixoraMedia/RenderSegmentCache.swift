import Foundation
import PixoraCore

/// Where encoded segments of renders are kept under their content key, so an unchanged stretch of a timeline is
/// never encoded twice (the asset store, shared by every worker, implements it).
public protocol RenderSegmentCache: AssetLocator {
    /// Returns whether `produce` ran: only when the segment is not stored yet. `produce` writes the given URL.
    @discardableResult
    func obtain(_ asset: AssetRef, publishing: Bool, produce: (URL) async throws -> Void) async throws -> Bool
    /// Whether the segment is stored (here, or in a store shared with other workers, from which it is fetched).
    func available(_ asset: AssetRef) async throws -> Bool
}

extension AssetFolder: RenderSegmentCache {
    @discardableResult
    public func obtain(_ asset: AssetRef, publishing: Bool, produce: (URL) async throws -> Void) async throws -> Bool {
        let location = location(of: asset)
        if FileManager.default.fileExists(atPath: location.path) { return false }
        try FileManager.default.createDirectory(
            at: location.deletingLastPathComponent(), withIntermediateDirectories: true)
        try await produce(location)
        return true
    }

    public func available(_ asset: AssetRef) async throws -> Bool {
        FileManager.default.fileExists(atPath: location(of: asset).path)
    }
}
