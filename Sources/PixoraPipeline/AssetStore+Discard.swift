import Foundation
import PixoraCore
import PixoraGenerators

extension AssetStore {
    /// Removes an asset that failed its quality check, with its provenance, so no later run takes it from the cache.
    public func discard(_ asset: AssetRef) {
        let location = folder.location(of: asset)
        try? FileManager.default.removeItem(at: location)
        try? FileManager.default.removeItem(at: Provenance.location(for: location))
    }
}
