import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import PixoraAPI
import PixoraCore
import PixoraJobs
import PixoraProviders
import PixoraServer
import PixoraStore
import PixoraTestSupport
import SQLKit
import Testing

@Suite("Webhook endpoints through the API")
struct WebhookAPITests {
    @Test(
        "an endpoint is created with a secret shown once, listed, changed and deleted; others see a 404",
        arguments: TestEngine.allCases)
    func crud(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let other = try await api.register()
                let created = try await api.call(
                    .post, "/api/v1/webhooks", session: session,
                    json: ["url": "https://hooks.example.com/pixora", "events": ["video.completed", "video.failed"]])
                #expect(created.status == .created)
                let body = try created.decode(Schemas.CreatedWebhook.self)
                #expect(body.secret.hasPrefix("whsec_"))
                #expect(Data(base64Encoded: String(body.secret.dropFirst(6)))?.count == 32)
                #expect(body.webhook.enabled && body.webhook.events == [.video_completed, .video_failed])
                let id = body.webhook.id
                // The secret is stored as made, and never in any other answer.
                let stored = try await app.services.database.read { db in
                    try await Webhooks.find(db, owner: session.userId, id: id)
                }
                #expect(stored?.secret == body.secret)
                let list = try await api.call(.get, "/api/v1/webhooks", session: session)
                #expect(try list.decode(Schemas.WebhookList.self).webhooks.map(\.id) == [id])
                #expect(!list.text.contains(body.secret))
                #expect(!(try await api.call(.get, "/api/v1/webhooks/\(id)", session: session)).text.contains("whsec_"))

                let patched = try await api.call(
                    .patch, "/api/v1/webhooks/\(id)", session: session,
                    json: ["events": ["version.completed"], "enabled": false])
                let webhook = try patched.decode(Schemas.Webhook.self)
                #expect(webhook.events == [.version_completed] && !webhook.enabled)

                let null = try await api.call(
                    .patch, "/api/v1/webhooks/\(id)", session: session, json: ["url": NSNull()])
                #expect(null.status == .unprocessableContent && null.errorMessage?.hasPrefix("url") == true)

                let rotated = try await api.call(.post, "/api/v1/webhooks/\(id)/secret", session: session)
                let secret = try rotated.decode(Schemas.CreatedWebhook.self).secret
                #expect(secret != body.secret && secret.hasPrefix("whsec_"))

                // Another user: every route of the endpoint is a 404, and their list is empty.
                for (method, path) in [
                    (HTTPRequest.Method.get, "/api/v1/webhooks/\(id)"), (.patch, "/api/v1/webhooks/\(id)"),
                    (.delete, "/api/v1/webhooks/\(id)"), (.post, "/api/v1/webhooks/\(id)/secret"),
                    (.get, "/api/v1/webhooks/\(id)/deliveries"),
                    (.post, "/api/v1/webhooks/\(id)/deliveries/\(id)/replay"),
                ] {
                    let reply = try await api.call(method, path, session: other, json: ["enabled": true])
                    #expect(reply.status == .notFound, "\(method) \(path)")
                }
                let theirs = try await api.call(.get, "/api/v1/webhooks", session: other)
                #expect(try theirs.decode(Schemas.WebhookList.self).webhooks.isEmpty)

                let deleted = try await api.call(.delete, "/api/v1/webhooks/\(id)", session: session)
                #expect(deleted.status == .noContent)
                #expect(try await api.call(.get, "/api/v1/webhooks/\(id)", session: session).status == .notFound)
            }
        }
    }

    @Test("bad URLs and events are refused with the field named", arguments: TestEngine.allCases)
    func validation(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register()
                let cases: [([String: Any], String)] = [
                    (["url": "http://hooks.example.com/x", "events": ["video.completed"]], "must use https"),
                    (["url": "https://127.0.0.1/x", "events": ["video.completed"]], "a loopback address"),
                    (["url": "https://[::1]:8443/x", "events": ["video.completed"]], "a loopback address"),
                    (["url": "https://169.254.169.254/latest", "events": ["video.completed"]], "metadata"),
                    (["url": "https://10.0.0.7/x", "events": ["video.completed"]], "a private address"),
                    (["url": "https://100.64.1.1/x", "events": ["video.completed"]], "CGNAT"),
                    (["url": "https://[fd00::1]/x", "events": ["video.completed"]], "unique-local"),
                    (["url": "not a url", "events": ["video.completed"]], "not an absolute URL"),
                    (["url": "https://hooks.example.com/x", "events": []], "at least one event"),
                    (["url": "https://hooks.example.com/x", "events": ["video.exploded"]], "video.exploded"),
                ]
                for (json, words) in cases {
                    let reply = try await api.call(.post, "/api/v1/webhooks", session: session, json: json)
                    #expect(reply.status == .unprocessableContent, "\(json)")
                    #expect(reply.errorCode == .validationFailed, "\(json)")
                    #expect(reply.errorMessage?.contains(words) == true, "\(json): \(reply.errorMessage ?? "")")
                }
                let count = try await app.services.database.read { db in
                    try await Webhooks.list(db, owner: session.userId).count
                }
                #expect(count == 0)
            }
        }
    }

    @Test("plain http and private addresses are accepted where the deployment allows them")
    func allowedPrivate() async throws {
        try await TestApp.with(.sqlite, environment: ["PIXORA_WEBHOOK_ALLOW_PRIVATE": "1"]) { app in
            try await app.test { api in
                let session = try await api.register()
                let reply = try await api.call(
                    .post, "/api/v1/webhooks", session: session,
                    json: ["url": "http://127.0.0.1:9/hook", "events": ["video.completed"]])
                #expect(reply.status == .created)
            }
        }
    }

    @Test("the contract spells every event and delivery status as the store does")
    func spelled() {
        #expect(
            Set(WebhookEventType.allCases.map(\.rawValue))
                == Set(Schemas.WebhookEvent.allCases.map(\.rawValue)))
        #expect(
            Set(WebhookDeliveryStatus.allCases.map(\.rawValue))
                == Set(Schemas.WebhookDelivery.StatusPayload.allCases.map(\.rawValue)))
    }
}

/// Checks a delivery the way a receiver would, from the published scheme alone: HMAC-SHA256 keyed by the
/// base64-decoded part of the secret after `whsec_`, over "id.timestamp.body", base64, after "v1,".
func verifyStandardWebhook(_ request: ProviderEmulator.Received, secret: String) -> Bool {
    guard let id = request.headers["webhook-id"], let timestamp = request.headers["webhook-timestamp"],
        let signature = request.headers["webhook-signature"], secret.hasPrefix("whsec_"),
        let key = Data(base64Encoded: String(secret.dropFirst("whsec_".count)))
    else { return false }
    var signed = Data("\(id).\(timestamp).".utf8)
    signed.append(request.body)
    let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))
    let expected = "v1," + Data(mac).base64EncodedString()
    return signature.split(separator: " ").contains { $0 == expected }
}
