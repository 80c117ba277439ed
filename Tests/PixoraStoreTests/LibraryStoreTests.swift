import Foundation
import PixoraCore
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

/// Favorites, collections and the library's filters, sorts and pages, on both engines.
@Suite("Library in the store")
struct LibraryStoreTests {
    /// A video of `user` with this title, aspect and creation time (and status and expiry, when given).
    func video(
        _ database: any Database, _ user: String, _ title: String, aspect: AspectRatio = .landscape, created: Int64,
        status: VideoStatus = .queued, expiresAt: Int64? = nil
    ) async throws -> String {
        let settings = String(decoding: try JSONEncoder().encode(Settings(aspectRatio: aspect)), as: UTF8.self)
        let new = NewVideo(
            title: title, prompt: "prompt of \(title)", settings: settings, plan: nil, price: 0, idempotencyKey: nil,
            jobPayload: "{}", maxAttempts: 3)
        let id = try await Videos.create(in: database, owner: user, new, jobKind: .generateVideo).video.id
        try await database.read { db in
            try await db.raw(
                """
                UPDATE videos SET created_at = \(bind: created), status = \(bind: status.rawValue),
                expires_at = \(bind: expiresAt) WHERE id = \(bind: id)
                """
            ).run()
        }
        return id
    }

    func titles(
        _ database: any Database, _ user: String, _ filter: LibraryFilter, limit: Int = 50
    ) async throws -> [String] {
        try await database.read { db in
            try await Videos.list(db, owner: user, filter: filter, limit: limit, after: nil).items.map(\.title)
        }
    }

