import ArgumentParser
import Foundation
import PixoraCore

@main
struct Pixora: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pixora",
        abstract: "Pixora: a self-hostable AI video studio. Turns a prompt into a narrated, scored, captioned MP4.",
        discussion: """
            Environment:
              PIXORA_CACHE_DIR   content-addressed asset cache (default: $XDG_CACHE_HOME/pixora or ~/.cache/pixora)
              PIXORA_SOUNDFONT   General MIDI soundfont for music (default: /usr/share/sounds/sf2/FluidR3_GM.sf2)
            """,
        subcommands: [Generate.self, Render.self])

    /// Runs the command; usage errors exit with 2, other failures with 1, each with one clear message.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
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
}
