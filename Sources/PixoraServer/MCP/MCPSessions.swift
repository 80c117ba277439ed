import Foundation
import MCP
import PixoraStore

/// The open MCP sessions of one server: each is bound to the user who initialized it, and answers only that user
/// (another user's session id is as unknown as a made-up one). Idle sessions are closed after an hour, and a user
/// keeps at most `perUser` sessions (opening one more closes their oldest).
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

    init(idle: Duration = .seconds(3600), perUser: Int = 16) {
        self.idle = idle
        self.perUser = perUser
    }

    func open(user: String, server: Server, transport: MCPSessionTransport) async -> String {
        await sweep()
        let mine = sessions.values.filter { $0.user == user }.sorted { $0.used < $1.used }
        for old in mine.prefix(max(0, mine.count - perUser + 1)) { await close(old.id) }
        let id = SecretToken.make()
        sessions[id] = Session(id: id, user: user, server: server, transport: transport, used: .now)
        return id
    }

    func find(_ id: String, user: String) async -> Session? {
        await sweep()
        guard var session = sessions[id], session.user == user else { return nil }
        session.used = .now
        sessions[id] = session
        return session
    }

    /// Ends a session: its server stops and any call still streaming is closed.
    func close(_ id: String) async {
        guard let session = sessions.removeValue(forKey: id) else { return }
        await session.server.stop()
    }

    private func sweep() async {
        let now = ContinuousClock.now
        for session in sessions.values where now - session.used > idle { await close(session.id) }
    }
}
