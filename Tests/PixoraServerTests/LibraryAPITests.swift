import Foundation
import Hummingbird
import HummingbirdTesting
import PixoraAPI
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

/// Favorites, collections and the library filters through the API, on both engines.
@Suite("Library through the API")
struct LibraryAPITests {
    static func titles(_ reply: Reply) throws -> [String] {
        try reply.decode(Schemas.VideoPage.self).items.map(\.title)
    }

    /// A video of `session`'s titled `title`, made directly (no job runs in these tests).
    static func video(_ api: API, _ session: Session, _ title: String, aspect: String = "16:9") async throws -> String {
        let reply = try await api.call(
            .post, "/api/v1/videos", session: session,
            json: ["prompt": "a video about \(title)", "settings": ["durationSeconds": 5, "aspectRatio": aspect]])
        let id = try reply.decode(Schemas.Video.self).id
        #expect(
            try await api.call(.patch, "/api/v1/videos/\(id)", session: session, json: ["title": title]).status == .ok)
        return id
    }

    static func collection(_ api: API, _ session: Session, _ name: String) async throws -> Schemas.Collection {
        let reply = try await api.call(.post, "/api/v1/collections", session: session, json: ["name": name])
        #expect(reply.status == .created, "\(reply.text)")
        return try reply.decode(Schemas.Collection.self)
    }

    @Test(
        "favorites: PUT and DELETE are idempotent, show in rows and filter the lists; another user's id is 404",
        arguments: TestEngine.allCases)
    func favorites(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let alice = try await api.register()
                let bob = try await api.register()
                let owl = try await Self.video(api, alice, "Owl")
                _ = try await Self.video(api, alice, "Fox")
                for _ in 0..<2 {
                    #expect(
                        try await api.call(.put, "/api/v1/videos/\(owl)/favorite", session: alice).status == .noContent)
                }
                let starred = try await api.call(.get, "/api/v1/videos?favorite=true", session: alice)
                #expect(try Self.titles(starred) == ["Owl"])
                #expect(try starred.decode(Schemas.VideoPage.self).items.allSatisfy { $0.favorite })
                let all = try await api.call(.get, "/api/v1/videos", session: alice).decode(Schemas.VideoPage.self)
                #expect(all.items.map(\.favorite) == [false, true])
                #expect(
                    try await api.call(.get, "/api/v1/videos?favorite=false", session: alice).decode(
                        Schemas.VideoPage.self
                    ).items.count == 2)
                let one = try await api.call(.get, "/api/v1/videos/\(owl)", session: alice).decode(Schemas.Video.self)
                #expect(one.favorite && one.collectionIds == [])

                for method in [HTTPRequest.Method.put, .delete] {
                    let reply = try await api.call(method, "/api/v1/videos/\(owl)/favorite", session: bob)
                    #expect(reply.status == .notFound && reply.errorCode == .notFound)
                    #expect(
                        try await api.call(method, "/api/v1/videos/nope/favorite", session: alice).status == .notFound)
                }
                #expect(
                    try Self.titles(try await api.call(.get, "/api/v1/videos?favorite=true", session: alice)) == ["Owl"]
                )
                for _ in 0..<2 {
                    #expect(
                        try await api.call(.delete, "/api/v1/videos/\(owl)/favorite", session: alice).status
                            == .noContent)
                }
                #expect(
                    try Self.titles(try await api.call(.get, "/api/v1/videos?favorite=true", session: alice)).isEmpty)

                let project = try await api.call(
                    .post, "/api/v1/projects", session: alice, json: ["kind": "studio", "topic": "how bees make honey"])
                #expect(project.status == .created, "\(project.text)")
                let projectID = try project.decode(Schemas.Project.self).id
                #expect(
                    try await api.call(.put, "/api/v1/projects/\(projectID)/favorite", session: bob).status == .notFound
                )
                #expect(
                    try await api.call(.put, "/api/v1/projects/\(projectID)/favorite", session: alice).status
                        == .noContent)
                let projects = try await api.call(.get, "/api/v1/projects?favorite=true", session: alice)
                #expect(try projects.decode(Schemas.ProjectPage.self).items.map(\.id) == [projectID])
                let detail = try await api.call(.get, "/api/v1/projects/\(projectID)", session: alice)
                #expect(try detail.decode(Schemas.Project.self).favorite)
                #expect(
                    try await api.call(.get, "/api/v1/projects?favorite=true", session: bob).decode(
                        Schemas.ProjectPage.self
                    ).items.isEmpty)
            }
        }
    }

    @Test(
        "collections: create, rename, list, delete; names checked; items only the owner's; 404 for another user's",
        arguments: TestEngine.allCases)
    func collections(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let alice = try await api.register()
                let bob = try await api.register()
                let owl = try await Self.video(api, alice, "Owl")
                let fox = try await Self.video(api, alice, "Fox")
                let bobs = try await Self.video(api, bob, "Bob's")
                let trips = try await Self.collection(api, alice, "  Trips <b>&</b>  ")
                #expect(trips.name == "Trips <b>&</b>" && trips.videoCount == 0)
                let taken = try await api.call(
                    .post, "/api/v1/collections", session: alice, json: ["name": "TRIPS <B>&</B>"])
                #expect(taken.status == .conflict && taken.errorCode == .conflict)
                #expect(taken.errorMessage == "you already have a collection named 'TRIPS <B>&</B>'")
                for bad in ["", "   ", String(repeating: "x", count: 61), "a\u{7}b", "line\nbreak"] {
                    let reply = try await api.call(.post, "/api/v1/collections", session: alice, json: ["name": bad])
                    #expect(reply.status == .unprocessableContent, "\(bad.debugDescription)")
                }
                #expect(
                    try await api.call(.post, "/api/v1/collections", session: alice, json: ["title": "x"]).status
                        == .unprocessableContent)
                let work = try await Self.collection(api, alice, "work")
                _ = try await Self.collection(api, bob, "trips <b>&</b>")

                let items = "/api/v1/collections/\(trips.id)/items"
                for _ in 0..<2 {
                    #expect(try await api.call(.put, "\(items)/videos/\(owl)", session: alice).status == .noContent)
                }
                #expect(try await api.call(.put, "\(items)/videos/\(fox)", session: alice).status == .noContent)
                #expect(
                    try await api.call(.put, "/api/v1/collections/\(work.id)/items/videos/\(owl)", session: alice)
                        .status == .noContent)
                let foreignItem = try await api.call(.put, "\(items)/videos/\(bobs)", session: alice)
                #expect(foreignItem.status == .notFound && foreignItem.errorMessage == "video not found")
                let foreignCollection = try await api.call(.put, "\(items)/videos/\(bobs)", session: bob)
                #expect(
                    foreignCollection.status == .notFound && foreignCollection.errorMessage == "collection not found")
                for kind in ["songs", "{kind}"] {
                    let reply = try await api.call(.put, "\(items)/\(kind)/\(owl)", session: alice)
                    #expect(reply.status == .notFound && reply.errorCode == .notFound, "\(kind)")
                }
                #expect(try await api.call(.put, "\(items)/projects/\(owl)", session: alice).status == .notFound)
                for path in ["/api/v1/collections/\(trips.id)"] {
                    for (method, body) in [(HTTPRequest.Method.get, nil), (.patch, ["name": "x"]), (.delete, nil)] {
                        let reply = try await api.call(method, path, session: bob, json: body)
                        #expect(reply.status == .notFound && reply.errorCode == .notFound, "\(method)")
                    }
                }

                let read = try await api.call(.get, "/api/v1/collections/\(trips.id)", session: alice)
                #expect(try read.decode(Schemas.Collection.self).videoCount == 2)
                let listed = try await api.call(.get, "/api/v1/collections", session: alice)
                #expect(try listed.decode(Schemas.CollectionList.self).items.map(\.name) == ["Trips <b>&</b>", "work"])
                let inTrips = try await api.call(.get, "/api/v1/videos?collection=\(trips.id)", session: alice)
                #expect(try Self.titles(inTrips) == ["Fox", "Owl"])
                let owlRow = try inTrips.decode(Schemas.VideoPage.self).items.first { $0.id == owl }
                #expect(owlRow?.collectionIds.map(Set.init) == [trips.id, work.id])
                // Another user's collection (or none at all) is not a filter the caller may use.
                let foreign = try await api.call(.get, "/api/v1/videos?collection=\(trips.id)", session: bob)
                #expect(
                    foreign.status == .unprocessableContent && foreign.errorMessage?.hasPrefix("collection:") == true)

                let renamed = try await api.call(
                    .patch, "/api/v1/collections/\(work.id)", session: alice, json: ["name": "Work"])
                #expect(try renamed.decode(Schemas.Collection.self).name == "Work")
                let clash = try await api.call(
                    .patch, "/api/v1/collections/\(work.id)", session: alice, json: ["name": "trips <b>&</b>"])
                #expect(clash.status == .conflict)

                #expect(try await api.call(.delete, "\(items)/videos/\(fox)", session: alice).status == .noContent)
                #expect(try await api.call(.delete, "\(items)/videos/\(fox)", session: alice).status == .noContent)
                #expect(
                    try Self.titles(try await api.call(.get, "/api/v1/videos?collection=\(trips.id)", session: alice))
                        == ["Owl"])
                #expect(
                    try await api.call(.delete, "/api/v1/collections/\(trips.id)", session: alice).status == .noContent)
                #expect(try await api.call(.get, "/api/v1/collections/\(trips.id)", session: alice).status == .notFound)
                let after = try await api.call(.get, "/api/v1/videos/\(owl)", session: alice).decode(Schemas.Video.self)
                #expect(after.collectionIds == [work.id])
                let rows = try await app.services.database.read { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM collection_videos").first()?.decode(
                        column: "n", as: Int.self)
                }
                #expect(rows == 1)
            }
        }
    }

    @Test(
        "filters, sort and pages through the API; every bad value is a 422 naming its parameter",
        arguments: TestEngine.allCases)
    func filters(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            let now: Int64 = 1_900_000_000_000
            var services = app.services
            services.now = { now }
            let router = buildRouter(services).0
            try await Application(router: router, logger: testLogger).test(.router) { client in
                let api = API(client: client)
                let alice = try await api.register()
                let names = ["delta", "100% pure_honey", "charlie", "1000 pure honey", "echo"]
                var ids: [String] = []
                for (index, name) in names.enumerated() {
                    ids.append(try await Self.video(api, alice, name, aspect: index % 2 == 0 ? "16:9" : "9:16"))
                }
                // Completed, with expiries: charlie in 2 h, echo in 2 days; delta expired an hour ago.
                try await app.services.database.read { db in
                    for (index, status, expires) in [
                        (2, "completed", now + 7_200_000), (4, "completed", now + 172_800_000),
                        (0, "expired", now - 3_600_000),
                    ] {
                        try await db.raw(
                            """
                            UPDATE videos SET status = \(bind: status), expires_at = \(bind: expires),
                            created_at = created_at + \(bind: index) WHERE id = \(bind: ids[index])
                            """
                        ).run()
                    }
                }
                let get = { (query: String) in try await api.call(.get, "/api/v1/videos?\(query)", session: alice) }
                #expect(try Self.titles(try await get("q=100%25")) == ["100% pure_honey"])
                #expect(try Self.titles(try await get("q=e_h")) == ["100% pure_honey"])
                #expect(
                    try Self.titles(try await get("aspect=9:16&sort=title"))
                        == ["1000 pure honey", "100% pure_honey"]
                        .sorted())
                #expect(try Self.titles(try await get("expiring=true")) == ["charlie"])
                #expect(try Self.titles(try await get("status=completed&sort=expiring")) == ["charlie", "echo"])
                // Then the rest, newest first: the expired video's files are gone already.
                #expect(
                    try Self.titles(try await get("sort=expiring"))
                        == ["charlie", "echo", "1000 pure honey", "100% pure_honey", "delta"])
                // 1_900_000_000_000 ms is 2030-03-17T17:46:40Z.
                try await app.services.database.read { db in
                    try await db.raw("UPDATE videos SET created_at = \(bind: now) WHERE id = \(bind: ids[1])").run()
                }
                for (query, found) in [
                    ("from=2030-03-17T19:46:40.000000001%2B02:00&to=2030-03-17t17:46:40z", true),
                    ("from=2030-03-17T17:46:40.001Z", false), ("to=2030-03-17T17:46:39.999Z", false),
                    ("from=2030-03-17&to=2030-03-17", true), ("from=2030-03-18", false),
                ] {
                    let listed = try Self.titles(try await get(query))
                    #expect(listed.contains("100% pure_honey") == found, "\(query)")
                    #expect(listed.count == (query.hasPrefix("to=") ? 4 : found ? 1 : 0), "\(query)")
                }
                #expect(try Self.titles(try await get("to=2000-01-01")).isEmpty)
                #expect(try Self.titles(try await get("from=2000-01-01&to=2999-12-31T00:00:00Z")).count == 5)

                var seen: [String] = []
                var cursor: String?
                repeat {
                    let page = try await get("sort=title&limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                        .decode(Schemas.VideoPage.self)
                    seen += page.items.map(\.title)
                    cursor = page.nextCursor
                } while cursor != nil
                #expect(seen == names.sorted())

                let titleCursor = try #require(
                    try await get("sort=title&limit=1").decode(Schemas.VideoPage.self).nextCursor)
                for (query, field) in [
                    ("aspect=4:3", "aspect"), ("status=done", "status"), ("sort=popular", "sort"),
                    ("favorite=yes", "favorite"), ("expiring=1", "expiring"), ("from=yesterday", "from"),
                    ("to=2026-13-01", "to"), ("to=2026-02-29", "to"), ("from=2026-12-03T24:00:00Z", "from"),
                    ("from=2026-12-03&to=2026-12-01", "to"), ("collection=none", "collection"), ("to=", "to"),
                    ("favorite=", "favorite"), ("sort=", "sort"),
                    ("cursor=\(titleCursor)", "cursor"), ("sort=expiring&cursor=\(titleCursor)", "cursor"),
                ] {
                    let reply = try await get(query)
                    #expect(reply.status == .unprocessableContent, "\(query)")
                    #expect(reply.errorCode == .validationFailed, "\(query)")
                    #expect(
                        reply.errorMessage?.hasPrefix("\(field): ") == true, "\(query): \(reply.errorMessage ?? "")")
                }
                let projects = try await api.call(.get, "/api/v1/projects?sort=expiring", session: alice)
                #expect(projects.status == .unprocessableContent && projects.errorMessage?.hasPrefix("sort: ") == true)
            }
        }
    }

    @Test("SQLite: cached lists follow favorites and collection changes at once")
    func cache() async throws {
        try await ListCacheTests.awayFromWindowEnd()
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                let alice = try await api.register()
                let owl = try await Self.video(api, alice, "Owl")
                let trips = try await Self.collection(api, alice, "Trips")
                let favorites = "/api/v1/videos?favorite=true"
                let inTrips = "/api/v1/videos?collection=\(trips.id)"
                // Each read twice, so the second comes from the cache when nothing changed.
                func titles(_ path: String) async throws -> [String] {
                    let first = try Self.titles(try await api.call(.get, path, session: alice))
                    #expect(try Self.titles(try await api.call(.get, path, session: alice)) == first)
                    return first
                }
                #expect(try await titles(favorites).isEmpty)
                #expect(try await titles(inTrips).isEmpty)
                let hits = try await ListCacheTests.lookups(api, "hit")
                #expect(hits >= 2)
                _ = try await api.call(.put, "/api/v1/videos/\(owl)/favorite", session: alice)
                #expect(try await titles(favorites) == ["Owl"])
                _ = try await api.call(.put, "/api/v1/collections/\(trips.id)/items/videos/\(owl)", session: alice)
                #expect(try await titles(inTrips) == ["Owl"])
                let listed = try await api.call(.get, "/api/v1/videos", session: alice).decode(Schemas.VideoPage.self)
                #expect(listed.items.first?.collectionIds == [trips.id])
                _ = try await api.call(.delete, "/api/v1/collections/\(trips.id)/items/videos/\(owl)", session: alice)
                #expect(try await titles(inTrips).isEmpty)
                _ = try await api.call(.put, "/api/v1/collections/\(trips.id)/items/videos/\(owl)", session: alice)
                #expect(try await titles(inTrips) == ["Owl"])
                _ = try await api.call(.delete, "/api/v1/collections/\(trips.id)", session: alice)
                let after = try await api.call(.get, "/api/v1/videos", session: alice).decode(Schemas.VideoPage.self)
                #expect(after.items.first?.collectionIds == [])
                _ = try await api.call(.delete, "/api/v1/videos/\(owl)/favorite", session: alice)
                #expect(try await titles(favorites).isEmpty)
                #expect(try await ListCacheTests.lookups(api, "hit") > hits)
            }
        }
    }
}
