import Foundation
import Logging
import PixoraTestSupport
import Synchronization
import Testing

@testable import PixoraServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - SMTP, against a real server

/// The real server is a Python process that a busy machine (the rest of the suite runs beside it) can keep waiting
/// well past the production timeout; the tests that use it are about what arrives, not how fast.
let generousSMTPTimeout: Duration = .seconds(90)

@Suite("SMTP mailer against a real aiosmtpd server", .serialized)
struct SMTPMailerTests {
    let logger = Logger(label: "pixora.test.mail")

    @Test("a message arrives with its envelope, headers and body, and lines starting with '.' arrive unchanged")
    func delivers() async throws {
        let server = try await SMTPTestServer()
        defer { server.stop() }
        let mailer = try SMTPMailer(
            url: "smtp://127.0.0.1:\(server.port)", from: "Pixora <no-reply@pixora.test>", logger: logger,
            timeout: generousSMTPTimeout)
        let subject =
            "Réinitialisez votre mot de passe — Pixora 🎬 with a subject long enough to need more than one encoded word"
        let body =
            "Hello Ann,\n.this line starts with a dot\n.\n..two dots\nOpen https://pixora.test/reset?token=abc\nlast line\n"

        try await mailer.send(Mail(to: "Ann Example <ann@example.com>", subject: subject, body: body))

        let received = try server.received()
        try #require(received.count == 1)
        let mail = received[0]
        #expect(mail.mailFrom == "no-reply@pixora.test")
        #expect(mail.rcptTos == ["ann@example.com"])
        #expect(mail.mailOptions.contains("BODY=8BITMIME"))
        #expect(mail.headers["subject"] == subject)
        #expect(mail.headers["from"] == "Pixora <no-reply@pixora.test>")
        #expect(mail.headers["to"] == "Ann Example <ann@example.com>")
        #expect(mail.headers["mime-version"] == "1.0")
        #expect(mail.content.contains("\r\nContent-Type: text/plain; charset=utf-8\r\n"))
        #expect(mail.headers["content-type"] == "text/plain; charset=\"utf-8\"")
        #expect(mail.headers["content-transfer-encoding"] == "8bit")
        #expect(mail.headers["message-id"]?.hasSuffix("@pixora.test>") == true)
        #expect(
            abs((mail.dateEpoch ?? 0) - Date().timeIntervalSince1970) < 120,
            "Date header: \(mail.headers["date"] ?? "none")")
        #expect(mail.body == body)
        #expect(mail.content.contains("\r\n.this line starts with a dot\r\n.\r\n..two dots\r\n"))
        #expect(mail.defects.isEmpty, "the server's parser found: \(mail.defects)")
        #expect(mail.login == nil)
        #expect(!mail.tls)
    }

    @Test("AUTH PLAIN logs in with the percent-decoded user and password from the URL")
    func authenticates() async throws {
        let server = try await SMTPTestServer(["auth"])
        defer { server.stop() }
        let mailer = try SMTPMailer(
            url: "smtp://mailer:s3cret%3Ap%40ss@127.0.0.1:\(server.port)", from: "no-reply@pixora.test", logger: logger,
            timeout: generousSMTPTimeout)

        try await mailer.send(Mail(to: "ann@example.com", subject: "Welcome", body: "Hi"))

        let received = try server.received()
        try #require(received.count == 1)
        #expect(received[0].login == "mailer")
    }

    @Test("a wrong password fails at AUTH PLAIN with the server's reply and without the password")
    func wrongPassword() async throws {
        let server = try await SMTPTestServer(["auth"])
        defer { server.stop() }
        let mailer = try SMTPMailer(
            url: "smtp://mailer:wrong-horse@127.0.0.1:\(server.port)", from: "no-reply@pixora.test", logger: logger,
            timeout: generousSMTPTimeout)

        let error = await #expect(throws: MailError.self) {
            try await mailer.send(Mail(to: "ann@example.com", subject: "Welcome", body: "Hi"))
        }
        let message = "\(error.map { "\($0)" } ?? "")"
        #expect(message.hasPrefix("SMTP server refused AUTH PLAIN as mailer: 535"), "\(message)")
        #expect(!message.contains("wrong-horse"))
        #expect(try server.received().isEmpty)
    }

    @Test("a refused recipient fails naming RCPT TO and the server's 550 reply, and nothing is delivered")
    func refusedRecipient() async throws {
        let server = try await SMTPTestServer()
        defer { server.stop() }
        let mailer = try SMTPMailer(
            url: "smtp://127.0.0.1:\(server.port)", from: "no-reply@pixora.test", logger: logger,
            timeout: generousSMTPTimeout)

        let error = await #expect(throws: MailError.self) {
            try await mailer.send(Mail(to: "reject@example.com", subject: "Welcome", body: "Hi"))
        }
        #expect(error == .refused(step: "RCPT TO <reject@example.com>", reply: "550 no such user"))
        #expect(error.map { "\($0)" } == "SMTP server refused RCPT TO <reject@example.com>: 550 no such user")
        #expect(try server.received().isEmpty)
    }

    @Test("a server that refuses EHLO is greeted with HELO and still gets the message")
    func heloFallback() async throws {
        let server = try await SMTPTestServer(["noehlo"])
        defer { server.stop() }
        let mailer = try SMTPMailer(
            url: "smtp://127.0.0.1:\(server.port)", from: "no-reply@pixora.test", logger: logger,
            timeout: generousSMTPTimeout)

        try await mailer.send(Mail(to: "ann@example.com", subject: "Welcome", body: "Hi"))

        let received = try server.received()
        try #require(received.count == 1)
        // Without EHLO the server announced no 8BITMIME, so the mailer must not use the extension.
        #expect(received[0].mailOptions.isEmpty)
        #expect(received[0].body == "Hi\n")
    }

    @Test("a closed port fails with an error naming the server and the refused connection")
    func closedPort() async throws {
        let port = try LoopbackSocket.freePort()
        let mailer = try SMTPMailer(url: "smtp://127.0.0.1:\(port)", from: "no-reply@pixora.test", logger: logger)

        let error = await #expect(throws: MailError.self) {
            try await mailer.send(Mail(to: "ann@example.com", subject: "Welcome", body: "Hi"))
        }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.hasPrefix("cannot connect to SMTP server 127.0.0.1:\(port): "), "\(message)")
        #expect(message.contains("Connection refused"), "\(message)")
    }

    @Test("a server that accepts the connection but never answers fails after the timeout, naming the step")
    func silentServer() async throws {
        let listener = try LoopbackSocket.listen()
        defer { _ = close(listener.descriptor) }
        let mailer = try SMTPMailer(
            url: "smtp://127.0.0.1:\(listener.port)", from: "no-reply@pixora.test", logger: logger,
            timeout: .milliseconds(500))

        // The error names the timeout that fired; how long that took on a loaded machine is not asserted. Such a
        // machine may not even finish the TCP connect within the half second, so either step may be named.
        let error = await #expect(throws: MailError.self) {
            try await mailer.send(Mail(to: "ann@example.com", subject: "Welcome", body: "Hi"))
        }
        let steps = ["the connection", "connecting to 127.0.0.1:\(listener.port)"]
        let expected = steps.map { MailError.timedOut(step: $0, seconds: "0.5") }
        #expect(error.map(expected.contains) == true, "\(String(describing: error))")
    }

    @Test(
        "a server that accepts the message but never answers QUIT still counts as sent, so the mail is not sent twice")
    func stalledQuit() async throws {
        let server = try await SMTPTestServer(["stallquit"])
        defer { server.stop() }
        // Long enough that a loaded machine (CI runs suites in parallel) gets through MAIL FROM … DATA in time;
        // the stalled QUIT then costs this much once.
        let mailer = try SMTPMailer(
            url: "smtp://127.0.0.1:\(server.port)", from: "no-reply@pixora.test", logger: logger, timeout: .seconds(30))

        try await mailer.send(Mail(to: "ann@example.com", subject: "Welcome", body: "Hi"))

        #expect(try server.received().count == 1)
    }

    @Test("an address with a line break is refused before anything is sent, so it cannot add headers or commands")
    func headerInjection() async throws {
        let server = try await SMTPTestServer()
        defer { server.stop() }
        let mailer = try SMTPMailer(
            url: "smtp://127.0.0.1:\(server.port)", from: "no-reply@pixora.test", logger: logger,
            timeout: generousSMTPTimeout)

        await #expect(throws: MailError.invalidAddress("ann@example.com\r\nBcc: all@example.com")) {
            try await mailer.send(Mail(to: "ann@example.com\r\nBcc: all@example.com", subject: "Hi", body: "Hi"))
        }
        #expect(try server.received().isEmpty)
    }

    @Test("starttls=require fails when the server does not offer STARTTLS, before any mail command")
    func startTLSMissing() async throws {
        let server = try await SMTPTestServer()
        defer { server.stop() }
        let mailer = try SMTPMailer(
            url: "smtp://127.0.0.1:\(server.port)?starttls=require", from: "no-reply@pixora.test", logger: logger,
            timeout: generousSMTPTimeout)

        let error = await #expect(throws: MailError.self) {
            try await mailer.send(Mail(to: "ann@example.com", subject: "Welcome", body: "Hi"))
        }
        #expect(error.map { "\($0)" }?.contains("does not offer STARTTLS") == true)
        #expect(try server.received().isEmpty)
    }

    @Test("starttls=require upgrades to TLS, checks the certificate, then authenticates and delivers")
    func startTLS() async throws {
        let certificate = try await TestCertificate()
        defer { certificate.remove() }
        let server = try await SMTPTestServer(["auth", "starttls", certificate.certificate.path, certificate.key.path])
        defer { server.stop() }
        let mailer = try SMTPMailer(
            url: "smtp://mailer:s3cret%3Ap%40ss@127.0.0.1:\(server.port)?starttls=require",
            from: "no-reply@pixora.test",
            logger: logger, timeout: generousSMTPTimeout, trustRootsFile: certificate.certificate.path)

        try await mailer.send(Mail(to: "ann@example.com", subject: "Welcome", body: "Hi over TLS"))

        let received = try server.received()
        try #require(received.count == 1)
        #expect(received[0].tls)
        #expect(received[0].login == "mailer")
        #expect(received[0].body == "Hi over TLS\n")
    }

    @Test("STARTTLS fails with a TLS error when the server's certificate is not trusted")
    func untrustedCertificate() async throws {
        let certificate = try await TestCertificate()
        defer { certificate.remove() }
        let server = try await SMTPTestServer(["starttls", certificate.certificate.path, certificate.key.path])
        defer { server.stop() }
        // The system's authorities do not know the test certificate.
        let mailer = try SMTPMailer(
            url: "smtp://127.0.0.1:\(server.port)?starttls=require", from: "no-reply@pixora.test", logger: logger,
            timeout: generousSMTPTimeout)

        let error = await #expect(throws: MailError.self) {
            try await mailer.send(Mail(to: "ann@example.com", subject: "Welcome", body: "Hi"))
        }
        let message = error.map { "\($0)" } ?? ""
        // Which side notices first is a race: our handshake error, or the server closing on the bad handshake
        // (seen by NIO as a closed channel, a reset or a broken pipe, by how far our handshake had got).
        let reasons = ["TLS failed", "I/O on closed channel", "Connection reset by peer", "Broken pipe"]
        #expect(
            reasons.contains { message.hasPrefix("SMTP connection failed during EHLO: \($0)") }, "\(message)")
        #expect(try server.received().isEmpty)
    }

    @Test("smtps:// speaks TLS from the first byte and checks the certificate against the host name")
    func implicitTLS() async throws {
        let certificate = try await TestCertificate()
        defer { certificate.remove() }
        let server = try await SMTPTestServer(["smtps", certificate.certificate.path, certificate.key.path])
        defer { server.stop() }
        let mailer = try SMTPMailer(
            url: "smtps://localhost:\(server.port)", from: "no-reply@pixora.test", logger: logger,
            timeout: generousSMTPTimeout, trustRootsFile: certificate.certificate.path)

        try await mailer.send(Mail(to: "ann@example.com", subject: "Welcome", body: "Hi"))

        let received = try server.received()
        try #require(received.count == 1)
        #expect(received[0].tls)
    }
}

