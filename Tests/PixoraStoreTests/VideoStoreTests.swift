import Foundation
import PixoraStore
import PixoraTestSupport
import Testing

@Suite("Videos, versions and revisions in the store")
struct VideoStoreTests {
    @Test(
        "creating a video charges, inserts the video and queues its job in one transaction",
        arguments: TestEngine.allCases)
    func createCharges(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database, credits: 30)
            let (video, created) = try await Videos.create(
                in: database, owner: user.id, newVideo(price: 12), jobKind: .generateVideo)
            #expect(created)
            #expect(video.creditsUsed == 12 && video.status == .queued)
            #expect(try await balanceAndLedger(database, user.id) == (18, 18))
            let job = try await database.read { db in try await Jobs.latest(db, video: video.id) }
            #expect(job?.state == .queued && job?.kind == .generateVideo)
        }
    }

    @Test("an unaffordable video writes nothing: no video, no job, no ledger row", arguments: TestEngine.allCases)
    func unaffordable(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database, credits: 5)
            await #expect(throws: StoreError.insufficientCredits(balance: 5, price: 6)) {
                _ = try await Videos.create(in: database, owner: user.id, newVideo(price: 6), jobKind: .generateVideo)
            }
            #expect(try await count(database, "videos") == 0)
            #expect(try await count(database, "jobs") == 0)
            #expect(try await balanceAndLedger(database, user.id) == (5, 5))
        }
    }

    @Test(
        "the same idempotency key gives the same video and one charge, even when sent concurrently",
        arguments: TestEngine.allCases)
    func idempotency(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database, credits: 100)
            let results = try await withThrowingTaskGroup(of: (Video, Bool).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await Videos.create(
                            in: database, owner: user.id, newVideo(price: 10, key: "same-key"), jobKind: .generateVideo)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(results.map(\.0.id)).count == 1)
            #expect(results.filter(\.1).count == 1)
            #expect(try await balanceAndLedger(database, user.id) == (90, 90))
            #expect(try await count(database, "jobs") == 1)
        }
    }

    @Test(
        "50 concurrent videos with credits for 10: exactly 10 are made and the balance ends at 0",
        arguments: TestEngine.allCases)
    func concurrentCharges(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database, credits: 10)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        (try? await Videos.create(
                            in: database, owner: user.id, newVideo(price: 1), jobKind: .generateVideo)) != nil
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 10)
            #expect(try await count(database, "videos") == 10)
            #expect(try await balanceAndLedger(database, user.id) == (0, 0))
        }
    }

    @Test("a failed video is refunded exactly once", arguments: TestEngine.allCases)
    func refundOnce(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database, credits: 20)
            let (video, _) = try await Videos.create(
                in: database, owner: user.id, newVideo(price: 15), jobKind: .generateVideo)
            for _ in 0..<2 {
                try await database.transaction { db in
                    try await Videos.finishUnsuccessfully(db, id: video.id, status: .failed, error: "boom")
                }
            }
            #expect(try await balanceAndLedger(database, user.id) == (20, 20))
            let rows = try await database.read { db in
                try await CreditLedger.transactions(db, user: user.id, limit: 10, after: nil)
            }.items
            #expect(rows.map(\.reason) == [.videoRefund, .videoCharge, .signupGrant])
            let stored = try await database.read { db in try await Videos.find(db, id: video.id) }
            #expect(stored?.status == .failed && stored?.error == "boom")
        }
    }

    @Test(
        "another user's video reads as missing, and lists are scoped, filtered and paginated",
        arguments: TestEngine.allCases)
    func scopingAndPaging(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let alice = try await makeUser(database, credits: 100)
            let bob = try await makeUser(database, credits: 100)
            var ids: [String] = []
            for index in 0..<5 {
                var new = newVideo(price: 1)
                new.title = index == 2 ? "Honey 100% pure_gold" : "Video \(index)"
                ids.append(
                    try await Videos.create(in: database, owner: alice.id, new, jobKind: .generateVideo).video.id)
            }
            #expect(try await database.read { db in try await Videos.find(db, owner: bob.id, id: ids[0]) } == nil)
            #expect(try await database.read { db in try await Videos.delete(db, owner: bob.id, id: ids[0]) } == false)
            let first = try await database.read { db in
                try await Videos.list(db, owner: alice.id, status: nil, search: nil, limit: 2, after: nil)
            }
            let second = try await database.read { db in
                try await Videos.list(db, owner: alice.id, status: nil, search: nil, limit: 2, after: first.next)
            }
            let third = try await database.read { db in
                try await Videos.list(db, owner: alice.id, status: nil, search: nil, limit: 2, after: second.next)
            }
            let seen = (first.items + second.items + third.items).map(\.id)
            #expect(seen.count == 5 && Set(seen) == Set(ids) && third.next == nil)
            #expect(
                try await database.read { db in
                    try await Videos.list(db, owner: bob.id, status: nil, search: nil, limit: 20, after: nil)
                }.items.isEmpty)
            let search = try await database.read { db in
                try await Videos.list(db, owner: alice.id, status: nil, search: "100% PURE_", limit: 20, after: nil)
            }
            #expect(search.items.map(\.id) == [ids[2]])
            let wildcard = try await database.read { db in
                try await Videos.list(db, owner: alice.id, status: nil, search: "%", limit: 20, after: nil)
            }
            #expect(wildcard.items.map(\.id) == [ids[2]])
            let completed = try await database.read { db in
                try await Videos.list(db, owner: alice.id, status: .completed, search: nil, limit: 20, after: nil)
            }
            #expect(completed.items.isEmpty)
        }
    }

    @Test(
        "a sixth version removes the oldest one that is not current; a sixth revision drops the oldest",
        arguments: TestEngine.allCases)
    func limits(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let user = try await makeUser(database)
            let (video, _) = try await Videos.create(
                in: database, owner: user.id, newVideo(price: 1), jobKind: .generateVideo)
            try await database.transaction { db in
                for _ in 1...5 {
                    let (version, removed) = try await Versions.add(
                        db, video: video.id, editorState: sampleState, status: .queued, current: 1)
                    #expect(removed.isEmpty)
                    try await Versions.setOutput(db, id: version.id, videoKey: "k", thumbnailKey: nil, duration: 1)
                }
                let (sixth, removed) = try await Versions.add(
                    db, video: video.id, editorState: sampleState, status: .queued, current: 1)
                #expect(sixth.number == 6)
                #expect(removed.map(\.number) == [2])
                #expect(try await Versions.list(db, video: video.id).map(\.number) == [1, 3, 4, 5, 6])

                let scenes = try await Scenes.createInitial(
                    db, video: video.id, planScenes: [sampleScene, sampleScene])
                var pruned: [Int] = []
                for _ in 0..<5 {
                    pruned.append(
                        try await Scenes.addRevision(db, scene: scenes[0].id, reason: .visual, planScene: sampleScene)
                            .pruned)
                }
                #expect(pruned == [0, 0, 0, 0, 1])
                #expect(try await Scenes.revisions(db, scene: scenes[0].id).map(\.number) == [2, 3, 4, 5, 6])
            }
        }
    }

    @Test(
        "SQLite list stamps: every insert, update and delete of a user's videos changes the stamp, a write by another connection within the trust window, other users' stamps stay"
    )
    func listStamps() async throws {
        try await withTestDatabase(.sqlite) { database, location in
            let alice = try await makeUser(database)
            let bob = try await makeUser(database)
            let start = try #require(try await database.videoListStamp(owner: alice.id))
            let bobStart = try await database.videoListStamp(owner: bob.id)
            #expect(try await database.videoListStamp(owner: "nobody") == nil)
            let (video, _) = try await Videos.create(
                in: database, owner: alice.id, newVideo(price: 1), jobKind: .generateVideo)
            let created = try #require(try await database.videoListStamp(owner: alice.id))
            #expect(created > start)
            _ = try await database.transaction { db in
                try await Videos.rename(db, owner: alice.id, id: video.id, title: "Renamed")
            }
            let renamed = try #require(try await database.videoListStamp(owner: alice.id))
            #expect(renamed > created)
            // Another connection to the file, as a second process has: seen once the stamp is read again.
            guard case .sqlite(let path) = location else { return }
            let other = try await SQLiteDatabaseEngine.open(path: path, logger: testLogger)
            _ = try await other.transaction { db in try await Videos.delete(db, owner: alice.id, id: video.id) }
            await other.shutdown()
            try await Task.sleep(for: SQLiteDatabaseEngine.stampTrust + .milliseconds(20))
            #expect(try #require(try await database.videoListStamp(owner: alice.id)) > renamed)
            #expect(try await database.videoListStamp(owner: bob.id) == bobStart)
        }
    }
}
