import Foundation
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Retention in the store")
struct RetentionStoreTests {
    /// A completed video with a version-1 and a version-2 render on disk, expiring at `expiresAt`.
    func completedVideo(_ database: any Database, media: MediaFolder, user: String, expiresAt: Int64?) async throws
        -> Video
    {
        let video = try await Videos.create(in: database, owner: user, newVideo(price: 1), jobKind: .generateVideo)
            .video
        let keys = [
            MediaFolder.videoKey(video: video.id, version: 1), MediaFolder.thumbnailKey(video: video.id, version: 1),
            MediaFolder.videoKey(video: video.id, version: 2),
        ]
        for key in keys {
            let url = try media.url(for: key)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("media".utf8).write(to: url)
        }
        try await database.transaction { db in
            try await db.raw("UPDATE jobs SET state = 'succeeded' WHERE video_id = \(bind: video.id)").run()
            try await Videos.setOutput(
                db, id: video.id, videoKey: keys[0], thumbnailKey: keys[1], duration: 5, version: 1)
            try await Videos.complete(db, id: video.id, expiresAt: expiresAt)
        }
        return video
    }

    func folderExists(_ media: MediaFolder, _ video: String) -> Bool {
        FileManager.default.fileExists(atPath: media.root.appendingPathComponent("videos/\(video)").path)
    }

    @Test(
        "due videos expire once, with their files, however many sweeps run; others keep theirs",
        arguments: TestEngine.allCases)
    func sweep(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let media = MediaFolder(
                root: FileManager.default.temporaryDirectory.appendingPathComponent("retention-\(UUID().uuidString)"))
            defer { try? FileManager.default.removeItem(at: media.root) }
            let user = try await makeUser(database).id
            let now = Clock.nowMillis()
            var due: [Video] = []
            for _ in 0..<4 {
                due.append(try await completedVideo(database, media: media, user: user, expiresAt: now - 1000))
            }
            let later = try await completedVideo(database, media: media, user: user, expiresAt: now + 3_600_000)
            let forever = try await completedVideo(database, media: media, user: user, expiresAt: nil)
            // A version still rendering keeps its video's files until it is done.
            let busy = try await completedVideo(database, media: media, user: user, expiresAt: now - 1000)
            _ = try await database.transaction { db in
                try await Jobs.enqueue(
                    db, kind: .renderVersion, user: user, video: busy.id, payload: "{}", maxAttempts: 3)
            }

            // Two sweeps at once split the work: each video is recorded as cleaned exactly once.
            async let first = MediaExpiry.sweep(database: database, media: media, now: now)
            async let second = MediaExpiry.sweep(database: database, media: media, now: now)
            #expect(try await first + second == due.count)
            #expect(try await MediaExpiry.sweep(database: database, media: media, now: now) == 0)

            for video in due {
                let row = try #require(try await database.read { db in try await Videos.find(db, id: video.id) })
                #expect(row.status == .expired)
                #expect(row.videoKey == nil && row.thumbnailKey == nil)
                #expect(row.expiresAt == now - 1000)
                #expect(!folderExists(media, video.id))
            }
            for video in [later, forever, busy] {
                let row = try #require(try await database.read { db in try await Videos.find(db, id: video.id) })
                #expect(row.status == .completed)
                #expect(row.videoKey != nil)
                #expect(folderExists(media, video.id))
            }
            let listed = try await database.read { db in
                try await Videos.list(db, owner: user, status: .expired, search: nil, limit: 50, after: nil)
            }
            #expect(Set(listed.items.map(\.id)) == Set(due.map(\.id)))
            #expect(listed.items.allSatisfy { $0.expiresAt == now - 1000 })
        }
    }

    @Test("at most one cleanup job waits or runs, however often it is queued", arguments: TestEngine.allCases)
    func oneCleanupJob(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let queued = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await database.transaction { db in try await Jobs.enqueueExpiry(db, maxAttempts: 3) }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(queued == 1)
            #expect(try await count(database, "jobs") == 1)
            // Once it has run, the next one may be queued.
            let job = try #require(try await Jobs.claim(in: database, owner: "a", lease: 30))
            #expect(job.kind == .expireMedia)
            #expect(try await database.transaction { db in try await Jobs.enqueueExpiry(db, maxAttempts: 3) } == false)
            #expect(try await database.transaction { db in try await Jobs.complete(db, id: job.id, owner: "a") })
            #expect(try await database.transaction { db in try await Jobs.enqueueExpiry(db, maxAttempts: 3) })
        }
    }
}