// MARK: - SMTP URLs

@Suite("SMTP URL parsing")
struct SMTPURLMailerTests {
    @Test(
        "well-formed URLs give host, port, security and decoded credentials",
        arguments: [
            (
                "smtp://mail.example.com", SMTPEndpoint.Security.none, "mail.example.com", 25, nil as String?,
                nil as String?
            ),
            ("smtp://mail.example.com:2525/", .none, "mail.example.com", 2525, nil, nil),
            ("SMTP://mail.example.com?starttls=require", .startTLS, "mail.example.com", 25, nil, nil),
            ("smtp://mail.example.com?starttls=never", .none, "mail.example.com", 25, nil, nil),
            ("smtps://mail.example.com", .implicitTLS, "mail.example.com", 465, nil, nil),
            ("smtps://u%40x.org:p%40ss@[::1]:587", .implicitTLS, "::1", 587, "u@x.org", "p@ss"),
            ("smtp://user:pa/ss?w@rd@127.0.0.1:25", .none, "127.0.0.1", 25, "user", "pa/ss?w@rd"),
            ("smtp://apikey:@smtp.example.com", .none, "smtp.example.com", 25, "apikey", ""),
        ])
    func parses(url: String, security: SMTPEndpoint.Security, host: String, port: Int, user: String?, password: String?)
        throws
    {
        let endpoint = try SMTPEndpoint(parsing: url)
        #expect(endpoint.security == security)
        #expect(endpoint.host == host)
        #expect(endpoint.port == port)
        #expect(endpoint.credentials?.user == user)
        #expect(endpoint.credentials?.password == password)
    }

