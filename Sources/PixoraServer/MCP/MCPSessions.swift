import Foundation
import MCP
import PixoraStore

/// The open MCP sessions of one server: each is bound to the user who initialized it, and answers only that user
/// (another user's session id is as unknown as a made-up one). Idle sessions are closed after an hour, and a user
/// keeps at most `perUser` sessions (opening one more closes the one they used least recently).
actor MCPSessions {
    struct Session: Sendable {
        var id: String
        var user: String
        var server: Server
        var transport: MCPSessionTransport
        var used: ContinuousClock.Instant
    }

    private var sessions: [String: Session] = [:]
    let idle: Duration
    let perUser: Int
    /// The clock idle time is measured on (a test's own).
    let now: @Sendable () -> ContinuousClock.Instant

    init(
        idle: Duration = .seconds(3600), perUser: Int = 16,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.idle = idle
        self.perUser = perUser
        self.now = now
    }

    func open(user: String, server: Server, transport: MCPSessionTransport) async -> String {
        await sweep()
        let mine = sessions.values.filter { $0.user == user }.sorted { $0.used < $1.used }
        for old in mine.prefix(max(0, mine.count - perUser + 1)) { await close(old.id) }
        let id = SecretToken.make()
        sessions[id] = Session(id: id, user: user, server: server, transport: transport, used: now())
        return id
    }

    func find(_ id: String, user: String) async -> Session? {
        await sweep()
        guard var session = sessions[id], session.user == user else { return nil }
        session.used = now()
        sessions[id] = session
        return session
    }

    /// Ends a session: its server stops and any call still streaming is closed.
    func close(_ id: String) async {
        guard let session = sessions.removeValue(forKey: id) else { return }
        await session.server.stop()
    }

    private func sweep() async {
        let moment = now()
        for session in sessions.values where moment - session.used > idle { await close(session.id) }
    }
}
