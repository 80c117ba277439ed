import Foundation
import PixoraCore
import PixoraMedia
import PixoraStore

/// The JSON files of a data export, spelled out field by field so nothing private (the password hash, idempotency
/// keys, lease owners) can slip in when a row type grows. Times are ISO 8601 in UTC.
enum ArchiveDocuments {
    struct Account: Encodable {
        var exportedAt: Date
        var profile: Profile
        /// Defaults for new videos, notification choices and theme.
        var settings: UserSettings
        var ledger: [LedgerRow]
    }

    struct Profile: Encodable {
        var id: String
        var email: String
        var name: String
        var role: String
        var credits: Int
        var createdAt: Date
        var hasAvatar: Bool
    }

    struct LedgerRow: Encodable {
        var id: String
        var delta: Int
        var balanceAfter: Int
        var reason: String
        var reference: String?
        var createdAt: Date
    }

    struct VideoFile: Encodable {
        var id: String
        var title: String
        var prompt: String
        var status: String
        var settings: Settings?
        var plan: Plan?
        var duration: Double?
        var creditsUsed: Int
        var error: String?
        var currentVersion: Int?
        var expiresAt: Date?
        var createdAt: Date
        var updatedAt: Date
        var scenes: [SceneEntry]
        var versions: [VersionEntry]
        /// Paths inside the zip of this video's media, relative to its folder.
        var files: [String]
    }

    struct SceneEntry: Encodable {
        var id: String
        var position: Int
        var currentRevision: Int
        var revisions: [RevisionEntry]
    }

    struct RevisionEntry: Encodable {
        var number: Int
        var reason: String
        var status: String
        var scene: PlanScene
        var assets: [AssetEntry]
        var createdAt: Date
    }

    struct AssetEntry: Encodable {
        var kind: String
        var asset: String
        var generator: String
    }

    struct VersionEntry: Encodable {
        var id: String
        var number: Int
        var status: String
        var duration: Double?
        var error: String?
        var createdAt: Date
        var editorState: EditorState
    }

    struct ProjectFileEntry: Encodable {
        var role: String
        var contentType: String
        var sizeBytes: Int64
        var duration: Double?
        var name: String?
        var expiresAt: Date?
        /// The file's path in the zip; nil when it expired.
        var file: String?
    }

    struct PlanEntry: Encodable {
        var number: Int
        var source: String
        var note: String
        var plan: Plan
        var createdAt: Date
    }

    struct MessageEntry: Encodable {
        var number: Int
        var role: String
        var text: String
        var planNumber: Int?
        var createdAt: Date
    }

    struct ProjectFileDocument: Encodable {
        var id: String
        var kind: String
        var title: String
        var topic: String
        var status: String
        var error: String?
        var createdAt: Date
        var updatedAt: Date
        var analysis: SampleAnalysis?
        var workflow: StudioWorkflow?
        var uploads: [ProjectFileEntry]
        var plans: [PlanEntry]
        var chat: [MessageEntry]
        /// Paths inside the zip of this project's media, relative to its folder.
        var files: [String]
    }

    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static let readme = """
        # Your Pixora data

        This archive holds everything Pixora keeps for your account, as it was when the export was made.

        - `account.json`: your profile (id, email, name, role, credits, sign-up time), your settings and every
          row of your credits ledger, oldest first. Your password is never exported.
        - `videos/<id>/video.json`: one folder per video: the prompt and settings, the scene plan, every scene
          with each of its revisions, and every version of the timeline (`editorState`, the document
          `pixora render` reads). Times are ISO 8601 in UTC.
        - `videos/<id>/video.mp4` and `thumbnail.jpg`: the current render and its thumbnail, while they exist.
          `versions/v<n>.mp4` and `.jpg` are the other versions' renders. Files deleted when their retention
          ended are listed in `video.json` but not included.
        - `projects/<id>/project.json`: one folder per remix or studio project: its topic, the sample's analysis,
          every plan version, the chat, and the studio's workflow.
        - `projects/<id>/uploads/`: the files you uploaded (sample, character, music or voice-over) that still
          exist; `projects/<id>/export.*`: a studio project's exported video.

        Scene pictures, clips, voices and music are not included: they are made again from the plan.

        """
}
