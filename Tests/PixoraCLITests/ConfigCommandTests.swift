import Foundation
import Testing

@Suite("pixora config and invalid settings", .serialized)
struct ConfigCommandTests {
    @Test("pixora config prints every variable and its source, a secret as ****")
    func printsConfiguration() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let secret = "sk-never-print-me-0123456789"
        let result = try await cli.run(["config"], environment: ["OPENAI_API_KEY": secret, "PIXORA_PORT": "9191"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret))
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ") }
        #expect(lines.contains { $0.first == "OPENAI_API_KEY" && $0.contains("****") && $0.last == "environment" })
        #expect(lines.contains { $0.first == "PIXORA_PORT" && $0.contains("9191") && $0.last == "environment" })
        #expect(lines.contains { $0.first == "PIXORA_BCRYPT_COST" && $0.contains("11") && $0.last == "default" })
        #expect(lines.contains { $0.first == "FAL_KEY" && $0.last == "default" })
    }

    @Test("an invalid PIXORA_PORT stops pixora serve with exit 2 and a message naming it")
    func invalidPort() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try await cli.run(["serve", "--data", cli.path("data")], environment: ["PIXORA_PORT": "80a"])
        #expect(result.status == 2, "\(result.stderr)")
        let message = "PIXORA_PORT must be a whole number from 0 to 65535, got '80a'"
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.path("data")))
    }

    @Test("pixora config also exits 2 on an invalid value, without echoing a secret")
    func invalidSecret() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try await cli.run(["config"], environment: ["PIXORA_JWT_SECRET": "too-short-secret"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("PIXORA_JWT_SECRET must be text of at least 32 characters"), "\(result.stderr)")
        #expect(!result.stderr.contains("too-short-secret"))
    }

    @Test("an unknown PIXORA_ variable is a warning, not an error")
    func unknownVariable() async throws {
        let cli = try CLI()
        defer { cli.remove() }
        let result = try await cli.run(["config"], environment: ["PIXORA_LEASE_SECOND": "10"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: PIXORA_LEASE_SECOND is not a Pixora setting"), "\(result.stderr)")
    }
}
