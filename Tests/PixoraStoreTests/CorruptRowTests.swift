import Foundation
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

/// A value the code cannot read, written behind the store's back, must fail the read with the table and column
/// named, on both engines, rather than read as a default or be skipped.
@Suite("Corrupt rows")
struct CorruptRowTests {
    func corrupt(_ database: any Database, _ statement: SQLQueryString) async throws {
        try await database.transaction { db in try await db.raw(statement).run() }
    }

    func expectCorrupt<T>(
        table: String, column: String, containing text: String, _ read: () async throws -> T
    ) async {
        do {
            _ = try await read()
            Issue.record("reading a corrupt \(table).\(column) succeeded")
        } catch let StoreError.corrupt(foundTable, foundColumn, problem) {
            #expect(foundTable == table && foundColumn == column)
            #expect(!problem.isEmpty && (text.isEmpty || problem.contains(text)), "\(problem)")
        } catch {
            Issue.record("expected StoreError.corrupt for \(table).\(column), got \(error)")
        }
    }

    @Test(
        "an unknown status, state, kind or reason is an error naming its column",
        arguments: TestEngine.allCases)
    func unknownValues(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database)
            let (video, _) = try await Videos.create(
                in: database, owner: user.id, newVideo(price: 1), jobKind: .generateVideo)
            try await corrupt(database, "UPDATE videos SET status = 'hibernating' WHERE id = \(bind: video.id)")
            await expectCorrupt(table: "videos", column: "status", containing: "'hibernating'") {
                try await database.read { db in try await Videos.find(db, owner: user.id, id: video.id) }
            }
            await expectCorrupt(table: "videos", column: "status", containing: "'hibernating'") {
                try await database.read { db in
                    try await Videos.list(db, owner: user.id, status: nil, search: nil, limit: 10, after: nil)
                }
            }
            await expectCorrupt(table: "videos", column: "status", containing: "'hibernating'") {
                try await database.read { db in try await Usage.summary(db, user: user.id, days: 7) }
            }

            try await corrupt(database, "UPDATE jobs SET kind = 'mine_bitcoin' WHERE video_id = \(bind: video.id)")
            await expectCorrupt(table: "jobs", column: "kind", containing: "'mine_bitcoin'") {
                try await database.read { db in try await Jobs.latest(db, video: video.id) }
            }
            try await corrupt(database, "UPDATE jobs SET kind = 'generate_video', state = 'limbo'")
            await expectCorrupt(table: "jobs", column: "state", containing: "'limbo'") {
                try await database.read { db in try await Jobs.counts(db) }
            }

            // users.role is not here: a CHECK constraint keeps it to the enum's values in the database itself.
            try await corrupt(database, "UPDATE credit_transactions SET reason = 'gift'")
            await expectCorrupt(table: "credit_transactions", column: "reason", containing: "'gift'") {
                try await database.read { db in
                    try await CreditLedger.transactions(db, user: user.id, limit: 10, after: nil)
                }
            }
        }
    }

    @Test("a malformed JSON document is an error naming its column", arguments: TestEngine.allCases)
    func malformedDocuments(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database)
            let (video, _) = try await Videos.create(
                in: database, owner: user.id, newVideo(price: 1), jobKind: .generateVideo)
            // The list never reads settings or the plan, so a broken one does not break the dashboard.
            try await corrupt(database, "UPDATE videos SET settings = '{\"aspectRatio\": 7'")
            let page = try await database.read { db in
                try await Videos.list(db, owner: user.id, status: nil, search: nil, limit: 10, after: nil)
            }
            #expect(page.items.map(\.id) == [video.id])
            await expectCorrupt(table: "videos", column: "settings", containing: "not valid JSON") {
                try await database.read { db in try await Videos.find(db, owner: user.id, id: video.id) }
            }
            try await corrupt(database, "UPDATE videos SET settings = \(bind: settingsJSON), plan = '[]'")
            await expectCorrupt(table: "videos", column: "plan", containing: "") {
                try await database.read { db in try await Videos.find(db, id: video.id) }
            }

            try await database.transaction { db in
                _ = try await Versions.add(db, video: video.id, editorState: sampleState, status: .ready, current: nil)
                _ = try await Scenes.createInitial(db, video: video.id, planScenes: [sampleScene])
            }
            try await corrupt(database, "UPDATE video_versions SET editor_state = '{\"clips\": []}'")
            await expectCorrupt(table: "video_versions", column: "editor_state", containing: "missing field") {
                try await database.read { db in try await Versions.list(db, video: video.id) }
            }
            try await corrupt(database, "UPDATE scene_revisions SET plan_scene = 'not json'")
            await expectCorrupt(table: "scene_revisions", column: "plan_scene", containing: "") {
                try await database.read { db in try await Scenes.revisions(db, video: video.id) }
            }
        }
    }
}
