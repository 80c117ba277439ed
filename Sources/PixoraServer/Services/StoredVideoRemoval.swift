import PixoraStore

extension AppServices {
    /// Deletes a deleted video's objects from the storage. The row is already gone, so a failing bucket cannot undo
    /// the deletion: it is logged with the prefix to clean by hand.
    func removeStoredVideo(_ video: String) async {
        do {
            try await storage.removeVideo(video)
        } catch {
            logger.error(
                "could not delete a deleted video's objects",
                metadata: ["prefix": .string("videos/\(video)/"), "error": .string("\(error)")])
        }
    }
}
