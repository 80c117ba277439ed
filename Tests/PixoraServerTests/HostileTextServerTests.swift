import Foundation
import HummingbirdTesting
import Logging
import NIOCore
import PixoraAPI
import PixoraCore
import PixoraTestSupport
import Synchronization
import Testing

@testable import PixoraServer

/// User text at the server's boundaries: download names, mail, logs, and a video made through the API from a prompt
/// and a plan full of control characters (the schemathesis case: U+001F in a plan made the picture's SVG invalid,
/// rsvg-convert failed and the paid job went into retries).
@Suite("Hostile text at the server's boundaries")
struct HostileTextServerTests {
    static let title = "My \"bees\"\r\n/../etc\\passwd: a?b*<c>|d \u{1F}\u{0} \u{202E}4pm.exe\u{202C} 🐝 Ünïcødé שלום"

    /// `filename*` decoded: the name a modern browser saves.
    static func extendedName(_ header: String) -> String? {
        header.components(separatedBy: "filename*=UTF-8''").last.flatMap { $0.removingPercentEncoding }
    }

    @Test("a hostile title gives an ASCII filename= and the title as written, cleaned, in filename*")
    func downloadName() throws {
        let header = ContentDisposition.attachment(fileName: Self.title + ".mp4")
        #expect(header.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }, "\(header)")
        let plain = try #require(header.firstMatch(of: /filename="([^"]*)"/)?.1)
        #expect(plain == "My bees .. etc passwd a b c d 4pm.exe _ Unic_de.mp4")
        #expect(Self.extendedName(header) == "My bees .. etc passwd a b c d 4pm.exe 🐝 Ünïcødé שלום.mp4")
        #expect(header.hasPrefix("attachment; filename=\""))
    }

    @Test(
        "empty, dot-only and very long titles still give a short, visible name",
        arguments: [
            ("", "video.mp4"), ("...", "video.mp4"), ("\u{1F}\r\n", "video.mp4"), ("🐝🐝", "video.mp4"),
        ])
    func fallbackNames(title: String, plain: String) throws {
        let header = ContentDisposition.attachment(fileName: title + ".mp4")
        #expect(header.firstMatch(of: /filename="([^"]*)"/)?.1 == plain[...])
        let long = ContentDisposition.attachment(fileName: String(repeating: "🐝", count: 300) + ".mp4")
        let name = try #require(Self.extendedName(long))
        #expect(name.utf8.count <= 210 && name.hasSuffix("🐝.mp4"))
    }

    @Test("line breaks of every kind in a subject or display name cannot start a header")
    func mailHeaders() throws {
        for text in ["Hi\r\nBcc: all@example.com", "Hi\u{2028}Bcc: x", "Hi\u{85}Bcc: x", "Hi\u{0}\rBcc: x"] {
            for value in [HeaderText.unstructured(text), HeaderText.phrase(text)] {
                #expect(!value.contains("\r\nBcc") && !value.contains("\u{2028}"), "\(value)")
                #expect(!value.contains("\u{85}"), "\(value)")
                #expect(!value.unicodeScalars.contains { $0.value < 0x20 && $0 != "\r" && $0 != "\n" })
            }
        }
        let message = Mail(to: "ann@example.com", subject: "Hi\u{2028}Bcc: x", body: "b")
        let mail = try MailMessage(mail: message, from: "P <p@example.com>")
        #expect(mail.lines.filter { $0.hasPrefix("Bcc") }.isEmpty)
        #expect(throws: MailError.self) { try Mailbox("ann@exa>\u{301}mple.com") }
    }

