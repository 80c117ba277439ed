import PixoraStore

/// Deleting the objects of rows that are already gone. A failing bucket cannot undo the deletion, so it is logged
/// with what to clean by hand. The local folder is cleaned too: a node that ran before `PIXORA_STORAGE` was set
/// may still hold files under the same keys.
extension AppServices {
    func removeStoredVideo(_ video: String) async {
        await removeStored("videos/\(video)/") { try await storage.removeVideo(video) }
    }

    func removeStoredProject(_ project: String) async {
        media.removeProject(project)
        await removeStored("projects/\(project)/") { try await storage.removeProject(project) }
    }

    func removeStoredObject(_ key: String) async {
        media.remove(key)
        await removeStored(key) { try await storage.remove(key) }
    }

    private func removeStored(_ keys: String, _ remove: () async throws -> Void) async {
        do {
            try await remove()
        } catch {
            logger.error(
                "could not delete the objects of deleted rows",
                metadata: ["keys": .string(keys), "error": .string("\(error)")])
        }
    }
}
