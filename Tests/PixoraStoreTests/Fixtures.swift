import Foundation
import PixoraCore
import PixoraStore
import PixoraTestSupport
import SQLKit

/// A user with `credits` (the sign-up grant), made directly in the store.
func makeUser(_ database: any Database, credits: Int = 100, email: String? = nil) async throws -> User {
    try await Users.create(
        in: database, email: email ?? "user-\(UUID().uuidString.prefix(8))@example.com", passwordHash: "x",
        name: "Test", grant: credits)
}

func balanceAndLedger(_ database: any Database, _ user: String) async throws -> (Int, Int) {
    try await database.read { db in
        (try await CreditLedger.balance(db, user: user) ?? -1, try await CreditLedger.ledgerSum(db, user: user))
    }
}

func newVideo(price: Int, key: String? = nil) -> NewVideo {
    NewVideo(
        title: "Bees", prompt: "bees", settings: settingsJSON, plan: nil, price: price, idempotencyKey: key,
        jobPayload: "{}", maxAttempts: 3)
}

/// Default settings as the API stores them: a video row's settings must decode.
let settingsJSON = String(decoding: try! JSONEncoder().encode(Settings()), as: UTF8.self)

/// The smallest timeline a version can hold: one clip, no audio.
let sampleState = EditorState(
    title: "Bees", canvas: Canvas(width: 320, height: 180, fps: 30),
    clips: [
        Clip(
            id: "c1", sceneId: nil,
            asset: AssetRef(key: ContentKey(hex: String(repeating: "a", count: 64))!, ext: "mp4"), duration: 2)
    ],
    transitions: [], captions: Captions(enabled: false, cues: []),
    audio: AudioMix(voice: AudioTrack(segments: []), music: AudioTrack(segments: [])))

let sampleScene = PlanScene(
    id: "s1", narration: "Bees make honey.", visual: "a bee on a flower", keyPhrase: "honey", mood: .calm, duration: 4,
    musicGroup: 0, transition: Transition(kind: .fade, duration: 1))

/// Rows of `table`, or only those matching `condition` (a literal SQL condition written by the test).
func count(_ database: any Database, _ table: String, where condition: String = "TRUE") async throws -> Int {
    try await database.read { db in
        try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)").first()?
            .decode(column: "n", as: Int.self) ?? -1
    }
}