    @Test(
        "malformed URLs are refused with a message saying what is wrong and never showing the password",
        arguments: [
            ("mail.example.com", "does not start with smtp:// or smtps://"),
            ("http://user:hunter2@mail.example.com", "the scheme must be smtp or smtps, not 'http'"),
            ("smtp://user:hunter2@", "the host is missing"),
            ("smtp://user:hunter2@mail.example.com:99999", "the port '99999' is not a number from 1 to 65535"),
            ("smtp://user:hunter2@mail.example.com:abc", "the port 'abc' is not a number from 1 to 65535"),
            ("smtp://hunter2@mail.example.com", "has a user name but no password"),
            ("smtp://user:hunter2%zz@mail.example.com", "'%' that is not followed by two hex digits"),
            ("smtp://user:hunter2@mail.example.com/inbox", "it has a path ('/inbox')"),
            ("smtp://user:hunter2@mail.example.com?tls=yes", "unknown option 'tls'"),
            (
                "smtp://user:hunter2@mail.example.com?starttls=maybe",
                "starttls must be 'require' or 'never', not 'maybe'"
            ),
            ("smtps://user:hunter2@mail.example.com?starttls=require", "cannot be used with smtps://"),
            ("smtp://user:hunter2@::1", "an IPv6 address must be written in brackets"),
        ])
    func refuses(url: String, expected: String) throws {
        let error = #expect(throws: MailError.self) { try SMTPEndpoint(parsing: url) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains(expected), "\(message)")
        #expect(message.hasPrefix("invalid SMTP URL"))
        #expect(!message.contains("hunter2"), "\(message)")
    }
}

