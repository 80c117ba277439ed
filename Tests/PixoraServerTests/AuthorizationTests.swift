import Foundation
import HummingbirdTesting
import PixoraAPI
import PixoraServer
import PixoraStore
import PixoraTestSupport
import Testing

@Suite("Every resource belongs to its owner")
struct AuthorizationTests {
    @Test(
        "user B gets 404 on every route with user A's ids, and A's video is untouched", arguments: TestEngine.allCases)
    func matrix(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let alice = try await api.register("alice@example.com")
                let bob = try await api.register("bob@example.com")
                let video = try await api.createVideo(alice).decode(Schemas.Video.self).id
                let done = try await app.withWorker { try await api.waitForVideo(alice, video) }.decode(
                    Schemas.Video.self)
                #expect(done.status == .completed)
                let scenes = try await api.call(.get, "/api/v1/videos/\(video)/scenes", session: alice).decode(
                    Schemas.SceneList.self)
                let scene = try #require(scenes.scenes.first)
                let asset = try #require(scene.assets.first?.key.description)
                let versions = try await api.call(.get, "/api/v1/videos/\(video)/versions", session: alice).decode(
                    Schemas.VersionList.self)
                let version = try #require(versions.versions.first?.id)
                let values = ["{id}": video, "{sid}": scene.id, "{vid}": version, "{key}": asset]
                // Alice's analyzed remix project with a plan, for the project routes.
                let created = try await api.createProject(alice)
                let project = try await app.withWorker { try await api.waitForAnalysis(alice, created.id) }
                #expect(project.status == .analyzed)
                let planned = try await api.call(.post, "/api/v1/projects/\(project.id)/plans", session: alice)
                #expect(planned.status == .created)
                let projectValues = ["{id}": project.id, "{number}": "1", "{shot}": "1", "{role}": "sample"]

                var checked: [String] = []
                // Share links (`/s/{token}`) are public by design: a token, not an id; ShareLinkAPITests owns them.
                let owned = app.routes.routes.filter {
                    $0.path.hasPrefix("/api/v1/") && $0.path.contains("{") && !$0.path.hasPrefix("/api/v1/admin")
                }
                for route in owned {
                    var path = route.path
                    let names = route.path.hasPrefix("/api/v1/projects") ? projectValues : values
                    for (name, value) in names { path = path.replacingOccurrences(of: name, with: value) }
                    // Raw JSON: one request body for every route, so it cannot be any one route's type.
                    let body: [String: Any]? =
                        route.method == "get" || route.method == "delete"
                        ? nil
                        : ["title": "mine now", "regenerate": "visual", "editorState": [:]]
                    let reply = try await api.call(
                        .init(rawValue: route.method.uppercased())!, path, session: bob, json: body)
                    #expect(reply.status == .notFound, "\(route) answered \(reply.status) to another user")
                    #expect(reply.errorCode != nil)
                    checked.append(route.description)
                }
                #expect(checked.count >= 15)
                // Not an admin: the admin route is forbidden, whoever's id it names.
                let admin = try await api.call(
                    .post, "/api/v1/admin/users/\(alice.userId)/credits", session: bob, json: ["delta": 1000])
                #expect(admin.status == .forbidden)

                let after = try await api.call(.get, "/api/v1/videos/\(video)", session: alice)
                #expect(after.status == .ok)
                let untouched = try after.decode(Schemas.Video.self)
                #expect(untouched.status == .completed && untouched.title == done.title)
                #expect(try await ledger(app, alice.userId) == (95, 95))
                #expect(try await ledger(app, bob.userId) == (100, 100))
                let list = try await api.call(.get, "/api/v1/videos", session: bob)
                #expect(try list.decode(Schemas.VideoPage.self).items.isEmpty)
            }
        }
    }
}
