import ArgumentParser
import Foundation
import Logging
import PixoraCore
import PixoraProviders

struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers",
        abstract: "Cloud AI providers: which one serves each role, and whether it answers.",
        subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Show the provider of every role (from OPENAI_API_KEY, FAL_KEY, ELEVENLABS_API_KEY, PIXORA_*_PROVIDER) and call each configured one.",
            discussion: "Exits 1 when a configured provider does not answer or refuses its key. Keys are never printed."
        )

        func run() async throws {
            var logger = Logger(label: "pixora.providers")
            logger.logLevel = .error
            let settings = try ProviderSettings.from(configuration: .current)
            let lines = await settings.check(logger: logger)
            let width = lines.map(\.role.count).max() ?? 0
            for line in lines {
                let role = line.role.padding(toLength: width, withPad: " ", startingAt: 0)
                print("\(line.ok ? "ok  " : "FAIL") \(role)  \(line.provider): \(line.detail)")
            }
            if settings.fallback { print("fallback: the embedded generators stand in when a provider fails") }
            if lines.contains(where: { !$0.ok }) { throw ExitCode(1) }
        }
    }
}