// MARK: - Outbox

@Suite("outbox mailer")
struct OutboxMailerTests {
    @Test("a mail becomes one readable .eml file, readable only by its owner, with no temporary file left")
    func writesOneFile() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("outbox")
        let log = CapturedLog()
        let mailer = OutboxMailer(
            folder: folder, from: "Pixora <no-reply@pixora.test>", logger: log.logger("pixora.test.mail"))
        let body = "Hello Ann,\nReset your password: https://pixora.test/reset?token=SECRET-TOKEN\n.a dot line\n"

        try await mailer.send(Mail(to: "ann@example.com", subject: "Reset your Pixora password", body: body))

        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        try #require(names.count == 1, "\(names)")
        let name = names[0]
        #expect(name.wholeMatch(of: /\d{8}-\d{6}-[0-9a-f]{8}\.eml/) != nil, "\(name)")
        #expect(name.hasPrefix(OutboxMailer.fileTimestamp(Date()).prefix(8)))
        let file = folder.appendingPathComponent(name)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let text = try String(contentsOf: file, encoding: .utf8)
        let (head, separator, rest) = try #require(text.split(once: "\r\n\r\n"))
        #expect(!separator.isEmpty)
        let headers = head.components(separatedBy: "\r\n")
        #expect(headers.contains("From: Pixora <no-reply@pixora.test>"))
        #expect(headers.contains("To: ann@example.com"))
        #expect(headers.contains("Subject: Reset your Pixora password"))
        #expect(headers.contains("MIME-Version: 1.0"))
        #expect(headers.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(headers.contains("Content-Transfer-Encoding: 8bit"))
        #expect(
            headers.contains { $0.wholeMatch(of: /Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000/) != nil })
        #expect(headers.contains { $0.wholeMatch(of: /Message-ID: <[0-9a-f-]+@pixora\.test>/) != nil })
        // The file is the message, not its SMTP transfer: no dot-stuffing.
        #expect(rest == body.replacingOccurrences(of: "\n", with: "\r\n"))

        let entries = log.entries
        try #require(entries.count == 1)
        #expect(entries[0].message == "mail written to outbox")
        #expect(entries[0].level == .info)
        #expect(entries[0].metadata["to"] == "ann@example.com")
        #expect(entries[0].metadata["subject"] == "Reset your Pixora password")
        #expect(entries[0].metadata["file"] == file.path)
        #expect(!"\(entries)".contains("SECRET-TOKEN"))
    }

    @Test("a recipient with a line break is refused and no file is written")
    func refusesInjection() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-outbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let mailer = OutboxMailer(
            folder: folder, from: "no-reply@pixora.test", logger: Logger(label: "pixora.test.mail"))

        await #expect(throws: MailError.self) {
            try await mailer.send(Mail(to: "ann@example.com\nBcc: all@example.com", subject: "Hi", body: "Hi"))
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty ?? true)
    }

    @Test("makeMailer picks SMTP when PIXORA_SMTP_URL is set and the outbox otherwise")
    func picksMailer() throws {
        let outbox = URL(fileURLWithPath: "/tmp/pixora-outbox-unused")
        let logger = Logger(label: "pixora.test.mail")

        let outboxMailer = try #require(
            try Mail.makeMailer(environment: [:], outbox: outbox, logger: logger) as? OutboxMailer)
        #expect(outboxMailer.from == "Pixora <no-reply@pixora.local>")
        #expect(outboxMailer.folder == outbox)

        let smtp = try #require(
            try Mail.makeMailer(
                environment: [
                    "PIXORA_SMTP_URL": "smtps://mail.example.com", "PIXORA_MAIL_FROM": "Shop <shop@example.com>",
                ],
                outbox: outbox, logger: logger) as? SMTPMailer)
        #expect(smtp.endpoint.host == "mail.example.com")
        #expect(smtp.endpoint.security == .implicitTLS)
        #expect(smtp.from == "Shop <shop@example.com>")

        #expect(throws: MailError.self) {
            try Mail.makeMailer(environment: ["PIXORA_SMTP_URL": "smtp://"], outbox: outbox, logger: logger)
        }
        #expect(throws: MailError.self) {
            try Mail.makeMailer(environment: ["PIXORA_MAIL_FROM": "not an address"], outbox: outbox, logger: logger)
        }
    }
}

