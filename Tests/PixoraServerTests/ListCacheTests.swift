import Foundation
import Hummingbird
import HummingbirdTesting
import PixoraAPI
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@testable import PixoraServer

/// The video list is answered from memory only while the owner's videos are unchanged, whoever changes them.
@Suite("Video list cache")
struct ListCacheTests {
    /// `pixora_video_list_cache_lookups_total{result=…}` from /metrics.
    static func lookups(_ api: API, _ result: String) async throws -> Int {
        let text = try await api.call(.get, "/metrics").text
        let line = text.split(separator: "\n").first {
            $0.hasPrefix("pixora_video_list_cache_lookups_total{result=\"\(result)\"}")
        }
        return line.flatMap { $0.split(separator: " ").last }.flatMap { Int(Double($0) ?? -1) } ?? 0
    }

    /// Waits, when the ten-minute window of signed links (part of every cache key) ends within `seconds`, until
    /// the next one starts: a test counting hits across a window's end would see its second read miss.
    static func awayFromWindowEnd(seconds: Int64 = 120) async throws {
        let window = VideoRoutes.linkWindow
        let into = Int64(Date().timeIntervalSince1970) % window
        if window - into < seconds { try await Task.sleep(for: .seconds(window - into + 1)) }
    }

    static func titles(_ reply: Reply) throws -> [String] {
        try reply.decode(Schemas.VideoPage.self).items.map(\.title)
    }

    static func ids(_ reply: Reply) throws -> [String] {
        try reply.decode(Schemas.VideoPage.self).items.map(\.id)
    }

    @Test(
        "SQLite: an unchanged list is answered from the cache; a change through the API or by another process is seen at once"
    )
    func sqliteCache() async throws {
        try await Self.awayFromWindowEnd()
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                let owner = try await api.register()
                let other = try await api.register()
                let first = try await api.createVideo(owner, prompt: "a video about owls at night").decode(
                    Schemas.Video.self
                ).id
                let second = try await api.createVideo(owner, prompt: "a video about foxes in snow").decode(
                    Schemas.Video.self
                ).id

                // A loaded machine may take minutes to get here: the two reads must fall in one link window.
                try await Self.awayFromWindowEnd(seconds: 60)
                let read = try await api.call(.get, "/api/v1/videos", session: owner)
                #expect(read.status == .ok && read.headers[.contentType] == "application/json; charset=utf-8")
                #expect(try Self.ids(read) == [second, first])
                let misses = try await Self.lookups(api, "miss")
                let again = try await api.call(.get, "/api/v1/videos", session: owner)
                #expect(again.text == read.text)
                #expect(try await Self.lookups(api, "hit") == 1)
                #expect(try await Self.lookups(api, "miss") == misses)

                // Other parameters and other users are other entries.
                let one = try await api.call(.get, "/api/v1/videos?limit=1", session: owner)
                let page = try one.decode(Schemas.VideoPage.self)
                #expect(page.items.count == 1 && page.nextCursor != nil)
                let strangers = try await api.call(.get, "/api/v1/videos", session: other)
                #expect(try Self.ids(strangers).isEmpty)

                // A rename through the API.
                let renamed = try await api.call(
                    .patch, "/api/v1/videos/\(first)", session: owner, json: ["title": "Owls, renamed"])
                #expect(renamed.status == .ok)
                #expect(
                    try Self.titles(try await api.call(.get, "/api/v1/videos", session: owner)).contains(
                        "Owls, renamed"))

                // A change made by another process: a second connection to the same file, as `pixora worker` has.
                guard case .sqlite(let path) = app.location else {
                    Issue.record("not SQLite")
                    return
                }
                let elsewhere = try await SQLiteDatabaseEngine.open(path: path, logger: testLogger)
                try await elsewhere.transaction { db in
                    try await db.raw(
                        "UPDATE videos SET title = 'Foxes, from a worker', status = 'failed' WHERE id = \(bind: second)"
                    ).run()
                }
                await elsewhere.shutdown()
                // This process did not see that write: it shows once the stamp is read again, within
                // `stampTrust` (100 ms); poll for up to ten seconds so a loaded machine cannot fail it.
                let written = ContinuousClock.now
                var seen = try await api.call(.get, "/api/v1/videos", session: owner)
                while try !Self.titles(seen).contains("Foxes, from a worker"),
                    ContinuousClock.now - written < .seconds(10)
                {
                    try await Task.sleep(for: .milliseconds(20))
                    seen = try await api.call(.get, "/api/v1/videos", session: owner)
                }
                #expect(try Self.titles(seen).contains("Foxes, from a worker"))
                let failed = try await api.call(.get, "/api/v1/videos?status=failed", session: owner)
                #expect(try Self.ids(failed) == [second])

                // A delete, and a new video.
                #expect(try await api.call(.delete, "/api/v1/videos/\(second)", session: owner).status == .noContent)
                let third = try await api.createVideo(owner, prompt: "a video about whales singing").decode(
                    Schemas.Video.self
                ).id
                let now = try await api.call(.get, "/api/v1/videos", session: owner)
                #expect(try Self.ids(now) == [third, first])
                #expect(try Self.titles(try await api.call(.get, "/api/v1/videos", session: other)).isEmpty)
            }
        }
    }

    @Test("PostgreSQL keeps no list stamps, so every list is read")
    func postgresReadsEveryTime() async throws {
        try await TestApp.with(.postgres) { app in
            try await app.test { api in
                let owner = try await api.register()
                let id = try await api.createVideo(owner).decode(Schemas.Video.self).id
                for _ in 0..<2 { #expect(try await api.call(.get, "/api/v1/videos", session: owner).status == .ok) }
                #expect(try await Self.lookups(api, "hit") == 0)
                _ = try await api.call(.patch, "/api/v1/videos/\(id)", session: owner, json: ["title": "Renamed"])
                #expect(try Self.titles(try await api.call(.get, "/api/v1/videos", session: owner)) == ["Renamed"])
                #expect(try await app.services.database.videoListStamp(owner: owner.userId) == nil)
            }
        }
    }
}
