import ArgumentParser
import Foundation
import PixoraCore
import PixoraGenerators
import PixoraPipeline

/// `pixora voices`: every narrator voice, its engine and whether this machine can speak it, so a user can see why
/// a Piper voice sounds like flite (Piper not installed) before generating.
struct VoicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voices",
        abstract: "List the narrator voices for --voice: engine, description, usable here, and the default.",
        discussion: """
            Piper voices need scripts/install-piper.sh (or PIXORA_PIPER_VENV); without Piper, flite's closest \
            voice speaks instead.
            """)

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    /// One voice as listed.
    struct Entry: Codable, Equatable {
        var name: String
        var engine: String
        var label: String
        var usable: Bool
        var isDefault: Bool
        /// The voice that speaks instead when this one's engine is missing.
        var standIn: String?

        enum CodingKeys: String, CodingKey {
            case name, engine, label, usable, standIn
            case isDefault = "default"
        }
    }

    static func entries(speech: EmbeddedSpeechGenerator) -> [Entry] {
        Voice.allCases.map { voice in
            let usable = speech.isUsable(voice)
            return Entry(
                name: voice.rawValue, engine: voice.engine.rawValue, label: voice.label, usable: usable,
                isDefault: voice == speech.preferredDefault, standIn: usable ? nil : voice.fliteStandIn.rawValue)
        }
    }

    func run() throws {
        let speech = GeneratorSet.embedded.speech as? EmbeddedSpeechGenerator ?? EmbeddedSpeechGenerator()
        let entries = Self.entries(speech: speech)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
            return
        }
        let width = entries.map(\.label.count).max() ?? 0
        print("voice  engine  " + "description".padding(toLength: width, withPad: " ", startingAt: 0) + "  usable")
        for entry in entries {
            let usable = entry.usable ? "yes" : "no (\(entry.standIn ?? "flite") speaks instead)"
            let name = (entry.name + (entry.isDefault ? "*" : "")).padding(toLength: 5, withPad: " ", startingAt: 0)
            let engine = entry.engine.padding(toLength: 6, withPad: " ", startingAt: 0)
            print("\(name)  \(engine)  \(entry.label.padding(toLength: width, withPad: " ", startingAt: 0))  \(usable)")
        }
        if let piper = speech.piper {
            print("* default. Piper \(piper.installation.version) in \(piper.installation.venv.path)")
        } else {
            print("* default. Piper is not installed: scripts/install-piper.sh (or set PIXORA_PIPER_VENV)")
        }
    }
}