// MARK: - Fixtures

/// Fails a test with a message that says how to fix the machine.
struct TestSetupError: Error, CustomStringConvertible {
    var description: String
}

/// aiosmtpd, a real SMTP server, in a Python subprocess on a free loopback port. Each message it accepts
/// becomes one JSON line: the envelope, the raw content, and the headers and body as Python's email parser reads them.
final class SMTPTestServer: @unchecked Sendable {
    let port: Int
    private let folder: URL
    private let process: Process

    /// One received message, as the server's handler recorded it.
    struct Received: Decodable {
        var mailFrom: String
        var rcptTos: [String]
        var mailOptions: [String]
        var content: String
        var headers: [String: String]
        var dateEpoch: Double?
        var body: String
        var defects: [String]
        var login: String?
        var tls: Bool
    }

    /// Options: `auth` (require AUTH, user `mailer`, password `s3cret:p@ss`), `noehlo` (refuse EHLO, accept HELO),
    /// `stallquit` (never answer QUIT),
    /// `starttls CERT KEY`, `smtps CERT KEY`.
    init(_ options: [String] = []) async throws {
        try await Self.requireAiosmtpd()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = folder.appendingPathComponent("server.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        port = try LoopbackSocket.freePort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", script.path, folder.appendingPathComponent("received.jsonl").path, "\(port)"] + options
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("stderr").path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("stderr"))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        do {
            try await waitUntilListening()
        } catch {
            stop()
            throw error
        }
    }

    func received() throws -> [Received] {
        let file = folder.appendingPathComponent("received.jsonl")
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map {
            try decoder.decode(Received.self, from: Data($0.utf8))
        }
    }

    /// Kills the server; its folder is removed once it has gone. Runs in `defer`, which cannot await: the wait is
    /// on a thread of its own, not on one of the concurrency pool's.
    func stop() {
        // SIGKILL: the child inherits a signal mask from the test's threads that may block SIGTERM.
        if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
        let (process, folder) = (process, folder)
        Thread {
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: folder)
        }.start()
    }

    private func waitUntilListening() async throws {
        // Python's start-up on a machine busy with the rest of the suite can take far longer than on an idle one.
        let deadline = ContinuousClock.now + .seconds(600)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                let errors = (try? String(contentsOf: folder.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
                throw TestSetupError(description: "the test SMTP server (aiosmtpd) exited at start:\n\(errors)")
            }
            if LoopbackSocket.accepts(port: port) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError(description: "the test SMTP server (aiosmtpd) did not listen on port \(port) within 90 s")
    }

    /// A missing aiosmtpd fails the test with the fix rather than skipping it, so CI cannot go green without SMTP tests.
    private static func requireAiosmtpd() async throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import aiosmtpd"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        try await offPool {
            try check.run()
            check.waitUntilExit()
        }
        guard check.terminationStatus == 0 else {
            throw TestSetupError(
                description: "the SMTP tests need python3 with aiosmtpd, a real SMTP server: pip install aiosmtpd")
        }
    }

    private static let script = #"""
        import asyncio, email, email.policy, json, signal, ssl, sys, threading
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        # Started from a test process whose threads block signals: take them back so the server can be stopped.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
        log_path, port, options = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

        class Recorder:
            async def handle_EHLO(self, server, session, envelope, hostname, responses):
                if "noehlo" in options:
                    return ["502 5.5.1 EHLO is not implemented here"]
                # With this hook defined, aiosmtpd leaves recording the greeting to it.
                session.host_name = hostname
                return responses

            async def handle_QUIT(self, server, session, envelope):
                if "stallquit" in options:
                    await asyncio.sleep(60)
                return "221 Bye"

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address == "reject@example.com":
                    return "550 no such user"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                raw = envelope.original_content
                message = email.message_from_bytes(raw, policy=email.policy.default)
                defects = [repr(d) for d in message.defects]
                for name, value in message.items():
                    defects += [f"{name}: {d!r}" for d in getattr(value, "defects", ())]
                date = message["date"]
                record = {
                    "mail_from": envelope.mail_from,
                    "rcpt_tos": envelope.rcpt_tos,
                    "mail_options": envelope.mail_options,
                    "content": raw.decode("utf-8"),
                    "headers": {name.lower(): str(value) for name, value in message.items()},
                    "date_epoch": date.datetime.timestamp() if date is not None and date.datetime else None,
                    "body": message.get_content().replace("\r\n", "\n"),
                    "defects": defects,
                    "login": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
                    "tls": server.transport.get_extra_info("ssl_object") is not None,
                }
                with open(log_path, "a", encoding="utf-8") as log:
                    log.write(json.dumps(record) + "\n")
                return "250 Message accepted for delivery"

        def authenticator(server, session, envelope, mechanism, auth_data):
            good = (isinstance(auth_data, LoginPassword) and auth_data.login == b"mailer"
                    and auth_data.password == "s3cret:p@ss".encode())
            return AuthResult(success=good, handled=False, auth_data=auth_data)

        def tls_context(certificate, key):
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(certificate, key)
            return context

        settings = {}
        if "auth" in options:
            settings.update(authenticator=authenticator, auth_require_tls=False, auth_required=True)
        if "starttls" in options:
            at = options.index("starttls")
            settings.update(tls_context=tls_context(options[at + 1], options[at + 2]), require_starttls=True)
        if "smtps" in options:
            at = options.index("smtps")
            settings.update(ssl_context=tls_context(options[at + 1], options[at + 2]))

        controller = Controller(Recorder(), hostname="127.0.0.1", port=port, **settings)
        controller.start()
        threading.Event().wait()
        """#
}

/// A self-signed certificate for `localhost` and 127.0.0.1, made with the openssl command.
private struct TestCertificate {
    let folder: URL
    var certificate: URL { folder.appendingPathComponent("certificate.pem") }
    var key: URL { folder.appendingPathComponent("key.pem") }

    init() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pixora-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", key.path, "-out", certificate.path,
        ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try await offPool {
            try openssl.run()
            openssl.waitUntilExit()
        }
        guard openssl.terminationStatus == 0 else {
            throw TestSetupError(
                description: "cannot make a test certificate; the TLS tests need: apt-get install openssl")
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// Loopback TCP sockets for finding a free port, and for a server that accepts connections but never speaks.
enum LoopbackSocket {
    /// A socket listening on 127.0.0.1 at a port the kernel chose; the kernel completes connections to it
    /// (up to the backlog) even though nobody calls accept.
    static func listen() throws -> (descriptor: Int32, port: Int) {
        #if os(Linux)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw TestSetupError(description: "socket() failed: errno \(errno)") }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && startListening(descriptor) == 0
                    && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            _ = close(descriptor)
            throw TestSetupError(description: "cannot listen on 127.0.0.1: errno \(errno)")
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    private static func startListening(_ descriptor: Int32) -> Int32 {
        #if canImport(Glibc)
            Glibc.listen(descriptor, 16)
        #else
            Darwin.listen(descriptor, 16)
        #endif
    }

    /// A port nothing listens on (for now: the caller starts its server right away).
    static func freePort() throws -> Int {
        let listener = try listen()
        _ = close(listener.descriptor)
        return listener.port
    }

    static func accepts(port: Int) -> Bool {
        #if os(Linux)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return false }
        defer { _ = close(descriptor) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// Keeps what a logger was told, to check what mail logging reveals.
extension String {
    /// The text before and after the first `separator`, or nil when there is none.
    fileprivate func split(once separator: String) -> (String, String, String)? {
        guard let range = range(of: separator) else { return nil }
        return (String(self[..<range.lowerBound]), separator, String(self[range.upperBound...]))
    }
}
