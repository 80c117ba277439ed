import Foundation
import HummingbirdTesting
import PixoraAPI
import PixoraCore
import PixoraPipeline
import PixoraTestSupport
import Testing

@testable import PixoraServer

/// What the contract run (scripts/contract-test.sh) found the server doing differently from the document.
@Suite("The API contract at its edges")
struct ContractEdgeTests {
    @Test("a malformed X-Request-Id is refused with 400, a good one is echoed")
    func requestIds() async throws {
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                for bad in ["{}", "M+t", String(repeating: "a", count: 65), "é"] {
                    let reply = try await api.call(.get, "/healthz", headers: [.init("X-Request-Id")!: bad])
                    #expect(reply.status == .badRequest && reply.errorCode == .invalidRequestId, "\(bad)")
                    #expect(reply.headers[.init("X-Request-Id")!] != bad)
                }
                let good = try await api.call(.get, "/healthz", headers: [.init("X-Request-Id")!: "A-z_0"])
                #expect(good.status == .ok && good.headers[.init("X-Request-Id")!] == "A-z_0")
            }
        }
    }

    @Test("a method a path does not have is 405 with Allow; an unknown path stays 404")
    func methodNotAllowed() async throws {
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                let session = try await api.register()
                let put = try await api.call(.put, "/api/v1/videos", session: session)
                #expect(put.status == .methodNotAllowed && put.errorCode == .methodNotAllowed)
                #expect(put.headers[.allow] == "GET, HEAD, POST")
                let patch = try await api.call(.patch, "/api/v1/videos/\(UUID().uuidString)/cancel", session: session)
                #expect(patch.status == .methodNotAllowed && patch.headers[.allow] == "POST")
                #expect(try await api.call(.put, "/api/v1/nowhere", session: session).status == .notFound)
                // A handler's own 404 (a video that is not there) is not turned into 405.
                #expect(
                    try await api.call(.get, "/api/v1/videos/\(UUID().uuidString)", session: session).status
                        == .notFound)
            }
        }
    }

    @Test("an empty Idempotency-Key is refused before anything is charged")
    func emptyIdempotencyKey() async throws {
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                let session = try await api.register()
                let reply = try await api.call(
                    .post, "/api/v1/videos", session: session, headers: [.init("Idempotency-Key")!: ""],
                    json: ["prompt": "bees"])
                #expect(reply.status == .badRequest && reply.errorCode == .invalidIdempotencyKey)
                #expect(try await api.balance(session) == 100)
            }
        }
    }

    @Test("cursors are positions: any well-formed one pages, a malformed one is 422, an empty one is the start")
    func cursors() async throws {
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                let session = try await api.register()
                for _ in 0..<3 { _ = try await api.createVideo(session) }
                let first = try await api.call(.get, "/api/v1/videos?limit=2", session: session)
                let next = try #require(try first.decode(Schemas.VideoPage.self).nextCursor)
                #expect(next.range(of: #"^[0-9]{1,18}_[A-Za-z0-9-]{1,64}$"#, options: .regularExpression) != nil)
                let second = try await api.call(.get, "/api/v1/videos?limit=2&cursor=\(next)", session: session)
                #expect(try second.decode(Schemas.VideoPage.self).items.count == 1)
                let made = try await api.call(.get, "/api/v1/videos?cursor=99_zz", session: session)
                #expect(made.status == .ok)
                #expect(try made.decode(Schemas.VideoPage.self).items.isEmpty)
                let empty = try await api.call(.get, "/api/v1/videos?cursor=", session: session)
                #expect(try empty.decode(Schemas.VideoPage.self).items.count == 3)
                #expect(
                    try await api.call(.get, "/api/v1/videos?cursor=a_b_", session: session).status
                        == .unprocessableContent)
            }
        }
    }

    @Test("the document is served as YAML and as the same JSON, big integers intact")
    func documentForms() async throws {
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                let yaml = try await api.call(.get, "/openapi.yaml")
                #expect(yaml.status == .ok && yaml.headers[.contentType]?.hasPrefix("application/yaml") == true)
                #expect(yaml.text.hasPrefix("openapi: 3.1.0"))
                // Raw JSON: the check is of the served document's own text (a number beyond Int64), not a body type.
                let json = try await api.call(.get, "/openapi.json").rawJSON()
                let schemas = try #require((json["components"] as? [String: Any])?["schemas"] as? [String: Any])
                let settings = try #require(schemas["Settings"] as? [String: Any])
                let seed = try #require((settings["properties"] as? [String: Any])?["seed"] as? [String: Any])
                #expect((seed["maximum"] as? NSNumber)?.uint64Value == UInt64.max)
            }
        }
    }

    @Test("the setting choices come from the server's own types")
    func settingsOptions() async throws {
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                let reply = try await api.call(.get, "/api/v1/settings/options")
                #expect(reply.status == .ok)
                let options = try JSONDecoder().decode(SettingsOptions.self, from: Data(buffer: reply.body))
                var expected = SettingsOptions.current
                expected.defaults.voice = GeneratorSet.defaultVoice
                // No language model here, so no director agent.
                expected.agent = SettingsOptions.Agent(available: false)
                #expect(options == expected)
                #expect(options.voice.map(\.value) == Voice.allCases.map(\.rawValue))
                #expect(options.voice.first?.label == "Female · US English")
                #expect(options.captionMode.map(\.value) == ["phrase", "words"])
                #expect(options.transition.first { $0.value == "fadeblack" }?.label == "Fade to black")
                #expect(options.defaults == Settings(voice: GeneratorSet.defaultVoice))
            }
        }
    }
}

@Suite("Error codes")
struct ErrorCodeTests {
    @Test("the document's ErrorCode enum is exactly the server's APIError.Code")
    func sameCodes() throws {
        // Raw JSON: the check is of the document itself, the source the generated types come from.
        let document = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.json) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let listed = try #require((schemas["ErrorCode"] as? [String: Any])?["enum"] as? [String])
        #expect(listed == APIError.Code.allCases.map(\.rawValue))
    }
}
