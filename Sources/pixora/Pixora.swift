import ArgumentParser
import Foundation
import Logging
import PixoraCore
import PixoraServer

@main
struct Pixora: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pixora",
        abstract: "Pixora: a self-hostable AI video studio. Turns a prompt into a narrated, scored, captioned MP4.",
        discussion: """
            Environment:
              PIXORA_CACHE_DIR   content-addressed asset cache (default: $XDG_CACHE_HOME/pixora or ~/.cache/pixora)
              PIXORA_SOUNDFONT   General MIDI soundfont for music (default: /usr/share/sounds/sf2/FluidR3_GM.sf2)
              OPENAI_API_KEY, OPENAI_BASE_URL, PIXORA_LLM_MODEL, FAL_KEY, ELEVENLABS_API_KEY, PIXORA_*_PROVIDER
                                 cloud providers (see `pixora providers check` and the README)
              `pixora config` lists every variable with its effective value.
            """,
        subcommands: [
            Generate.self, Render.self, Analyze.self, Remix.self, Studio.self, Serve.self, WorkerCommand.self,
            Migrate.self,
            Admin.self, ProvidersCommand.self, VoicesCommand.self,
            ConfigCommand.self, MCPCommand.self, StorageCommand.self,
        ])

    /// Runs the command; usage errors exit with 2, other failures with 1, each with one clear message.
    static func main() async {
        // User text reaches log lines (titles in errors, providers' messages); it must not be able to forge lines.
        LoggingSystem.bootstrap { EscapingLogHandler(wrapping: StreamLogHandler.standardError(label: $0)) }
        do {
            var command = try parseAsRoot()
            // One rule for every variable: a present but invalid value stops here, before any command runs.
            let configuration = try Configuration.process.get()
            for warning in configuration.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
            if let asyncCommand = command as? any AsyncParsableCommand {
                try await runCancellable(asyncCommand)
            } else {
                try command.run()
            }
        } catch is CancellationError {
            FileHandle.standardError.write(Data("\ncancelled; temporary files were removed\n".utf8))
            Foundation.exit(130)
        } catch let error as any UserFacingError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            Foundation.exit(error.isUsageError ? 2 : 1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data("\(fullMessage(for: error))\n".utf8))
            // Argument mistakes are usage errors: exit status 2, like other command-line tools.
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// Runs the command in a task that Ctrl-C (SIGINT) or SIGTERM cancels. Cancellation stops the running tool
    /// and unwinds through every temporary-file writer, so an interrupted run leaves no partial output or asset.
    /// The signals are ignored by this process, and so by the tools it starts, which are stopped by cancellation.
    static func runCancellable(_ command: sending any AsyncParsableCommand) async throws {
        let task = Task {
            var command = command
            try await command.run()
        }
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        try await task.value
        if task.isCancelled { throw CancellationError() }
    }
}
