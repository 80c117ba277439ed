import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// Sends mail to an SMTP server over SwiftNIO, configured by an `smtp://` or `smtps://` URL.
public struct SMTPMailer: Mailer {
    let endpoint: SMTPEndpoint
    let from: String
    let logger: Logger
    /// Bounds the connection and the whole conversation, so a silent server cannot hold a request forever.
    let timeout: Duration
    private let tlsContext: NIOSSLContext?

    /// `url` is `smtp://[user:password@]host[:port][?starttls=require|never]` (port 25, STARTTLS never by default)
    /// or `smtps://...` (TLS from the start, port 465).
    public init(url: String, from: String, logger: Logger) throws {
        try self.init(url: url, from: from, logger: logger, timeout: .seconds(15))
    }

    /// `trustRootsFile`, a PEM file, replaces the system's certificate authorities (tests use a self-signed certificate).
    init(url: String, from: String, logger: Logger, timeout: Duration, trustRootsFile: String? = nil) throws {
        endpoint = try SMTPEndpoint(parsing: url)
        _ = try Mailbox(from)
        self.from = from
        self.logger = logger
        self.timeout = timeout
        if endpoint.security == .none {
            tlsContext = nil
        } else {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if let trustRootsFile { configuration.trustRoots = .file(trustRootsFile) }
            tlsContext = try NIOSSLContext(configuration: configuration)
        }
        if endpoint.credentials != nil, endpoint.security == .none, !Self.isLoopback(endpoint.host) {
            logger.warning(
                "the SMTP password will cross the network unencrypted; use smtps:// or ?starttls=require",
                metadata: ["server": "\(endpoint.server)"])
        }
    }

    public func send(_ mail: Mail) async throws {
        let message = try MailMessage(mail: mail, from: from)
        let progress = SMTPProgress(step: "connecting to \(endpoint.server)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.deliver(message, progress: progress) }
            group.addTask {
                try await Task.sleep(for: timeout)
                // A server that takes the mail and then stalls on QUIT must not make the caller send it again.
                guard !progress.isDelivered else { return }
                throw MailError.timedOut(step: progress.step, seconds: Self.seconds(timeout))
            }
            // Whichever ends first decides; leaving the group cancels the other (the conversation closes its channel).
            try await group.next()
            group.cancelAll()
        }
        logger.info(
            "mail sent over SMTP",
            metadata: ["to": "\(mail.to)", "subject": "\(mail.subject)", "server": "\(endpoint.server)"])
    }

    private func deliver(_ message: MailMessage, progress: SMTPProgress) async throws {
        let channel = try await connect()
        try await channel.executeThenClose { inbound, outbound in
            var session = SMTPSession(inbound: inbound, outbound: outbound, progress: progress)
            try await converse(message, session: &session, channel: channel.channel, progress: progress)
        }
    }