    /// Every page of the list, `limit` at a time, following the cursors (each through its token).
    func allPages(_ database: any Database, _ user: String, _ filter: LibraryFilter, limit: Int) async throws
        -> [String]
    {
        var titles: [String] = []
        var cursor: LibraryCursor?
        repeat {
            let page = try await database.read { db in
                try await Videos.list(db, owner: user, filter: filter, limit: limit, after: cursor)
            }
            #expect(page.items.count <= limit)
            titles += page.items.map(\.title)
            cursor = try page.next.map { try #require(LibraryCursor(token: $0.token, sort: filter.sort)) }
        } while cursor != nil
        return titles
    }

    @Test(
        "favorites: starring is idempotent, keeps the first time, and only works on the owner's rows",
        arguments: TestEngine.allCases)
    func favorites(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let alice = try await makeUser(database).id
            let bob = try await makeUser(database).id
            let owl = try await video(database, alice, "Owl", created: 1000)
            _ = try await video(database, alice, "Fox", created: 2000)
            let star = { (user: String, id: String, on: Bool, at: Int64) in
                try await database.transaction { db in
                    try await Videos.setFavorite(db, owner: user, id: id, on, at: at)
                }
            }
            #expect(try await star(alice, owl, true, 10))
            #expect(try await star(alice, owl, true, 20))
            let starredAt = try await database.read { db in
                try await db.raw("SELECT favorited_at FROM videos WHERE id = \(bind: owl)").first()?.decode(
                    column: "favorited_at", as: Int64.self)
            }
            #expect(starredAt == 10)
            #expect(try await titles(database, alice, LibraryFilter(favoritesOnly: true)) == ["Owl"])
            let found = try await database.read { db in try await Videos.find(db, owner: alice, id: owl) }
            #expect(found?.favorite == true)
            // Bob can neither star nor unstar Alice's video, and sees nothing of hers.
            #expect(try await !star(bob, owl, false, 30))
            #expect(try await titles(database, bob, LibraryFilter(favoritesOnly: true)).isEmpty)
            #expect(try await titles(database, alice, LibraryFilter(favoritesOnly: true)) == ["Owl"])
            #expect(try await star(alice, owl, false, 40))
            #expect(try await star(alice, owl, false, 50))
            #expect(try await titles(database, alice, LibraryFilter(favoritesOnly: true)).isEmpty)

            let project = try await StudioProjects.create(
                in: database, owner: alice, title: "Bees", topic: "bees", settings: Settings())
            #expect(
                try await database.transaction { db in
                    try await Projects.setFavorite(db, owner: alice, id: project.id, true, at: 5)
                })
            #expect(
                try await !database.transaction { db in
                    try await Projects.setFavorite(db, owner: bob, id: project.id, true, at: 5)
                })
            let projects = try await database.read { db in
                try await Projects.list(
                    db, owner: alice, filter: LibraryFilter(favoritesOnly: true), limit: 10, after: nil)
            }
            #expect(projects.items.map(\.id) == [project.id] && projects.items[0].favorite)
        }
    }

    @Test(
        "each filter alone and together; search is literal, so % and _ match only themselves",
        arguments: TestEngine.allCases)
    func filters(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let alice = try await makeUser(database).id
            let bob = try await makeUser(database).id
            let day: Int64 = 86_400_000
            let now: Int64 = 1_900_000_000_000
            _ = try await video(database, alice, "100% pure_honey", aspect: .vertical, created: now - 5 * day)
            _ = try await video(database, alice, "1000 pure honey", aspect: .vertical, created: now - 4 * day)
            _ = try await video(database, alice, "purexhoney", aspect: .square, created: now - 3 * day)
            let soon = try await video(
                database, alice, "Soon gone", created: now - 2 * day, status: .completed,
                expiresAt: now + 3_600_000)
            _ = try await video(
                database, alice, "Later gone", created: now - 2 * day + 1, status: .completed,
                expiresAt: now + 2 * day)
            _ = try await video(
                database, alice, "Already gone", created: now - day, status: .expired, expiresAt: now - 1000)
            _ = try await video(database, bob, "100% pure_honey by bob", created: now - 5 * day)

            #expect(try await titles(database, alice, LibraryFilter(search: "100%")) == ["100% pure_honey"])
            #expect(try await titles(database, alice, LibraryFilter(search: "e_h")) == ["100% pure_honey"])
            #expect(try await titles(database, alice, LibraryFilter(search: "%")) == ["100% pure_honey"])
            #expect(try await titles(database, alice, LibraryFilter(search: "PURE")).count == 3)
            // The prompt is searched too.
            #expect(try await titles(database, alice, LibraryFilter(search: "prompt of soon")) == ["Soon gone"])
            #expect(
                try await titles(database, alice, LibraryFilter(aspect: .vertical))
                    == ["1000 pure honey", "100% pure_honey"])
            #expect(try await titles(database, alice, LibraryFilter(aspect: .square)) == ["purexhoney"])
            #expect(
                try await titles(database, alice, LibraryFilter(status: VideoStatus.completed.rawValue))
                    == ["Later gone", "Soon gone"])
            #expect(
                try await titles(
                    database, alice, LibraryFilter(createdFrom: now - 4 * day, createdBefore: now - 2 * day))
                    == ["purexhoney", "1000 pure honey"])
            // Expiring soon: completed, going within 24 h, not gone yet.
            #expect(try await titles(database, alice, LibraryFilter(expiringAfter: now)) == ["Soon gone"])
            #expect(try await titles(database, alice, LibraryFilter(expiringAfter: now + 3_600_000)).isEmpty)

            let collection = try await database.transaction { db in
                try await Collections.create(db, owner: alice, name: "Honey", at: now)
            }
            for title in ["100% pure_honey", "purexhoney", "Soon gone"] {
                let id = try #require(
                    try await database.read { db in
                        try await Videos.list(
                            db, owner: alice, filter: LibraryFilter(search: title), limit: 1,
                            after: nil
                        ).items.first?.id
                    })
                #expect(
                    try await database.transaction { db in
                        try await Collections.set(
                            db, owner: alice, collection: collection.id, .videos, item: id, member: true, at: now)
                    } == .done)
            }
            try await database.transaction { db in
                _ = try await Videos.setFavorite(db, owner: alice, id: soon, true, at: now)
            }
            #expect(
                try await titles(database, alice, LibraryFilter(collection: collection.id))
                    == ["Soon gone", "purexhoney", "100% pure_honey"])
            // Everything at once: only one row passes every condition.
            let all = LibraryFilter(
                search: "gone", status: "completed", aspect: .landscape, createdFrom: now - 3 * day,
                createdBefore: now, favoritesOnly: true, collection: collection.id, expiringAfter: now)
            #expect(try await titles(database, alice, all) == ["Soon gone"])
            var noFavorite = all
            noFavorite.aspect = .square
            #expect(try await titles(database, alice, noFavorite).isEmpty)
            // Another user's collection id filters Bob's list down to nothing of Alice's.
            #expect(try await titles(database, bob, LibraryFilter(collection: collection.id)).isEmpty)
        }
    }

    @Test("every sort pages through every row once, in order, with filters", arguments: TestEngine.allCases)
    func sortsAndPages(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let alice = try await makeUser(database).id
            let now: Int64 = 1_900_000_000_000
            let names = ["delta", "Alpha", "charlie", "bravo", "echo", "alpha"]
            var ids: [String: String] = [:]
            for (index, name) in names.enumerated() {
                // Two share a creation time, so the id breaks the tie.
                let created = now + Int64(index == 5 ? 4 : index) * 1000
                let completed = index % 2 == 0
                ids[name] = try await video(
                    database, alice, name, aspect: index == 3 ? .square : .landscape, created: created,
                    status: completed ? .completed : .queued,
                    expiresAt: completed ? now + Int64(10 - index) * 3_600_000 : nil)
            }
            let newest = try await titles(database, alice, LibraryFilter())
            #expect(
                Set(newest.prefix(2)) == ["alpha", "echo"]
                    && Array(newest.suffix(4)) == ["bravo", "charlie", "Alpha", "delta"])
            for sort in LibrarySort.allCases {
                let whole = try await titles(database, alice, LibraryFilter(sort: sort))
                for limit in [1, 2, 4] {
                    #expect(try await allPages(database, alice, LibraryFilter(sort: sort), limit: limit) == whole)
                }
            }
            #expect(try await titles(database, alice, LibraryFilter(sort: .oldest)) == Array(newest.reversed()))
            let byTitle = try await titles(database, alice, LibraryFilter(sort: .title))
            #expect(byTitle.map { $0.lowercased() } == ["alpha", "alpha", "bravo", "charlie", "delta", "echo"])
            // Completed first, soonest expiry first; then the rest newest first.
            #expect(
                try await titles(database, alice, LibraryFilter(sort: .expiring))
                    == ["echo", "charlie", "delta", "alpha", "bravo", "Alpha"])
            let filtered = LibraryFilter(aspect: .landscape, sort: .title)
            #expect(
                try await allPages(database, alice, filtered, limit: 2).map { $0.lowercased() }
                    == ["alpha", "alpha", "charlie", "delta", "echo"])
            // A cursor made for one sort is not read for another.
            let token = try #require(
                try await database.read { db in
                    try await Videos.list(db, owner: alice, filter: LibraryFilter(sort: .title), limit: 1, after: nil)
                }.next?.token)
            #expect(LibraryCursor(token: token, sort: .newest) == nil)
            #expect(LibraryCursor(token: token, sort: .expiring) == nil)
            #expect(LibraryCursor(token: token, sort: .title) != nil)
        }
    }

    @Test(
        "collections: names unique per user in any case, items only the owner's, deleting keeps the items",
        arguments: TestEngine.allCases)
    func collections(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { database, _ in
            let alice = try await makeUser(database).id
            let bob = try await makeUser(database).id
            let owl = try await video(database, alice, "Owl", created: 1000)
            let bobs = try await video(database, bob, "Bob's", created: 1000)
            let trips = try await database.transaction { db in
                try await Collections.create(db, owner: alice, name: "Trips", at: 1)
            }
            await #expect(throws: StoreError.conflict("you already have a collection named 'TRIPS'")) {
                try await database.transaction { db in
                    try await Collections.create(db, owner: alice, name: "TRIPS", at: 2)
                }
            }
            // Bob may use the same name.
            let bobTrips = try await database.transaction { db in
                try await Collections.create(db, owner: bob, name: "trips", at: 3)
            }
            let work = try await database.transaction { db in
                try await Collections.create(db, owner: alice, name: "work", at: 4)
            }
            await #expect(throws: StoreError.self) {
                try await database.transaction { db in
                    try await Collections.rename(db, owner: alice, id: work.id, name: "trips", at: 5)
                }
            }
            let renamed = try await database.transaction { db in
                try await Collections.rename(db, owner: alice, id: trips.id, name: "TRIPS", at: 6)
            }
            #expect(renamed?.name == "TRIPS")
            #expect(
                try await database.transaction { db in
                    try await Collections.rename(db, owner: bob, id: trips.id, name: "mine", at: 7)
                } == nil)

            let change = { (user: String, collection: String, item: String, add: Bool) in
                try await database.transaction { db in
                    try await Collections.set(
                        db, owner: user, collection: collection, .videos, item: item, member: add, at: 8)
                }
            }
            #expect(try await change(alice, trips.id, owl, true) == .done)
            #expect(try await change(alice, trips.id, owl, true) == .done)
            #expect(try await change(alice, work.id, owl, true) == .done)
            #expect(try await change(alice, trips.id, bobs, true) == .noItem)
            #expect(try await change(alice, bobTrips.id, owl, true) == .noCollection)
            #expect(try await change(bob, trips.id, bobs, true) == .noCollection)
            #expect(try await count(database, "collection_videos") == 2)
            let listed = try await database.read { db in
                try await Videos.list(db, owner: alice, filter: LibraryFilter(), limit: 5, after: nil).items
            }
            #expect(listed.first?.collectionIds == [trips.id, work.id])
            let all = try await database.read { db in try await Collections.all(db, owner: alice) }
            #expect(all.map(\.name) == ["TRIPS", "work"] && all.map(\.videoCount) == [1, 1])
            #expect(
                try await database.read { db in try await Collections.all(db, owner: bob) }.map(\.name) == ["trips"])

            #expect(try await change(alice, work.id, owl, false) == .done)
            #expect(try await change(alice, work.id, owl, false) == .done)
            #expect(
                try await !database.transaction { db in try await Collections.delete(db, owner: bob, id: trips.id) })
            #expect(
                try await database.transaction { db in try await Collections.delete(db, owner: alice, id: trips.id) })
            #expect(try await count(database, "collection_videos") == 0)
            #expect(try await database.read { db in try await Videos.find(db, owner: alice, id: owl) } != nil)
            // A deleted video leaves its collections.
            #expect(try await change(alice, work.id, owl, true) == .done)
            _ = try await database.transaction { db in try await Videos.delete(db, owner: alice, id: owl) }
            #expect(try await count(database, "collection_videos") == 0)
        }
    }

    @Test("SQLite: a favorite and a collection change move the owner's list stamp")
    func stamps() async throws {
        try await withTestDatabase(.sqlite) { database, _ in
            let alice = try await makeUser(database).id
            let owl = try await video(database, alice, "Owl", created: 1000)
            func stamp() async throws -> Int64 {
                try await database.read { db in
                    try #require(
                        try await db.raw("SELECT videos_version FROM users WHERE id = \(bind: alice)").first()?.decode(
                            column: "videos_version", as: Int64.self))
                }
            }
            var last = try await stamp()
            func moved() async throws -> Bool {
                let now = try await stamp()
                defer { last = now }
                return now != last
            }
            _ = try await database.transaction { db in
                try await Videos.setFavorite(db, owner: alice, id: owl, true, at: 1)
            }
            #expect(try await moved())
            let trips = try await database.transaction { db in
                try await Collections.create(db, owner: alice, name: "Trips", at: 1)
            }
            _ = try await database.transaction { db in
                try await Collections.set(
                    db, owner: alice, collection: trips.id, .videos, item: owl, member: true, at: 2)
            }
            #expect(try await moved())
            _ = try await database.transaction { db in
                try await Collections.set(
                    db, owner: alice, collection: trips.id, .videos, item: owl, member: false, at: 3)
            }
            #expect(try await moved())
            _ = try await database.transaction { db in
                try await Collections.set(
                    db, owner: alice, collection: trips.id, .videos, item: owl, member: true, at: 4)
            }
            #expect(try await moved())
            _ = try await database.transaction { db in try await Collections.delete(db, owner: alice, id: trips.id) }
            #expect(try await moved())
        }
    }
}
