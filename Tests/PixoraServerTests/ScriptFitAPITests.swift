import Foundation
import Testing

@testable import PixoraServer

/// A script too long for its video is refused when it is sent, with what would make it fit, and no job is queued.
@Suite("API: a user's script must fit the video")
struct ScriptFitAPITests {
    static let script = Array(
        repeating: "The lighthouse keeper climbed the narrow stairs and lit the great lamp once again.", count: 8
    ).joined(separator: " ")

    @Test("POST /videos and /plans refuse a script that cannot fit with 422 on the script field")
    func refused() async throws {
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                let session = try await api.register()
                let body: [String: Any] = [
                    "prompt": "a lighthouse", "script": Self.script, "settings": ["durationSeconds": 20],
                ]
                for path in ["/api/v1/videos", "/api/v1/plans"] {
                    let reply = try await api.call(.post, path, session: session, json: body)
                    #expect(reply.status == .unprocessableContent, "\(path): \(reply.status) \(reply.text)")
                    #expect(reply.text.contains("script"), "\(reply.text)")
                    #expect(reply.text.contains("shorten it to about"), "\(reply.text)")
                }
                let list = try await api.call(.get, "/api/v1/videos", session: session)
                #expect(!list.text.contains("a lighthouse"), "no video was queued: \(list.text)")
                // The same script fits a longer video.
                var longer = body
                longer["settings"] = ["durationSeconds": 45]
                let accepted = try await api.call(.post, "/api/v1/plans", session: session, json: longer)
                #expect(accepted.status == .ok, "\(accepted.text)")
            }
        }
    }
}
