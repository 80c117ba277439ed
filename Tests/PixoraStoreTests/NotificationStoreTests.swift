import Foundation
import PixoraCore
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Notifications and settings in the store")
struct NotificationStoreTests {
    func notifications(_ database: any Database, _ user: String) async throws -> [UserNotification] {
        try await database.read { db in try await Notifications.list(db, owner: user, limit: 100, after: nil).items }
    }

    func mailJobs(_ database: any Database, _ user: String) async throws -> Int {
        try await database.read { db in
            try await db.raw(
                "SELECT COUNT(*) AS n FROM jobs WHERE kind = 'notification_mail' AND user_id = \(bind: user)"
            ).first()?.decode(column: "n", as: Int.self) ?? -1
        }
    }

    @Test(
        "an event posts once however often it is reported; the channels decide row and mail",
        arguments: TestEngine.allCases)
    func postOnce(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database).id
            for _ in 0..<3 {
                try await database.transaction { db in
                    try await Notifications.post(
                        db, userId: user, kind: .exportReady, title: "Export", body: "Ready", link: "/profile",
                        eventKey: "export_ready:1")
                }
            }
            #expect(try await notifications(database, user).map(\.eventKey) == ["export_ready:1"])
            #expect(try await mailJobs(database, user) == 1)

            var settings = UserSettings()
            settings.notifications.exportReady = UserSettings.Channels(inApp: false, mail: true)
            settings.notifications.videoReady = UserSettings.Channels(inApp: false, mail: false)
            try await database.transaction { db in try await Users.saveSettings(db, user: user, settings) }
            #expect(try await database.read { db in try await Users.settings(db, user: user) } == settings)
            let (mailOnly, none) = try await database.transaction { db in
                (
                    try await Notifications.post(
                        db, userId: user, kind: .exportReady, title: "Export", body: "Ready", link: nil,
                        eventKey: "export_ready:2"),
                    try await Notifications.post(
                        db, userId: user, kind: .videoReady, title: "Ready", body: "Ready", link: nil,
                        eventKey: "video_ready:x")
                )
            }
            #expect(mailOnly?.inApp == false && none == nil)
            // The mail-only row is not listed, not counted and cannot be marked by its id.
            #expect(try await notifications(database, user).count == 1)
            #expect(try await mailJobs(database, user) == 2)
            #expect(try await database.read { db in try await Notifications.unreadCount(db, owner: user) } == 1)
        }
    }

    @Test("only the owner reads and marks a notification; read-all empties the count", arguments: TestEngine.allCases)
    func isolation(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let ann = try await makeUser(database).id
            let bob = try await makeUser(database).id
            let posted = try await database.transaction { db in
                try await Notifications.post(
                    db, userId: ann, kind: .exportReady, title: "Export", body: "Ready", link: nil,
                    eventKey: "export_ready:a")
            }
            let id = try #require(posted?.id)
            let stolen = try await database.transaction { db in
                try await Notifications.markRead(db, owner: bob, id: id, now: 5)
            }
            #expect(stolen == nil)
            #expect(try await notifications(database, bob).isEmpty)
            let read = try await database.transaction { db in
                try await Notifications.markRead(db, owner: ann, id: id, now: 7)
            }
            #expect(read?.readAt == 7)
            let again = try await database.transaction { db in
                try await Notifications.markRead(db, owner: ann, id: id, now: 9)
            }
            #expect(again?.readAt == 7)
            try await database.transaction { db in
                for n in 0..<3 {
                    try await Notifications.post(
                        db, userId: ann, kind: .exportReady, title: "Export", body: "Ready", link: nil,
                        eventKey: "export_ready:b\(n)")
                }
            }
            #expect(try await database.read { db in try await Notifications.unreadCount(db, owner: ann) } == 3)
            let marked = try await database.transaction { db in
                try await Notifications.markAllRead(db, owner: ann, now: 10)
            }
            #expect(marked == 3)
            #expect(try await database.read { db in try await Notifications.unreadCount(db, owner: ann) } == 0)
        }
    }

    @Test("credits_low is posted once per crossing of the threshold, in the charge", arguments: TestEngine.allCases)
    func creditsLow(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database, credits: 100).id
            func change(_ delta: Int, _ key: String) async throws {
                try await database.transaction { db in
                    try await CreditLedger.apply(
                        db, user: user, delta: delta, reason: delta < 0 ? .videoCharge : .videoRefund, reference: nil,
                        key: key)
                }
            }
            try await change(-70, "a")  // 30: above 20
            #expect(try await notifications(database, user).isEmpty)
            try await change(-15, "b")  // 15: crossed
            try await change(-15, "b")  // a replay: no row, no second warning
            try await change(-5, "c")  // 10: still below, no new crossing
            #expect(try await notifications(database, user).map(\.kind) == [.creditsLow])
            #expect(try await notifications(database, user).first?.body.contains("15 credits") == true)
            try await change(50, "d")  // 60
            try await change(-45, "e")  // 15: crossed again
            #expect(try await notifications(database, user).map(\.kind) == [.creditsLow, .creditsLow])
            // A charge that fails writes nothing, its warning included.
            await #expect(throws: StoreError.self) { try await change(-500, "f") }
            #expect(try await notifications(database, user).count == 2)
            let (balance, ledger) = try await balanceAndLedger(database, user)
            #expect(balance == 15 && ledger == 15)
        }
    }

    @Test("a failed video says what was refunded, once, whoever records the failure", arguments: TestEngine.allCases)
    func failedVideo(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database).id
            let video = try await Videos.create(in: database, owner: user, newVideo(price: 12), jobKind: .generateVideo)
                .video
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await database.transaction { db in
                            try await Videos.finishUnsuccessfully(
                                db, id: video.id, status: .failed, error: "ffmpeg broke")
                        }
                    }
                }
                try await group.waitForAll()
            }
            let posted = try await notifications(database, user)
            #expect(posted.map(\.kind) == [.videoFailed])
            #expect(posted.first?.body == "“Bees” failed: ffmpeg broke. The 12 credits it cost were refunded.")
            #expect(posted.first?.link == "/videos/\(video.id)")
            // A cancelled video tells no one: the person cancelled it.
            let other = try await Videos.create(in: database, owner: user, newVideo(price: 1), jobKind: .generateVideo)
                .video
            try await database.transaction { db in
                try await Videos.finishUnsuccessfully(db, id: other.id, status: .cancelled, error: nil)
            }
            #expect(try await notifications(database, user).count == 1)
        }
    }

    @Test("a video is warned of a day before it expires, once, by any number of checks", arguments: TestEngine.allCases)
    func expiring(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database).id
            let expiry: Int64 = 1_900_000_000_000
            let video = try await Videos.create(in: database, owner: user, newVideo(price: 1), jobKind: .generateVideo)
                .video
            try await database.transaction { db in
                try await db.raw("UPDATE jobs SET state = 'succeeded' WHERE video_id = \(bind: video.id)").run()
                try await Videos.setOutput(db, id: video.id, videoKey: "k", thumbnailKey: "t", duration: 5, version: 1)
                try await Videos.complete(db, id: video.id, expiresAt: expiry)
            }
            let day = Notifications.expiryWarning
            let early = try await database.transaction { db in
                try await Notifications.warnExpiring(db, now: expiry - day - 60_000)
            }
            #expect(early == 0)
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await database.transaction { db in
                            try await Notifications.warnExpiring(db, now: expiry - day + 60_000)
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(counts == 1)
            let posted = try await notifications(database, user)
            #expect(posted.map(\.kind) == [.videoExpiring])
            #expect(
                posted.first?.body
                    == "“Bees” and its files will be deleted on 2030-03-17 17:46 UTC. Download it before then.")
            // Past its expiry there is nothing left to warn of.
            let late = try await database.transaction { db in try await Notifications.warnExpiring(db, now: expiry + 1)
            }
            #expect(late == 0)
        }
    }
}
