import Foundation
import PixoraAPI
import PixoraStore

extension Schemas.Collection {
    init(_ collection: LibraryCollection) {
        self.init(
            id: collection.id, name: collection.name, videoCount: collection.videoCount,
            projectCount: collection.projectCount, createdAt: Date(milliseconds: collection.createdAt),
            updatedAt: Date(milliseconds: collection.updatedAt))
    }
}
