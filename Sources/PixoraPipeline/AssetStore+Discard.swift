import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia

extension AssetStore {
    /// Removes an asset that failed its quality check, with its provenance, so no later run takes it from the cache.
    public func discard(_ asset: AssetRef) {
        let location = folder.location(of: asset)
        try? FileManager.default.removeItem(at: location)
        try? FileManager.default.removeItem(at: Provenance.location(for: location))
    }

    /// Removes an asset here and from the shared store (a LUT its last owner deleted).
    public func remove(_ asset: AssetRef) async throws {
        discard(asset)
        try await shared?.remove(SharedAssetName.provenance(of: asset))
        try await shared?.remove(SharedAssetName.of(asset))
    }
}