    private func connect() async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let implicitTLS = endpoint.security == .implicitTLS ? tlsContext : nil
        let serverName = Self.serverName(for: endpoint.host)
        do {
            return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(TimeAmount(timeout))
                .connect(host: endpoint.host, port: endpoint.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let implicitTLS {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName))
                        }
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw MailError.connectionFailed(server: endpoint.server, reason: Self.describe(error))
        }
    }

    /// The RFC 5321 conversation, each reply checked before the next command.
    private func converse(
        _ message: MailMessage, session: inout SMTPSession, channel: any Channel, progress: SMTPProgress
    ) async throws {
        let client = Self.clientName(channel.localAddress)
        try await session.expectReply(step: "the connection", codes: [220])
        var capabilities = try await hello(client, session: &session)

        if endpoint.security == .startTLS {
            guard capabilities["STARTTLS"] != nil else {
                throw MailError.notOffered(
                    "SMTP server \(endpoint.server) does not offer STARTTLS, but the URL requires it (starttls=require)"
                )
            }
            try await session.command("STARTTLS", step: "STARTTLS", expecting: [220])
            guard !session.hasUnreadBytes else {
                throw MailError.malformedReply(step: "STARTTLS", detail: "it sent more data before the TLS handshake")
            }
            try await startTLS(on: channel)
            // What the server offered before TLS may have been forged; ask again (RFC 3207 §4.2).
            capabilities = try await hello(client, session: &session)
        }

        if let credentials = endpoint.credentials {
            try await authenticate(credentials, capabilities: capabilities, session: &session)
        }

        let sender = message.sender.address
        let recipient = message.recipient.address
        // The body is 8-bit UTF-8; say so where the server understands it.
        let body = capabilities["8BITMIME"] != nil ? " BODY=8BITMIME" : ""
        try await session.command("MAIL FROM:<\(sender)>\(body)", step: "MAIL FROM <\(sender)>", expecting: [250])
        try await session.command("RCPT TO:<\(recipient)>", step: "RCPT TO <\(recipient)>", expecting: [250, 251])
        try await session.command("DATA", step: "DATA", expecting: [354])
        try await session.write(message.smtpData, step: "the message")
        try await session.expectReply(step: "the message", codes: [250])
        progress.isDelivered = true
        // The server has taken the mail; a failed goodbye changes nothing.
        _ = try? await session.command("QUIT", step: "QUIT", expecting: [221])
    }

    /// EHLO, or HELO for a server that refuses EHLO; returns the extensions offered, by upper-cased keyword.
    private func hello(_ client: String, session: inout SMTPSession) async throws -> [String: [String]] {
        let reply = try await session.command("EHLO \(client)", step: "EHLO", expecting: Set(200...599))
        switch reply.code {
        case 250:
            var capabilities: [String: [String]] = [:]
            for line in reply.lines.dropFirst() {
                // Old servers write "AUTH=PLAIN LOGIN".
                let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
                if let keyword = words.first { capabilities[keyword] = Array(words.dropFirst()) }
            }
            return capabilities
        case 500...599:
            try await session.command("HELO \(client)", step: "HELO", expecting: [250])
            return [:]
        default:
            throw MailError.refused(step: "EHLO", reply: reply.description)
        }
    }

    private func authenticate(
        _ credentials: SMTPEndpoint.Credentials, capabilities: [String: [String]], session: inout SMTPSession
    ) async throws {
        guard let mechanisms = capabilities["AUTH"] else {
            let hint =
                endpoint.security == .none
                ? "; many servers offer it only over TLS: try smtps:// or ?starttls=require" : ""
            throw MailError.notOffered(
                "SMTP server \(endpoint.server) does not offer AUTH, but the URL has a user name and password\(hint)")
        }
        guard mechanisms.contains("PLAIN") else {
            throw MailError.notOffered(
                "SMTP server \(endpoint.server) does not offer AUTH PLAIN (it offers \(mechanisms.joined(separator: ", ")))"
            )
        }
        // RFC 4616: authorization identity (empty), user, password, separated by NUL bytes.
        let token = Data([0] + Array(credentials.user.utf8) + [0] + Array(credentials.password.utf8))
            .base64EncodedString()
        try await session.command("AUTH PLAIN \(token)", step: "AUTH PLAIN as \(credentials.user)", expecting: [235])
    }

    /// Puts TLS in front of everything else in the pipeline; the handshake starts at once and later reads are decrypted.
    private func startTLS(on channel: any Channel) async throws {
        guard let tlsContext else { preconditionFailure("STARTTLS without a TLS context") }
        let serverName = Self.serverName(for: endpoint.host)
        do {
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: tlsContext, serverHostname: serverName), position: .first)
            }.get()
        } catch {
            throw MailError.connectionLost(step: "STARTTLS", reason: Self.describe(error))
        }
    }

    /// The name sent for SNI and checked against the certificate; none for an IP address, which NIOSSL checks
    /// against the certificate's IP entries instead.
    private static func serverName(for host: String) -> String? {
        (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
    }

    /// The address literal of our end of the connection, the EHLO argument RFC 5321 §4.1.4 allows without a DNS name.
    static func clientName(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress else { return "localhost" }
        return address.protocol == .inet6 ? "[IPv6:\(ip)]" : "[\(ip)]"
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value))" : "\(value)"
    }

    /// A reason a person can act on, for the errors NIO and NIOSSL throw.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            if let dns = error.dnsAError ?? error.dnsAAAAError { return "cannot resolve \(error.host): \(dns)" }
            let reasons = error.connectionErrors.map { "\($0.target): \(describe($0.error))" }
            return reasons.isEmpty ? "\(error)" : reasons.joined(separator: "; ")
        case let error as IOError:
            return String(cString: strerror(error.errnoCode))
        case ChannelError.connectTimeout(let amount):
            return "no connection after \(seconds(Duration.nanoseconds(amount.nanoseconds))) s"
        case let error as NIOSSLError:
            return "TLS failed: \(error)"
        case let error as BoringSSLError:
            return "TLS failed: \(error)"
        case let error as NIOSSLExtraError:
            return "TLS failed: \(error)"
        default:
            return "\(error)"
        }
    }
}

/// The step an SMTP conversation has reached, shared with the timer that may have to report it.
final class SMTPProgress: Sendable {
    private let state: Mutex<(step: String, isDelivered: Bool)>

    init(step: String) { state = Mutex((step, false)) }

    var step: String {
        get { state.withLock { $0.step } }
        set { state.withLock { $0.step = newValue } }
    }

    /// Set once the server has accepted the message, when only the goodbye is left.
    var isDelivered: Bool {
        get { state.withLock { $0.isDelivered } }
        set { state.withLock { $0.isDelivered = newValue } }
    }
}
