import Foundation
import PixoraAPI
import PixoraStore

extension Schemas.Share {
    /// A link as its owner sees it; `urls` nil when its token cannot be made again (the server's secret changed).
    init(_ share: VideoShare, urls: ShareURLs?, thumbnail: Bool) {
        self.init(
            id: share.id, url: urls?.page, videoUrl: urls?.video, thumbnailUrl: thumbnail ? urls?.thumbnail : nil,
            expiresAt: Date(milliseconds: share.expiresAt), views: share.views,
            createdAt: Date(milliseconds: share.createdAt))
    }
}
