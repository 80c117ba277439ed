import Foundation
import PixoraCore

/// Content-addressed assets shared by every worker and API node (the bucket of `PIXORA_STORAGE`), behind each
/// process's local cache (`AssetStore`): an asset one worker made is fetched by the others instead of made again,
/// and an API node serves a scene's picture that only a worker's disk ever held.
///
/// Names are the cache's relative paths, `<first two hex digits>/<key>.<ext>` and its sidecar
/// `….provenance.json`; `isValidName` is checked on every call, so no other name reaches the store.
public protocol SharedAssets: Sendable {
    /// Copies the object to `file` (replaced only when complete); false when the shared store does not have it.
    func fetch(_ name: String, to file: URL) async throws -> Bool
    /// Copies a finished file up; the local file stays as the cache's copy.
    func publish(_ file: URL, as name: String) async throws
    /// Removes an object (a LUT its last owner deleted); a missing one is not an error.
    func remove(_ name: String) async throws
}

public enum SharedAssetName {
    /// The name of `asset` in the shared store, as in the local folder.
    public static func of(_ asset: AssetRef) -> String { "\(asset.key.hex.prefix(2))/\(asset.fileName)" }

    /// The name of an asset's provenance sidecar (`Provenance.location(for:)` beside the file).
    public static func provenance(of asset: AssetRef) -> String { of(asset) + ".provenance.json" }

    public static func isValidName(_ name: String) -> Bool {
        name.range(of: #"^[0-9a-f]{2}/[0-9a-f]{64}\.[a-z0-9]{1,5}(\.provenance\.json)?$"#, options: .regularExpression)
            != nil
    }
}
