import Foundation
import PixoraAPI
import PixoraCore
import PixoraStore

extension Schemas.Revision {
    /// `content` is what the revision asks for: its own plan scene, or the one a regeneration is about to make.
    init(_ revision: SceneRevision, content: PlanScene? = nil) {
        let content = content ?? revision.planScene
        self.init(
            id: revision.id, number: revision.number, reason: revision.reason.contract(),
            status: revision.status.contract(), narration: content.narration, visual: content.visual,
            createdAt: Date(milliseconds: revision.createdAt))
    }
}

extension Schemas.SceneAsset {
    /// Nil for a stored key that is not an asset reference, which could not be served either.
    init?(_ asset: PixoraStore.SceneAsset, tokens: TokenService, user: String) {
        guard let key = AssetRef(asset.assetKey) else { return nil }
        self.init(
            kind: asset.kind.contract(), key: key, generator: asset.generator,
            url: tokens.signedPath("/api/v1/assets/\(asset.assetKey)", user: user), costUsd: asset.costUsd)
    }
}
