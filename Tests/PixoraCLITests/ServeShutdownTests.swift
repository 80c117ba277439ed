import Foundation
import PixoraTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("pixora serve: shutdown")
struct ServeShutdownTests {
    @Test("SIGTERM stops the server promptly, closes the database and exits 130 without a crash")
    func sigterm() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        close(socket)

        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--port", String(port), "--data", cli.path("data")]
        var environment = ProcessInfo.processInfo.environment
        environment["PIXORA_JWT_SECRET"] = String(repeating: "s", count: 40)
        environment["DATABASE_URL"] = nil
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var up = false
        // Deadlines, not counts of sleeps: on a machine busy with every suite a sleep can last far longer.
        let startDeadline = ContinuousClock.now + .seconds(300)
        while !up && ContinuousClock.now < startDeadline {
            try await Task.sleep(for: .milliseconds(100))
            if let (_, response) = try? await URLSession.shared.data(
                from: URL(string: "http://127.0.0.1:\(port)/healthz")!),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                up = true
            }
        }
        #expect(up)
        process.terminate()
        var stopped = false
        let stopDeadline = ContinuousClock.now + .seconds(120)
        while !stopped && ContinuousClock.now < stopDeadline {
            try await Task.sleep(for: .milliseconds(100))
            stopped = !process.isRunning
        }
        if !stopped {
            process.interrupt()
            kill(process.processIdentifier, SIGKILL)
        }
        #expect(stopped, "still running 120 s after SIGTERM")
        let text = try await offPool {
            String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
        #expect(process.terminationStatus == 130, "\(text)")
        #expect(!text.contains("Assertion failed") && !text.contains("Fatal error"), "\(text)")
    }
}
