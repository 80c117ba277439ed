import Foundation
import PixoraCore
import PixoraGenerators
import PixoraMedia

/// The local cache in front of the shared store. Reads fetch what is missing here before anything opens it (a
/// render of an edit, a studio step after another worker's step, an upload an API node took in); writes publish
/// what was made here, the provenance before the file, so whoever sees the file also finds who made it.
extension AssetStore {
    /// Brings the assets missing here from the shared store; one it does not have stays missing (the caller makes
    /// it, or fails naming it). Returns how many were fetched.
    @discardableResult
    public func fetch(_ assets: some Sequence<AssetRef>) async throws -> Int {
        guard let shared else { return 0 }
        var fetched = 0
        for asset in Set(assets) where !contains(asset) {
            let location = folder.location(of: asset)
            try FileManager.default.createDirectory(
                at: location.deletingLastPathComponent(), withIntermediateDirectories: true)
            let found: Bool
            do {
                found = try await shared.fetch(SharedAssetName.of(asset), to: location)
            } catch {
                // Another task of this process put the same file in place first (its rename won the race).
                guard contains(asset) else { throw error }
                found = true
            }
            guard found else { continue }
            _ = try await shared.fetch(SharedAssetName.provenance(of: asset), to: Provenance.location(for: location))
            fetched += 1
        }
        return fetched
    }

    /// Publishes an asset made here. One a fallback made stays local: other workers ask the provider again rather
    /// than take the stand-in for good.
    public func publish(_ asset: AssetRef) async throws {
        guard let shared else { return }
        let location = folder.location(of: asset)
        let provenance = Provenance.location(for: location)
        if FileManager.default.fileExists(atPath: provenance.path) {
            guard Provenance.read(for: location)?.fallbackReason == nil else { return }
            try await shared.publish(provenance, as: SharedAssetName.provenance(of: asset))
        }
        try await shared.publish(location, as: SharedAssetName.of(asset))
    }
}
