import Foundation
import HTTPTypes
import NIOCore
import PixoraAPI
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing
import ZIPFoundation

extension API {
    /// Polls the caller's export until it is no longer queued or running.
    func waitForExport(_ session: Session) async throws -> Schemas.AccountExport {
        let deadline = ContinuousClock.now + .seconds(600)
        while ContinuousClock.now < deadline {
            let export = try await call(.get, "/api/v1/users/me/export", session: session)
                .decode(Schemas.AccountExport.self)
            if ![.queued, .running].contains(export.status) { return export }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("the export did not finish in time")
    }
}

/// Every (table, column) naming a user: each table with a `user_id` column, plus the users themselves.
func userColumns(_ app: TestApp) async throws -> [(table: String, column: String)] {
    try await app.services.database.read { db in
        var tables: [String]
        switch app.services.database.engine {
        case .sqlite:
            let names = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all().map {
                try $0.decode(column: "name", as: String.self)
            }
            tables = []
            for name in names {
                let columns = try await db.raw(SQLQueryString("PRAGMA table_info(\(name))")).all().map {
                    try $0.decode(column: "name", as: String.self)
                }
                if columns.contains("user_id") { tables.append(name) }
            }
        case .postgres:
            tables = try await db.raw(
                """
                SELECT table_name FROM information_schema.columns
                WHERE column_name = 'user_id' AND table_schema = current_schema()
                """
            ).all().map { try $0.decode(column: "table_name", as: String.self) }
        }
        return tables.sorted().map { ($0, "user_id") } + [("users", "id")]
    }
}

/// How many rows of each table name `user`, for the tables that have any.
func rowsNaming(_ app: TestApp, user: String) async throws -> [String: Int] {
    var found: [String: Int] = [:]
    for (table, column) in try await userColumns(app) {
        let count = try await app.services.database.read { db in
            try await db.raw(SQLQueryString("SELECT COUNT(*) AS n FROM \(table) WHERE \(column) = ") + "\(bind: user)")
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
        if count > 0 { found[table] = count }
    }
    return found
}

/// Rows of the tables that hang off videos and projects, by their ids.
func rowsOf(_ app: TestApp, videos: [String], projects: [String]) async throws -> Int {
    try await app.services.database.read { db in
        var total = 0
        for video in videos {
            for query in [
                "SELECT COUNT(*) AS n FROM videos WHERE id = ", "SELECT COUNT(*) AS n FROM scenes WHERE video_id = ",
                "SELECT COUNT(*) AS n FROM video_versions WHERE video_id = ",
                "SELECT COUNT(*) AS n FROM jobs WHERE video_id = ",
            ] {
                total +=
                    try await db.raw(SQLQueryString(query) + "\(bind: video)").first()?.decode(
                        column: "n", as: Int.self) ?? 0
            }
        }
        for project in projects {
            for query in [
                "SELECT COUNT(*) AS n FROM projects WHERE id = ",
                "SELECT COUNT(*) AS n FROM project_files WHERE project_id = ",
                "SELECT COUNT(*) AS n FROM project_plans WHERE project_id = ",
                "SELECT COUNT(*) AS n FROM project_messages WHERE project_id = ",
                "SELECT COUNT(*) AS n FROM jobs WHERE project_id = ",
            ] {
                total +=
                    try await db.raw(SQLQueryString(query) + "\(bind: project)").first()?.decode(
                        column: "n", as: Int.self) ?? 0
            }
        }
        return total
    }
}

@Suite("Your data: export, clear, delete")
struct AccountDataAPITests {
    @Test(
        "the export zip holds the account, every video and project as JSON and the media bytes, for its owner only",
        arguments: TestEngine.allCases)
    func export(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let email = "export-\(UUID().uuidString.prefix(8).lowercased())@example.com"
                let session = try await api.register(email)
                let other = try await api.register()
                let none = try await api.call(.get, "/api/v1/users/me/export", session: session)
                #expect(try none.decode(Schemas.AccountExport.self).status == Schemas.ExportStatus.none)

                let videoId = try await api.createVideo(session).decode(Schemas.Video.self).id
                let project = try await api.createProject(session, extras: true)
                let first = try await api.call(.post, "/api/v1/users/me/export", session: session)
                #expect(first.status == .accepted)
                let queued = try first.decode(Schemas.AccountExport.self)
                #expect(queued.status == .queued && queued.url == nil)
                // One at a time: asking again answers the same export.
                let again = try await api.call(.post, "/api/v1/users/me/export", session: session)
                #expect(again.status == .accepted)
                #expect(try again.decode(Schemas.AccountExport.self).id == queued.id)

                let ready = try await app.withWorker { () -> Schemas.AccountExport in
                    _ = try await api.waitForVideo(session, videoId)
                    _ = try await api.waitForAnalysis(session, project.id)
                    return try await api.waitForExport(session)
                }
                // The export was queued before the video finished: ask for a fresh one that has its render.
                _ = ready
                let fresh = try await api.call(.post, "/api/v1/users/me/export", session: session)
                let freshId = try fresh.decode(Schemas.AccountExport.self).id
                #expect(freshId != queued.id)
                let done = try await app.withWorker { try await api.waitForExport(session) }
                #expect(done.status == .ready && done.id == freshId && done.progress == 1)
                let url = try #require(done.url)
                let size = try #require(done.sizeBytes)

                // The signed link works without a token, as a download.
                let download = try await api.call(.get, url)
                #expect(download.status == .ok)
                #expect(download.headers[.contentType] == "application/zip")
                #expect(download.headers[.contentDisposition]?.hasPrefix("attachment") == true)
                let bytes = Data(download.body.readableBytesView)
                #expect(bytes.count == size)

                let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID()).zip")
                try bytes.write(to: file)
                defer { try? FileManager.default.removeItem(at: file) }
                let archive = try Archive(url: file, accessMode: .read)
                func read(_ path: String) throws -> Data {
                    let entry = try #require(archive[path], "\(path) is in the zip")
                    var data = Data()
                    _ = try archive.extract(entry) { data.append($0) }
                    return data
                }
                let names = Set(archive.map(\.path))
                let videoFolder = "videos/\(videoId)/"
                let projectFolder = "projects/\(project.id)/"
                for name in [
                    "README.md", "account.json", videoFolder + "video.json", videoFolder + "video.mp4",
                    videoFolder + "thumbnail.jpg", projectFolder + "project.json", projectFolder + "uploads/sample.mp4",
                    projectFolder + "uploads/character.png", projectFolder + "uploads/music.wav",
                ] {
                    #expect(names.contains(name), "\(name) in \(names.sorted())")
                }
                #expect(String(decoding: try read("README.md"), as: UTF8.self).contains("account.json"))

                let accountData = try read("account.json")
                let accountText = String(decoding: accountData, as: UTF8.self)
                #expect(!accountText.lowercased().contains("password"))
                #expect(!accountText.contains("$2"), "no bcrypt hash")
                let account = try #require(try JSONSerialization.jsonObject(with: accountData) as? [String: Any])
                let profile = try #require(account["profile"] as? [String: Any])
                #expect(profile["email"] as? String == email && profile["id"] as? String == session.userId)
                let ledgerRows = try #require(account["ledger"] as? [[String: Any]])
                #expect((account["settings"] as? [String: Any])?["notifications"] != nil)
                let stored = try await app.services.database.read { db in
                    try await AccountData.ledger(db, user: session.userId)
                }
                #expect(ledgerRows.map { $0["id"] as? String } == stored.map(\.id))

                let video = try #require(
                    try JSONSerialization.jsonObject(with: try read(videoFolder + "video.json")) as? [String: Any])
                #expect(video["id"] as? String == videoId && video["status"] as? String == "completed")
                #expect((video["plan"] as? [String: Any])?["scenes"] != nil)
                let versions = try #require(video["versions"] as? [[String: Any]])
                #expect(!versions.isEmpty && versions.allSatisfy { $0["editorState"] is [String: Any] })
                let scenes = try #require(video["scenes"] as? [[String: Any]])
                #expect(!scenes.isEmpty && scenes.allSatisfy { !(($0["revisions"] as? [Any]) ?? []).isEmpty })

                let stored2 = try await app.services.database.read { db in
                    try await Videos.find(db, owner: session.userId, id: videoId)
                }
                let media = app.services.media
                #expect(try read(videoFolder + "video.mp4") == Data(contentsOf: media.url(for: stored2!.videoKey!)))
                #expect(
                    try read(videoFolder + "thumbnail.jpg") == Data(contentsOf: media.url(for: stored2!.thumbnailKey!)))
                let (sample, character) = (try await ProjectFixtures.sample, try await ProjectFixtures.character)
                #expect(try read(projectFolder + "uploads/sample.mp4") == sample)
                #expect(try read(projectFolder + "uploads/character.png") == character)
                let projectJSON = try #require(
                    try JSONSerialization.jsonObject(with: try read(projectFolder + "project.json")) as? [String: Any])
                #expect(projectJSON["analysis"] is [String: Any] && projectJSON["topic"] as? String == project.topic)
                #expect((projectJSON["uploads"] as? [[String: Any]])?.count == 3)

                // Another user: no export of theirs, and the owner's link with their token opens nothing.
                let theirs = try await api.call(.get, "/api/v1/users/me/export", session: other)
                #expect(try theirs.decode(Schemas.AccountExport.self).status == Schemas.ExportStatus.none)
                #expect(try await api.call(.get, url, session: other).status == .notFound)
                // A tampered or expired link is refused.
                let tampered = url.replacingOccurrences(of: "access=", with: "access=1")
                #expect(try await api.call(.get, tampered).errorCode == .invalidLink)
                let stale = app.services.tokens.signedPath(
                    "/api/v1/users/me/export/download", user: session.userId, lifetime: 60,
                    now: Date().addingTimeInterval(-3600))
                #expect(try await api.call(.get, stale).status == .unauthorized)
                let forged = app.services.tokens.signedPath("/api/v1/users/me/export/download", user: other.userId)
                #expect(try await api.call(.get, forged).status == .notFound)

                // The zip expires: the cleanup deletes it, the state says so, the link answers 410.
                let key = MediaFolder.accountExportKey(export: try #require(freshId))
                #expect(FileManager.default.fileExists(atPath: try media.url(for: key).path))
                let past = Clock.nowMillis() - 1000
                try await app.services.database.read { db in
                    try await db.raw(
                        "UPDATE account_exports SET expires_at = \(bind: past) WHERE id = \(bind: freshId)"
                    ).run()
                }
                let link = try await api.call(.get, url)
                #expect(link.status == .gone && link.errorCode == .expired)
                // The cleanup deletes the file, then marks the row: wait for both (a busy machine shows the gap).
                try await app.withWorker {
                    let deadline = ContinuousClock.now + .seconds(600)
                    while true {
                        let row = try await app.services.database.read { db in
                            try await AccountExports.find(db, id: freshId!)
                        }
                        let gone = !FileManager.default.fileExists(atPath: try media.url(for: key).path)
                        if gone && row?.status == .expired { break }
                        guard ContinuousClock.now < deadline else { throw TestFailure("the zip was not cleaned") }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                let expired = try await api.call(.get, "/api/v1/users/me/export", session: session)
                    .decode(Schemas.AccountExport.self)
                #expect(expired.status == .expired && expired.url == nil)
                let row = try await app.services.database.read { db in
                    try await AccountExports.find(db, id: freshId!)
                }
                #expect(row?.status == .expired && row?.fileKey == nil)
                // Each finished export was announced once, in the app.
                let notices = try await app.services.database.read { db in
                    try await db.raw(
                        """
                        SELECT COUNT(*) AS n FROM notifications
                        WHERE user_id = \(bind: session.userId) AND kind = 'export_ready'
                        """
                    ).first()?.decode(column: "n", as: Int.self)
                }
                #expect(notices == 2)
            }
        }
    }

    @Test(
        "clearing needs the email, cancels and refunds running work once, and leaves no video, project or file",
        arguments: TestEngine.allCases)
    func clear(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let email = "clear-\(UUID().uuidString.prefix(8))@example.com"
                let session = try await api.register(email)
                let other = try await api.register()
                let done = try await api.createVideo(session).decode(Schemas.Video.self).id
                let project = try await api.createProject(session, extras: true)
                try await app.withWorker {
                    _ = try await api.waitForVideo(session, done)
                    _ = try await api.waitForAnalysis(session, project.id)
                }
                // Queued with no worker running: clearing must refund it.
                let queued = try await api.createVideo(session, prompt: "a 5-second video about owls").decode(
                    Schemas.Video.self)
                let theirs = try await api.createVideo(other).decode(Schemas.Video.self).id
                _ = try await api.call(.post, "/api/v1/users/me/export", session: session)
                let before = try await api.balance(session)

                for confirm in ["", "someone@example.com", "clear"] {
                    let refused = try await api.call(
                        .post, "/api/v1/users/me/clear-data", session: session, json: ["confirm": confirm])
                    #expect(refused.status == .unprocessableContent && refused.errorCode == .validationFailed)
                }
                let empty = try await api.call(.post, "/api/v1/users/me/clear-data", session: session, json: [:])
                #expect(empty.status == .badRequest || empty.status == .unprocessableContent)
                #expect(try await rowsOf(app, videos: [done, queued.id], projects: [project.id]) > 0)

                let reply = try await api.call(
                    .post, "/api/v1/users/me/clear-data", session: session, json: ["confirm": " \(email.uppercased())"])
                #expect(reply.status == .ok)
                let cleared = try reply.decode(Schemas.ClearedData.self)
                #expect(cleared.videos == 2 && cleared.projects == 1)
                // The queued video's charge came back, once.
                #expect(cleared.balance == before + queued.creditsUsed)
                let (balance, sum) = try await ledger(app, session.userId)
                #expect(balance == sum && balance == cleared.balance)
                let refunds = try await app.services.database.read { db in
                    try await AccountData.ledger(db, user: session.userId).filter { $0.reason == .videoRefund }
                }
                #expect(refunds.count == 1 && refunds.first?.reference == queued.id)

                #expect(try await rowsOf(app, videos: [done, queued.id], projects: [project.id]) == 0)
                let left = try await rowsNaming(app, user: session.userId)
                #expect(left["videos"] == nil && left["projects"] == nil && left["jobs"] == nil)
                #expect(left["account_exports"] == nil)
                #expect(left["users"] == 1 && left["credit_transactions"] != nil)
                let media = app.services.media.root
                for folder in ["videos/\(done)", "videos/\(queued.id)", "projects/\(project.id)"] {
                    #expect(!FileManager.default.fileExists(atPath: media.appendingPathComponent(folder).path))
                }
                let exports = try? FileManager.default.contentsOfDirectory(
                    atPath: media.appendingPathComponent("exports").path)
                #expect(exports?.isEmpty ?? true)
                // The account stays; the other user's video too.
                #expect(try await api.call(.get, "/api/v1/users/me/profile", session: session).status == .ok)
                let list = try await api.call(.get, "/api/v1/videos", session: session)
                #expect(try list.decode(Schemas.VideoPage.self).items.isEmpty)
                #expect(try await api.call(.get, "/api/v1/videos/\(theirs)", session: other).status == .ok)
                // Clearing twice is harmless.
                let twice = try await api.call(
                    .post, "/api/v1/users/me/clear-data", session: session, json: ["confirm": email])
                #expect(try twice.decode(Schemas.ClearedData.self).videos == 0)
                #expect(try await api.balance(session) == cleared.balance)
            }
        }
    }

    @Test(
        "deleting the account needs the password, erases every row and file of it, keeps the ledger anonymised",
        arguments: TestEngine.allCases)
    func delete(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let email = "delete-\(UUID().uuidString.prefix(8))@example.com"
                let session = try await api.register(email, password: "correct horse")
                let video = try await api.createVideo(session).decode(Schemas.Video.self).id
                try await app.withWorker { _ = try await api.waitForVideo(session, video) }
                let avatar = try await api.call(
                    .put, "/api/v1/users/me/avatar", session: session, headers: [.contentType: "image/png"],
                    raw: ByteBuffer(bytes: Array(ProjectFixtures.character)))
                #expect(avatar.status == .ok)
                let balance = try await api.balance(session)
                let ledgerRows = try await app.services.database.read { db in
                    try await AccountData.ledger(db, user: session.userId)
                }

                let wrong = try await api.call(
                    .delete, "/api/v1/users/me", session: session, json: ["password": "wrong horse"])
                #expect(wrong.status == .forbidden && wrong.errorCode == .wrongPassword)
                #expect(try await api.call(.get, "/api/v1/users/me/profile", session: session).status == .ok)
                let missing = try await api.call(.delete, "/api/v1/users/me", session: session, json: [:])
                #expect(missing.status != .noContent)

                let deleted = try await api.call(
                    .delete, "/api/v1/users/me", session: session, json: ["password": "correct horse"])
                #expect(deleted.status == .noContent)

                // Nothing names the user any more, in any table, nor on disk.
                #expect(try await rowsNaming(app, user: session.userId) == [:])
                #expect(try await rowsOf(app, videos: [video], projects: []) == 0)
                let media = app.services.media.root
                #expect(!FileManager.default.fileExists(atPath: media.appendingPathComponent("videos/\(video)").path))
                let avatars =
                    (try? FileManager.default.contentsOfDirectory(
                        atPath: media.appendingPathComponent("avatars").path)) ?? []
                #expect(avatars.allSatisfy { !$0.hasPrefix(session.userId) })
                // The ledger stays under a tombstone that holds the same balance and nothing personal.
                let tombstone = try await app.services.database.read { db in
                    try await db.raw(
                        "SELECT DISTINCT user_id FROM credit_transactions WHERE id = \(bind: ledgerRows[0].id)"
                    ).first()?.decode(column: "user_id", as: String.self)
                }
                let ghost = try #require(tombstone)
                let (ghostBalance, ghostSum) = try await ledger(app, ghost)
                #expect(ghostBalance == balance && ghostSum == balance)
                let ghostRow = try await app.services.database.read { db in try await Users.find(db, id: ghost) }
                #expect(ghostRow?.name == "" && ghostRow?.avatarKey == nil)
                #expect(ghostRow?.email.hasSuffix(".invalid") == true)
                let moved = try await app.services.database.read { db in
                    try await AccountData.ledger(db, user: ghost)
                }
                #expect(moved.map(\.id) == ledgerRows.map(\.id))

                // Tokens are refused; signing in fails; the email registers again as a new account.
                let profile = try await api.call(.get, "/api/v1/users/me/profile", session: session)
                #expect(profile.status == .unauthorized)
                #expect(try await api.call(.get, "/api/v1/videos", session: session).status == .unauthorized)
                let refresh = try await api.call(
                    .post, "/api/v1/auth/refresh", json: ["refreshToken": session.refreshToken])
                #expect(refresh.status == .unauthorized)
                let login = try await api.call(
                    .post, "/api/v1/auth/login", json: ["email": email, "password": "correct horse"])
                #expect(login.status == .unauthorized)
                let again = try await api.register(email, password: "another horse")
                #expect(again.userId != session.userId)
                let videos = try await api.call(.get, "/api/v1/videos", session: again)
                #expect(try videos.decode(Schemas.VideoPage.self).items.isEmpty)
            }
        }
    }

    @Test("wrong passwords for deleting the account share the sign-in's limit", arguments: TestEngine.allCases)
    func deleteLimit(engine: TestEngine) async throws {
        try await TestApp.with(engine, environment: ["PIXORA_LOGIN_LIMIT": "3"]) { app in
            try await app.test { api in
                let session = try await api.register()
                for _ in 0..<3 {
                    let wrong = try await api.call(
                        .delete, "/api/v1/users/me", session: session, json: ["password": "guess"])
                    #expect(wrong.status == .forbidden && wrong.errorCode == .wrongPassword)
                }
                let limited = try await api.call(
                    .delete, "/api/v1/users/me", session: session, json: ["password": "correct horse"])
                #expect(limited.status == .tooManyRequests && limited.errorCode == .rateLimited)
                #expect(limited.headers[.retryAfter] != nil)
                #expect(try await api.call(.get, "/api/v1/users/me/profile", session: session).status == .ok)
            }
        }
    }

    @Test(
        "a project's uploads expire with PIXORA_RETENTION: files deleted, 410, the analysis and plans stay",
        arguments: TestEngine.allCases)
    func uploadsExpire(engine: TestEngine) async throws {
        try await TestApp.with(engine, environment: ["PIXORA_RETENTION": "1h"]) { app in
            try await app.test { api in
                let session = try await api.register()
                let other = try await api.register()
                let before = Clock.nowMillis()
                let created = try await api.createProject(session, extras: true)
                let project = try await app.withWorker { try await api.waitForAnalysis(session, created.id) }
                let after = Clock.nowMillis()
                #expect(project.status == .analyzed)
                let rows = try await app.services.database.read { db in
                    try await ProjectFiles.all(db, project: project.id)
                }
                #expect(rows.count == 3)
                for row in rows {
                    // An hour after the upload, which happened between `before` and `after`.
                    let expiresAt = try #require(row.expiresAt)
                    #expect((before + 3_600_000...after + 3_600_000).contains(expiresAt), "\(expiresAt)")
                }
                let sample = try #require(project.files.first { $0.role == .sample }?.url)
                #expect(try await api.call(.get, sample).status == .ok)

                let past = Clock.nowMillis() - 1000
                try await app.services.database.read { db in
                    try await db.raw(
                        "UPDATE project_files SET expires_at = \(bind: past) WHERE project_id = \(bind: project.id)"
                    ).run()
                }
                // Due is enough for a 410, before the cleanup runs.
                let due = try await api.call(.get, sample)
                #expect(due.status == .gone && due.errorCode == .expired)
                try await app.withWorker {
                    let deadline = ContinuousClock.now + .seconds(600)
                    while true {
                        let left = try await app.services.database.read { db in
                            try await ProjectFiles.all(db, project: project.id).filter { $0.expiredAt == nil }
                        }
                        if left.isEmpty { break }
                        guard ContinuousClock.now < deadline else { throw TestFailure("uploads were not cleaned") }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
                for row in rows {
                    let path = try app.services.media.url(for: row.mediaKey).path
                    #expect(!FileManager.default.fileExists(atPath: path), "\(row.role) file deleted")
                }
                let detail = try await api.call(.get, "/api/v1/projects/\(project.id)", session: session)
                let kept = try detail.decode(Schemas.Project.self)
                #expect(kept.analysis != nil && kept.files.count == 3)
                for file in kept.files {
                    let reply = try await api.call(.get, file.url)
                    #expect(reply.status == .gone && reply.errorCode == .expired, "\(file.role)")
                    #expect(reply.errorMessage?.contains("keeps its analysis") == true)
                }
                // Plans are still made from the analysis.
                let plan = try await api.call(
                    .post, "/api/v1/projects/\(project.id)/plans", session: session, json: [:])
                #expect(plan.status == .created || plan.status == .ok, "\(plan.text)")
                // Another user learns nothing.
                let path = "/api/v1/projects/\(project.id)/files/sample"
                #expect(try await api.call(.get, path, session: other).status == .notFound)
            }
        }
    }
}