    @Test("a name with line breaks stays on the greeting line of the password-reset mail")
    func mailBody() async throws {
        try await TestApp.with(.sqlite) { app in
            try await app.test { api in
                let name = "Ann\r\n\r\nYour account is locked. Call +1 555 0100\u{2028}now"
                let registered = try await api.call(
                    .post, "/api/v1/auth/register",
                    json: [
                        "email": "ann@example.com", "password": "correct horse", "name": name,
                    ])
                try #require(registered.status == .created, "\(registered.text)")
                let reset = try await api.call(
                    .post, "/api/v1/auth/request-password-reset", json: ["email": "ann@example.com"])
                #expect(reset.status == .accepted)
                var mails: [Mail] = []
                let deadline = ContinuousClock.now + .seconds(300)
                while mails.isEmpty && ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(20))
                    mails = app.mailer.mails
                }
                let body = try #require(mails.first?.body)
                let lines = body.components(separatedBy: "\n")
                #expect(lines[0] == "Hello Ann  Your account is locked. Call +1 555 0100 now,", "\(body)")
                #expect(lines[1] == "")
                #expect(!body.contains("\u{2028}") && !body.contains("\r"))
            }
        }
    }

    @Test("control characters and line breaks in log messages and metadata cannot forge log lines")
    func logLines() throws {
        let captured = Mutex<[LogEvent]>([])
        struct Capture: LogHandler {
            let sink: @Sendable (LogEvent) -> Void
            var metadata: Logger.Metadata = [:]
            var logLevel: Logger.Level = .trace
            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }
            func log(event: LogEvent) { sink(event) }
        }
        struct Failure: Error, CustomStringConvertible { var description: String { "bad\nline" } }
        var logger = Logger(label: "test") { _ in
            EscapingLogHandler(wrapping: Capture(sink: { event in captured.withLock { $0.append(event) } }))
        }
        logger[metadataKey: "user"] = "u\r\n2026-01-01 error forged"
        logger.error(
            "job failed\n2026-01-01T00:00:00 info all good", error: Failure(),
            metadata: ["title": "a\u{1F}b\u{202E}c", "list": ["x\ny"], "nested": ["k\n": "v\u{2028}"]])
        let events = captured.withLock { $0 }
        try #require(events.count == 1)
        let event = events[0]
        var text = event.message.description
        func collect(_ value: Logger.MetadataValue) {
            switch value {
            case .string(let string): text += string
            case .stringConvertible(let item): text += item.description
            case .array(let items): items.forEach(collect)
            case .dictionary(let items):
                items.forEach {
                    text += $0.key
                    collect($0.value)
                }
            }
        }
        for (key, value) in event.metadata ?? [:] {
            text += key
            collect(value)
        }
        #expect(event.error == nil)
        let unsafe = text.unicodeScalars.filter { TextSanitizer.isControl($0) || TextSanitizer.isLineBreak($0) }
        #expect(unsafe.isEmpty, "\(text)")
        #expect(event.message.description == "job failed\\n2026-01-01T00:00:00 info all good")
        #expect(event.metadata?["title"] == "a\\u{1F}b\\u{202E}c")
        #expect(event.metadata?["user"] == "u\\r\\n2026-01-01 error forged")
        #expect(event.metadata?["error.message"] == "bad\\nline")
    }

    @Test("NUL characters are dropped from request JSON strings; an escaped backslash before u0000 is text")
    func nulsDropped() throws {
        let body = ByteBuffer(string: #"{"a":"x\u0000y\u0000","b":"\\u0000","c":"\"\u0000\\"}"#)
        let decoded = try JSONDecoder().decode([String: String].self, from: JSONNulls.removed(from: body))
        #expect(decoded == ["a": "xy", "b": "\\u0000", "c": "\"\\"])
        let plain = ByteBuffer(string: #"{"a":"no escapes"}"#)
        #expect(JSONNulls.removed(from: plain) == Data(plain.readableBytesView))
    }

    @Test("a prompt and a plan full of control characters make completed videos", arguments: TestEngine.allCases)
    func videoFromHostileText(engine: TestEngine) async throws {
        try await TestApp.with(engine) { app in
            try await app.test { api in
                let session = try await api.register(password: "hostile text")
                let prompt = "bees\u{1F}making\u{0} honey \u{202E}{\\pos(0,0)} %{pts} \"quoted\" 'it' \\N :;,[] 🐝 שלום"

                // The prompt alone: the planner turns its words into the title, narration and key phrases.
                let created = try await api.createVideo(session, prompt: prompt)
                #expect(try await api.call(.get, "/api/v1/videos/%00", session: session).status == .notFound)
                #expect(try await api.call(.get, "/api/v1/videos?q=a%00b", session: session).status == .ok)
                try #require(created.status == .created, "\(created.text)")
                let id = try created.decode(Schemas.Video.self).id

                // A plan edited by hand (or written by a model): control characters in every text field.
                let planned = try await api.call(
                    .post, "/api/v1/plans", session: session,
                    json: [
                        "prompt": prompt, "settings": ["durationSeconds": 5, "quality": "480p", "aspectRatio": "16:9"],
                    ])
                try #require(planned.status == .ok, "\(planned.text)")
                var plan = try planned.decode(Schemas.PlanPreview.self).plan
                for index in plan.scenes.indices {
                    plan.scenes[index].keyPhrase =
                        "Honey\u{1F}comb <b>&amp;</b> \u{0}\u{FFFE} \u{200F}\u{202E}"
                        + String(repeating: "m", count: 300)
                    plan.scenes[index].narration =
                        "Bees\u{1F} make\u{0} honey \u{7}{\\c&H0000FF&} \"wax\"\r\n"
                        + "and\u{2028}comb."
                    plan.scenes[index].visual = "a honeybee\u{1F} <on> a \"comb\" \u{0}"
                }
                plan.title = Self.title
                let fromPlan = try await api.call(
                    .post, "/api/v1/videos", session: session, json: ["plan": try api.object(plan)])
                try #require(fromPlan.status == .created, "\(fromPlan.text)")
                let planVideo = try fromPlan.decode(Schemas.Video.self).id

                try await app.withWorker {
                    for video in [id, planVideo] {
                        let reply = try await api.waitForVideo(session, video, timeout: .seconds(600))
                        let done = try reply.decode(Schemas.Video.self)
                        #expect(done.status == .completed, "\(reply.text)")
                        #expect(done.job?.attempts == 1, "the job needed retries: \(reply.text)")
                    }
                }
                for video in [id, planVideo] {
                    let file = try await api.call(.get, "/api/v1/videos/\(video)/video", session: session)
                    #expect(file.status == .ok)
                    let media = try await probe(Data(file.body.readableBytesView))
                    #expect(media.streams.contains("video") && media.streams.contains("audio"))
                    #expect(media.duration > 4)
                }
                let download = try await api.call(
                    .get, "/api/v1/videos/\(planVideo)/video?download=1", session: session)
                let header = try #require(download.headers[.contentDisposition])
                #expect(header.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 }, "\(header)")
                #expect(Self.extendedName(header)?.hasSuffix("Ünïcødé שלום.mp4") == true, "\(header)")
            }
        }
    }
}
