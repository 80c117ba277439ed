import ArgumentParser
import PixoraCore

/// `pixora config`: what each setting is and where it comes from, so a deployment can be checked without reading code.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print every environment variable Pixora reads, its effective value and its source.",
        discussion: "Secrets show **** when set. Exits 2 naming the variable when a value is invalid.")

    func run() throws {
        // Pixora.main has already parsed the environment and stopped on an invalid value.
        print(Configuration.current.reportText)
    }
}
